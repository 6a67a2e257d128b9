// libpqxx driver program for driver_compare_test.py: connects to the server
// given as arguments (host port user dbname) and prints what libpqxx
// observed: values (text results; bytea parameters go in binary), their
// conversions to C++ types, prepared statements, transactions and
// subtransactions, SQLSTATEs and COPY through stream_to / stream_from. The
// output is compared between PostgreSQL 15 and stratad; nothing here states
// an expected value.
#include <pqxx/pqxx>

#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace {

template <typename Fn>
void Step(pqxx::connection& conn, const std::string& label, Fn fn) {
  try {
    fn();
  } catch (const pqxx::sql_error& e) {
    std::cout << label << ": ERROR " << e.sqlstate() << "\n";
  } catch (const std::exception& e) {
    std::cout << label << ": EXCEPTION\n";
  }
  (void)conn;
}

void PrintResult(const std::string& label, const pqxx::result& r) {
  std::cout << label << ": rows " << r.size() << " affected " << r.affected_rows() << "\n";
  for (const auto& row : r) {
    std::cout << " ";
    for (const auto& f : row) {
      std::cout << " | " << f.name() << " type " << f.type() << " "
                << (f.is_null() ? std::string("NULL") : std::string(f.c_str()));
    }
    std::cout << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) return 2;
  std::cout << std::unitbuf;
  pqxx::connection conn("host=" + std::string(argv[1]) + " port=" + argv[2] + " user=" +
                        argv[3] + " dbname=" + argv[4]);
  std::cout << "connected " << conn.server_version() / 10000 << "\n";

  const std::vector<std::pair<std::string, std::string>> exprs = {
      {"int2", "1::int2"}, {"int4", "(-2147483648)::int4"},
      {"int8", "9223372036854775807::int8"}, {"numeric", "12345.678900::numeric"},
      {"float4", "1.5::float4"}, {"float8", "-2.25e100::float8"}, {"bool", "true"},
      {"text", "'héllo'::text"}, {"bpchar", "'ab'::char(4)"}, {"bytea", "'\\xdeadbeef'::bytea"},
      {"date", "'2024-02-29'::date"}, {"timestamptz", "'2024-01-02 03:04:05+02'::timestamptz"},
      {"interval", "'1 day 02:03:04'::interval"},
      {"uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"},
      {"jsonb", "'{\"b\": null, \"a\": 1}'::jsonb"}, {"int4_array", "ARRAY[1, NULL, 3]"},
      {"null", "NULL::int4"}};
  for (const auto& [name, expr] : exprs) {
    Step(conn, "literal " + name, [&] {
      pqxx::nontransaction tx(conn);
      PrintResult("literal " + name, tx.exec("SELECT " + expr));
    });
  }

  Step(conn, "conversions", [&] {
    pqxx::nontransaction tx(conn);
    pqxx::row r = tx.exec1("SELECT 42::int4, 2::int8 ^ 40, 0.5::float8, true, 'x'::text, "
                           "NULL::int4, '\\x00ff'::bytea");
    std::cout << "as " << r[0].as<int>() << " " << r[1].as<double>() << " "
              << r[2].as<double>() << " " << r[3].as<bool>() << " " << r[4].as<std::string>()
              << " " << r[5].is_null() << " "
              << pqxx::binarystring(r[6]).size() << "\n";
    try {
      r[4].as<int>();
      std::cout << "conversion: none\n";
    } catch (const pqxx::conversion_error&) {
      std::cout << "conversion error\n";
    }
  });

  Step(conn, "params", [&] {
    pqxx::nontransaction tx(conn);
    const std::string raw("\x00\x01\xff", 3);
    pqxx::binarystring bytes(raw);
    PrintResult("params", tx.exec_params("SELECT $1::int4 + 1, $2::text, $3::bytea, $4::int4",
                                         41, "it's", bytes, std::optional<int>()));
  });

  Step(conn, "table", [&] {
    pqxx::work tx(conn);
    tx.exec0("CREATE TABLE px_items (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2))");
    PrintResult("insert", tx.exec("INSERT INTO px_items VALUES (1, 'one', 1.5), (2, 'two', NULL)"));
    tx.commit();
  });

  Step(conn, "prepared", [&] {
    conn.prepare("ins", "INSERT INTO px_items VALUES ($1, $2, $3)");
    conn.prepare("sel", "SELECT id, name, price FROM px_items WHERE id >= $1 ORDER BY id");
    pqxx::work tx(conn);
    for (int i = 3; i < 6; ++i) {
      PrintResult("exec_prepared", tx.exec_prepared("ins", i, "p" + std::to_string(i),
                                                    std::to_string(i) + ".25"));
    }
    PrintResult("select prepared", tx.exec_prepared("sel", 2));
    tx.commit();
  });

  Step(conn, "transactions", [&] {
    {
      pqxx::work tx(conn);
      tx.exec0("INSERT INTO px_items VALUES (10, 'aborted', NULL)");
      tx.abort();
    }
    {
      pqxx::work tx(conn);
      tx.exec0("INSERT INTO px_items VALUES (11, 'kept', NULL)");
      try {
        pqxx::subtransaction sub(tx, "sub");
        sub.exec0("INSERT INTO px_items VALUES (12, 'undone', NULL)");
        sub.exec0("INSERT INTO px_items VALUES (1, 'dup', NULL)");
        sub.commit();
      } catch (const pqxx::sql_error& e) {
        std::cout << "subtransaction " << e.sqlstate() << "\n";
      }
      tx.commit();
    }
    pqxx::nontransaction tx(conn);
    PrintResult("after", tx.exec("SELECT id FROM px_items WHERE id >= 10 ORDER BY id"));
  });

  const std::vector<std::pair<std::string, std::string>> errors = {
      {"unique", "INSERT INTO px_items VALUES (1, 'dup', NULL)"},
      {"not_null", "INSERT INTO px_items VALUES (99, NULL, NULL)"},
      {"undefined_table", "SELECT * FROM px_missing"},
      {"syntax", "SELEC 1"},
      {"division", "SELECT 1 / 0"},
      {"numeric_overflow", "SELECT 1e10::numeric(8,2)"}};
  for (const auto& [name, sql] : errors) {
    Step(conn, "error " + name, [&] {
      pqxx::work tx(conn);
      tx.exec(sql);
      std::cout << "error " << name << ": none\n";
    });
  }
  Step(conn, "error prepared", [&] {
    conn.prepare("div", "SELECT 10 / $1");
    pqxx::work tx(conn);
    tx.exec_prepared("div", 0);
  });

  Step(conn, "copy", [&] {
    pqxx::work tx(conn);
    tx.exec0("CREATE TABLE px_copy (a int, b text, c date)");
    {
      pqxx::stream_to to(tx, "px_copy");
      to << std::make_tuple(1, std::string("x\ty"), std::string("2020-01-01"));
      to << std::make_tuple(2, std::optional<std::string>(), std::optional<std::string>());
      to.complete();
    }
    PrintResult("nulls copied",
                tx.exec("SELECT a, b IS NULL, c IS NULL FROM px_copy ORDER BY a"));
    // libpqxx 6.4's stream_from crashes reading a NULL into std::optional
    // (it assigns a null char pointer), so the rows read back hold no NULLs.
    tx.exec0("UPDATE px_copy SET b = coalesce(b, 'none'), c = coalesce(c, '1999-12-31')");
    {
      pqxx::stream_from from(tx, "px_copy");
      std::tuple<int, std::string, std::string> row;
      while (from >> row) {
        std::cout << "copied " << std::get<0>(row) << " " << std::get<1>(row) << " "
                  << std::get<2>(row) << "\n";
      }
      from.complete();
    }
    tx.commit();
  });

  Step(conn, "cleanup", [&] {
    pqxx::work tx(conn);
    tx.exec0("DROP TABLE px_items, px_copy");
    tx.commit();
  });
  std::cout << "-- done" << std::endl;
  return 0;
}
