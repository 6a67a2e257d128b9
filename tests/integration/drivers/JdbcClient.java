// pgjdbc driver program for driver_compare_test.py: connects over TCP to the
// server given as arguments (host port user dbname; the host is ignored, the
// servers listen on 127.0.0.1) and prints what pgjdbc observed: values with
// their Java classes in the text format (simple statements) and the binary
// format (prepareThreshold=1 makes every statement server-prepared, and
// pgjdbc then asks for binary results), prepared statements, batches,
// transactions, SQLSTATEs, COPY and DatabaseMetaData. The output is compared
// between PostgreSQL 15 and stratad; nothing here states an expected value.
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

public class JdbcClient {
  interface Step { void run() throws Exception; }

  static Connection conn;

  // One check; an SQLException prints its SQLSTATE and the transaction (if
  // any) is rolled back so the next check starts clean.
  static void step(String label, Step s) {
    try {
      s.run();
    } catch (SQLException e) {
      System.out.println(label + ": ERROR " + e.getSQLState());
      try {
        if (!conn.getAutoCommit()) conn.rollback();
      } catch (SQLException ignored) {
        System.out.println(label + ": rollback failed");
      }
    } catch (Exception e) {
      System.out.println(label + ": EXCEPTION " + e.getClass().getName());
    }
  }

  static String show(Object v) throws SQLException {
    if (v == null) return "null";
    if (v instanceof byte[]) return "byte[] " + Arrays.toString((byte[]) v);
    if (v instanceof Array) {
      Object inner = ((Array) v).getArray();
      return "Array " + ((Array) v).getBaseTypeName() + " "
          + Arrays.deepToString(new Object[] {inner});
    }
    return v.getClass().getName() + " " + v;
  }

  static void printRows(String label, ResultSet rs) throws SQLException {
    printRows(label, rs, java.util.Set.of());
  }

  // `masked` columns print as "*": storage sizes and statistics, which are
  // not meant to match PostgreSQL's.
  static void printRows(String label, ResultSet rs, java.util.Set<String> masked)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      StringBuilder sb = new StringBuilder(label);
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String column = md.getColumnLabel(i);
        sb.append(" | ").append(column).append('=')
            .append(masked.contains(column) ? "*" : rs.getString(i));
      }
      System.out.println(sb);
    }
    rs.close();
  }

  static final String[][] EXPRS = {
    {"int2", "1::int2"}, {"int4", "(-2147483648)::int4"}, {"int8", "9223372036854775807::int8"},
    {"numeric", "12345.678900::numeric"}, {"numeric_nan", "'NaN'::numeric"},
    {"float4", "1.5::float4"}, {"float8", "-2.25e100::float8"},
    {"float8_inf", "'Infinity'::float8"}, {"bool", "true"}, {"text", "'héllo'::text"},
    {"varchar", "'ab'::varchar(5)"}, {"bpchar", "'ab'::char(4)"},
    {"bytea", "'\\xdeadbeef'::bytea"}, {"date", "'2024-02-29'::date"},
    {"time", "'13:45:01.25'::time"}, {"timestamp", "'2024-01-02 03:04:05.678'::timestamp"},
    {"timestamptz", "'2024-01-02 03:04:05+02'::timestamptz"},
    {"interval", "'1 day 02:03:04'::interval"},
    {"uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"},
    {"json", "'{\"a\": [1, 2]}'::json"}, {"jsonb", "'{\"b\": null, \"a\": 1}'::jsonb"},
    {"int4_array", "ARRAY[1, NULL, 3]"}, {"text_array", "ARRAY['a', 'b c']"},
    {"null", "NULL::int4"}, {"oid", "'pg_class'::regclass::oid"},
  };

  static void types(String mode) throws SQLException {
    for (String[] e : EXPRS) {
      step(mode + " " + e[0], () -> {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + e[1])) {
          // Twice: with prepareThreshold=1 the second run is the binary one.
          for (int run = 0; run < 2; run++) {
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              ResultSetMetaData md = rs.getMetaData();
              System.out.println(mode + " " + e[0] + " run " + run + ": " + show(rs.getObject(1))
                  + " | string " + rs.getString(1) + " | " + md.getColumnTypeName(1) + " "
                  + md.getColumnType(1) + " " + md.getPrecision(1) + " " + md.getScale(1));
            }
          }
        }
      });
    }
  }

  public static void main(String[] args) throws Exception {
    String port = args[1], user = args[2], db = args[3];
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    Properties props = new Properties();
    props.setProperty("user", user);
    conn = DriverManager.getConnection(url, props);
    DatabaseMetaData meta = conn.getMetaData();
    System.out.println("connected " + meta.getDatabaseProductName() + " "
        + meta.getDatabaseMajorVersion());

    // Text results: simple query protocol for every statement.
    props.setProperty("preferQueryMode", "simple");
    Connection simple = DriverManager.getConnection(url, props);
    Connection main = conn;
    conn = simple;
    types("text");
    simple.close();
    props.remove("preferQueryMode");
    props.setProperty("prepareThreshold", "1");
    conn = DriverManager.getConnection(url, props);
    types("binary");
    conn.close();
    conn = main;

    step("table", () -> {
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE TABLE jd_items (id int PRIMARY KEY, name varchar(20) NOT NULL, "
            + "price numeric(10,2), made date, seen timestamptz, raw bytea, ok boolean, "
            + "tag uuid)");
        System.out.println("insert count " + st.executeUpdate(
            "INSERT INTO jd_items (id, name) VALUES (1, 'one'), (2, 'two')"));
      }
    });

    step("prepared", () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO jd_items VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 7; i++) {  // past prepareThreshold: server-prepared, binary
          ps.setInt(1, 10 + i);
          ps.setString(2, "p" + i);
          ps.setBigDecimal(3, new BigDecimal("1.25").multiply(BigDecimal.valueOf(i)));
          ps.setDate(4, java.sql.Date.valueOf("2023-03-0" + (i + 1)));
          ps.setTimestamp(5, java.sql.Timestamp.valueOf("2023-03-01 10:00:0" + i + ".5"));
          ps.setBytes(6, new byte[] {(byte) i, (byte) 0xff});
          if (i % 2 == 0) ps.setBoolean(7, i == 0); else ps.setNull(7, Types.BOOLEAN);
          ps.setObject(8, new UUID(i, 42));
          System.out.println("prepared insert " + ps.executeUpdate());
        }
      }
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT * FROM jd_items WHERE id >= ? AND name <> ? ORDER BY id")) {
        for (int i = 0; i < 2; i++) {
          ps.setInt(1, 12);
          ps.setString(2, "p5");
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              StringBuilder sb = new StringBuilder("row");
              for (int c = 1; c <= md.getColumnCount(); c++) {
                sb.append(" | ").append(show(rs.getObject(c)));
              }
              System.out.println(sb);
            }
          }
        }
      }
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE jd_items SET price = coalesce(price, 0) + ? WHERE id < ?")) {
        ps.setBigDecimal(1, new BigDecimal("0.5"));
        ps.setLong(2, 13);
        System.out.println("update count " + ps.executeUpdate());
      }
    });

    step("batch", () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO jd_items (id, name) VALUES (?, ?)")) {
        for (int i = 100; i < 105; i++) {
          ps.setInt(1, i);
          ps.setString(2, "b" + i);
          ps.addBatch();
        }
        System.out.println("batch " + Arrays.toString(ps.executeBatch()));
      }
      try (Statement st = conn.createStatement()) {
        st.addBatch("UPDATE jd_items SET name = name || '!' WHERE id >= 100");
        st.addBatch("DELETE FROM jd_items WHERE id = 104");
        st.addBatch("INSERT INTO jd_items (id, name) VALUES (200, 'x')");
        System.out.println("statement batch " + Arrays.toString(st.executeBatch()));
      }
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO jd_items (id, name) VALUES (?, ?)")) {
        ps.setInt(1, 300);
        ps.setString(2, "ok");
        ps.addBatch();
        ps.setInt(1, 1);
        ps.setString(2, "dup");
        ps.addBatch();
        try {
          ps.executeBatch();
          System.out.println("failing batch: no error");
        } catch (BatchUpdateException e) {
          System.out.println("failing batch " + e.getSQLState() + " "
              + Arrays.toString(e.getUpdateCounts()));
        }
      }
    });

    step("transactions", () -> {
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        st.executeUpdate("INSERT INTO jd_items (id, name) VALUES (400, 'rolled back')");
        conn.rollback();
        st.executeUpdate("INSERT INTO jd_items (id, name) VALUES (401, 'kept')");
        Savepoint sp = conn.setSavepoint("sp1");
        st.executeUpdate("INSERT INTO jd_items (id, name) VALUES (402, 'undone')");
        conn.rollback(sp);
        conn.commit();
        printRows("after", st.executeQuery("SELECT id FROM jd_items WHERE id >= 400 ORDER BY id"));
        conn.commit();
        try {
          st.executeQuery("SELECT 1 / 0");
        } catch (SQLException e) {
          System.out.println("first " + e.getSQLState());
        }
        try {
          st.executeQuery("SELECT 1");
        } catch (SQLException e) {
          System.out.println("aborted " + e.getSQLState());
        }
        conn.rollback();
        conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        printRows("isolation", st.executeQuery("SHOW transaction_isolation"));
        conn.rollback();
        conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      } finally {
        conn.setAutoCommit(true);
      }
    });

    String[][] errors = {
      {"unique", "INSERT INTO jd_items (id, name) VALUES (1, 'dup')"},
      {"not_null", "INSERT INTO jd_items (id, name) VALUES (99, NULL)"},
      {"undefined_table", "SELECT * FROM jd_missing"},
      {"undefined_column", "SELECT nope FROM jd_items"},
      {"syntax", "SELEC 1"},
      {"division", "SELECT 1 / 0"},
      {"invalid_text", "SELECT 'x'::int"},
      {"too_long", "INSERT INTO jd_items (id, name) VALUES (98, repeat('x', 30))"},
    };
    for (String[] e : errors) {
      step("error " + e[0], () -> {
        try (Statement st = conn.createStatement()) {
          st.execute(e[1]);
          System.out.println("error " + e[0] + ": none");
        }
      });
    }
    step("error prepared", () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT 10 / ?")) {
        ps.setInt(1, 0);
        ps.executeQuery();
      }
    });

    step("copy", () -> {
      CopyManager cm = conn.unwrap(PGConnection.class).getCopyAPI();
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE TABLE jd_copy (a int, b text, c date)");
      }
      System.out.println("copy in " + cm.copyIn("COPY jd_copy FROM STDIN",
          new StringReader("1\tx\t2020-01-01\n2\t\\N\t2021-12-31\n")));
      System.out.println("copy csv in " + cm.copyIn("COPY jd_copy FROM STDIN (FORMAT csv)",
          new StringReader("3,\"a,b\",\n")));
      StringWriter out = new StringWriter();
      System.out.println("copy out " + cm.copyOut("COPY jd_copy TO STDOUT", out));
      System.out.print(out);
      out = new StringWriter();
      cm.copyOut("COPY (SELECT * FROM jd_copy ORDER BY a DESC) TO STDOUT (FORMAT csv, HEADER)",
          out);
      System.out.print(out);
      try {
        cm.copyIn("COPY jd_copy FROM STDIN", new StringReader("bad\n"));
      } catch (SQLException e) {
        System.out.println("copy error " + e.getSQLState());
      }
    });

    step("metadata", () -> {
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE TABLE jd_parent (a int, b text, PRIMARY KEY (b, a))");
        st.execute("CREATE TABLE jd_child (id bigserial PRIMARY KEY, pa int, pb text, "
            + "note varchar(30) DEFAULT 'n', FOREIGN KEY (pb, pa) REFERENCES jd_parent)");
        st.execute("CREATE UNIQUE INDEX jd_child_note ON jd_child (note)");
        st.execute("CREATE INDEX jd_child_pa ON jd_child (pa, pb)");
      }
      printRows("tables", meta.getTables(null, "public", "jd_%", new String[] {"TABLE"}));
      printRows("columns", meta.getColumns(null, "public", "jd_child", null));
      printRows("columns", meta.getColumns(null, "public", "jd_items", "p%"));
      // pgjdbc's queries here select fields of
      // information_schema._pg_expandarray()'s composite rows.
      printRows("primary keys", meta.getPrimaryKeys(null, "public", "jd_parent"));
      printRows("primary keys", meta.getPrimaryKeys(null, "public", "jd_child"));
      // CARDINALITY and PAGES are the index's pg_class reltuples and relpages.
      java.util.Set<String> sizes = java.util.Set.of("CARDINALITY", "PAGES");
      printRows("index info", meta.getIndexInfo(null, "public", "jd_child", false, false), sizes);
      printRows("unique index info", meta.getIndexInfo(null, "public", "jd_child", true, false),
          sizes);
    });

    step("cleanup", () -> {
      try (Statement st = conn.createStatement()) {
        st.execute("DROP TABLE jd_items, jd_copy, jd_child, jd_parent");
      }
    });
    conn.close();
    System.out.println("-- done");
  }
}
