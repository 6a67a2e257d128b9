// libpq_extended_client: drives one server through libpq's extended-query
// API (PQprepare, PQdescribePrepared/Portal, PQexecPrepared, PQexecParams with
// text and binary values both ways, single-row mode, pipeline mode) and
// prints everything the client sees, one line per fact, so that the output
// for stratad and for PostgreSQL 15 can be compared byte for byte
// (libpq_extended_test.py). Server-specific facts (error source locations,
// version, process id) are not printed.
//
// Usage: libpq_extended_client "conninfo"
#include <libpq-fe.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string Hex(const char* data, int len) {
  static const char* kDigits = "0123456789abcdef";
  std::string out = "\\x";
  for (int i = 0; i < len; ++i) {
    const auto b = static_cast<unsigned char>(data[i]);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

const char* Field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v != nullptr ? v : "";
}

// Prints a result: status, error fields, row description, rows, tag.
void Print(const char* label, PGresult* r) {
  std::printf("-- %s\n", label);
  if (r == nullptr) {
    std::printf("  (null result)\n");
    return;
  }
  std::printf("  status %s\n", PQresStatus(PQresultStatus(r)));
  if (PQresultStatus(r) == PGRES_FATAL_ERROR || PQresultStatus(r) == PGRES_NONFATAL_ERROR) {
    std::printf("  severity %s sqlstate %s\n", Field(r, PG_DIAG_SEVERITY_NONLOCALIZED),
                Field(r, PG_DIAG_SQLSTATE));
    std::printf("  message %s\n", Field(r, PG_DIAG_MESSAGE_PRIMARY));
    std::printf("  detail %s\n", Field(r, PG_DIAG_MESSAGE_DETAIL));
    std::printf("  hint %s\n", Field(r, PG_DIAG_MESSAGE_HINT));
    std::printf("  position %s\n", Field(r, PG_DIAG_STATEMENT_POSITION));
    std::printf("  context %s\n", Field(r, PG_DIAG_CONTEXT));
  }
  const int nparams = PQnparams(r);
  if (nparams > 0) {
    std::printf("  params");
    for (int i = 0; i < nparams; ++i) std::printf(" %u", PQparamtype(r, i));
    std::printf("\n");
  }
  const int nfields = PQnfields(r);
  for (int c = 0; c < nfields; ++c) {
    // User table OIDs differ between servers: print whether there is one
    // (>= 16384, PostgreSQL's FirstNormalObjectId) and the column number.
    const Oid table = PQftable(r, c);
    std::printf("  field %s type %u mod %d size %d format %d table %s column %d\n", PQfname(r, c),
                PQftype(r, c), PQfmod(r, c), PQfsize(r, c), PQfformat(r, c),
                table == InvalidOid ? "none" : table >= 16384 ? "user" : "system",
                PQftablecol(r, c));
  }
  for (int row = 0; row < PQntuples(r); ++row) {
    std::printf("  row");
    for (int c = 0; c < nfields; ++c) {
      if (PQgetisnull(r, row, c)) {
        std::printf(" NULL");
      } else if (PQfformat(r, c) == 1) {
        std::printf(" %s", Hex(PQgetvalue(r, row, c), PQgetlength(r, row, c)).c_str());
      } else {
        std::printf(" '%s'", PQgetvalue(r, row, c));
      }
    }
    std::printf("\n");
  }
  std::printf("  tag '%s' ntuples %d\n", PQcmdStatus(r), PQntuples(r));
}

void PrintAndClear(const char* label, PGresult* r) {
  Print(label, r);
  PQclear(r);
}

std::string BigEndian(uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

// Runs PQexecParams with the given values and formats.
PGresult* ExecParams(PGconn* conn, const char* query, const std::vector<Oid>& types,
                     const std::vector<const std::string*>& values, const std::vector<int>& formats,
                     int result_format) {
  std::vector<const char*> ptrs;
  std::vector<int> lengths;
  for (const std::string* v : values) {
    ptrs.push_back(v != nullptr ? v->data() : nullptr);
    lengths.push_back(v != nullptr ? static_cast<int>(v->size()) : 0);
  }
  return PQexecParams(conn, query, static_cast<int>(values.size()),
                      types.empty() ? nullptr : types.data(), ptrs.data(), lengths.data(),
                      formats.empty() ? nullptr : formats.data(), result_format);
}

void PreparedStatements(PGconn* conn) {
  PrintAndClear("prepare s1",
                PQprepare(conn, "s1", "select $1::int + 1 as a, $2 || 'x' as b, $3 as c", 0,
                          nullptr));
  PrintAndClear("describe s1", PQdescribePrepared(conn, "s1"));
  const char* values[] = {"41", "y", "z"};
  PrintAndClear("exec s1 text", PQexecPrepared(conn, "s1", 3, values, nullptr, nullptr, 0));
  PrintAndClear("exec s1 binary", PQexecPrepared(conn, "s1", 3, values, nullptr, nullptr, 1));
  const char* nulls[] = {nullptr, nullptr, nullptr};
  PrintAndClear("exec s1 nulls", PQexecPrepared(conn, "s1", 3, nulls, nullptr, nullptr, 1));
  const char* bad[] = {"forty", "y", "z"};
  PrintAndClear("exec s1 bad int", PQexecPrepared(conn, "s1", 3, bad, nullptr, nullptr, 0));
  PrintAndClear("exec s1 too few", PQexecPrepared(conn, "s1", 2, values, nullptr, nullptr, 0));
  PrintAndClear("prepare s1 again", PQprepare(conn, "s1", "select 1", 0, nullptr));
  PrintAndClear("exec missing", PQexecPrepared(conn, "nope", 0, nullptr, nullptr, nullptr, 0));
  PrintAndClear("describe missing", PQdescribePrepared(conn, "nope"));
  PrintAndClear("describe missing portal", PQdescribePortal(conn, "nope"));

  const Oid typed[] = {20, 1700, 701};
  PrintAndClear("prepare s2 typed",
                PQprepare(conn, "s2", "select $1 * 2, $2 + 0.5, $3 / 4, $1 is null", 3, typed));
  PrintAndClear("describe s2", PQdescribePrepared(conn, "s2"));
  const char* v2[] = {"-9000000000", "12.345", "1e300"};
  PrintAndClear("exec s2 text", PQexecPrepared(conn, "s2", 3, v2, nullptr, nullptr, 0));
  PrintAndClear("exec s2 binary", PQexecPrepared(conn, "s2", 3, v2, nullptr, nullptr, 1));
  const char* overflow[] = {"9223372036854775807", "1", "1"};
  PrintAndClear("exec s2 overflow", PQexecPrepared(conn, "s2", 3, overflow, nullptr, nullptr, 0));

  PrintAndClear("prepare undetermined", PQprepare(conn, "s3", "select $1 is null", 0, nullptr));
  PrintAndClear("prepare two statements", PQprepare(conn, "s3", "select 1; select 2", 0, nullptr));
  PrintAndClear("prepare syntax error", PQprepare(conn, "s3", "select 1 +", 0, nullptr));
  PrintAndClear("prepare empty", PQprepare(conn, "s4", "", 0, nullptr));
  PrintAndClear("describe empty", PQdescribePrepared(conn, "s4"));
  PrintAndClear("exec empty", PQexecPrepared(conn, "s4", 0, nullptr, nullptr, nullptr, 0));
  PrintAndClear("deallocate via SQL", PQexec(conn, "deallocate s2"));
  PrintAndClear("exec deallocated", PQexecPrepared(conn, "s2", 3, v2, nullptr, nullptr, 0));
  PrintAndClear("SQL prepare", PQexec(conn, "prepare s5(int) as select $1 * 3 as tripled"));
  PrintAndClear("describe SQL-prepared", PQdescribePrepared(conn, "s5"));
  const char* v5[] = {"14"};
  PrintAndClear("exec SQL-prepared", PQexecPrepared(conn, "s5", 1, v5, nullptr, nullptr, 1));
  PrintAndClear("execute via extended", PQexecParams(conn, "execute s5(7)", 0, nullptr, nullptr,
                                                     nullptr, nullptr, 0));
  PrintAndClear("deallocate all", PQexec(conn, "deallocate all"));
}

void ExecParamsCases(PGconn* conn) {
  // Binary parameters of each type, binary and text results.
  const std::string b_true("\x01", 1);
  const std::string i2 = BigEndian(static_cast<uint16_t>(-2), 2);
  const std::string i4 = BigEndian(123456, 4);
  const std::string i8 = BigEndian(static_cast<uint64_t>(-5000000000LL), 8);
  uint32_t f4_bits;
  float f4 = 1.5f;
  std::memcpy(&f4_bits, &f4, 4);
  const std::string f4s = BigEndian(f4_bits, 4);
  uint64_t f8_bits;
  double f8 = -0.1;
  std::memcpy(&f8_bits, &f8, 8);
  const std::string f8s = BigEndian(f8_bits, 8);
  const std::string text = "h\xc3\xa9llo";
  // numeric 1234.5600: ndigits 2, weight 0, sign +, dscale 4, digits 1234 5600
  const std::string num = BigEndian(2, 2) + BigEndian(0, 2) + BigEndian(0, 2) + BigEndian(4, 2) +
                          BigEndian(1234, 2) + BigEndian(5600, 2);
  const std::vector<Oid> types = {16, 21, 23, 20, 700, 701, 25, 1043, 1700};
  const std::vector<const std::string*> values = {&b_true, &i2, &i4, &i8, &f4s,
                                                  &f8s,    &text, &text, &num};
  const std::vector<int> binary(9, 1);
  const char* query = "select $1, $2, $3, $4, $5, $6, $7, $8, $9";
  PrintAndClear("binary in, text out", ExecParams(conn, query, types, values, binary, 0));
  PrintAndClear("binary in, binary out", ExecParams(conn, query, types, values, binary, 1));

  // Binary results of computed values.
  PrintAndClear("binary results",
                PQexecParams(conn,
                             "select 1::int2, -1::int4, 2::int8, 1.5::float4, 'NaN'::float8, "
                             "-12.5::numeric, 0::numeric, 'NaN'::numeric, 'a'::varchar, "
                             "false, 100000000.000001::numeric, -0.00042::numeric",
                             0, nullptr, nullptr, nullptr, nullptr, 1));

  // Binary results and parameters of bytea, bpchar, uuid, json, jsonb and arrays.
  PrintAndClear("binary results, more types",
                PQexecParams(conn,
                             "select '\\x00ff41'::bytea, 'ab'::char(4), "
                             "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, "
                             "'{\"b\": 1,  \"a\": [true]}'::json, "
                             "'{\"b\": 1,  \"a\": [true]}'::jsonb, "
                             "array[1, null, 3], '[0:1]={x,\"y z\"}'::text[], "
                             "array[]::int8[], array['{}'::jsonb]",
                             0, nullptr, nullptr, nullptr, nullptr, 1));
  const std::string bytea("\x00\x01\xfe", 3);
  const std::string uuid("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0", 16);
  const std::string json = "[1,  2]";
  const std::string jsonb = std::string("\x01", 1) + "{\"k\":   [1, 2.50]}";
  // int4[] {7,NULL}: ndim 1, has_nulls 1, element 23, length 2, lower bound 1.
  const std::string int_array = BigEndian(1, 4) + BigEndian(1, 4) + BigEndian(23, 4) +
                                BigEndian(2, 4) + BigEndian(1, 4) + BigEndian(4, 4) +
                                BigEndian(7, 4) + BigEndian(0xffffffff, 4);
  const char* more = "select $1, $2, $3, $4, $5, $6";
  const std::vector<Oid> more_types = {17, 2950, 114, 3802, 1007, 1042};
  const std::string bp = "xy ";
  const std::vector<const std::string*> more_values = {&bytea, &uuid, &json, &jsonb, &int_array,
                                                       &bp};
  PrintAndClear("binary in, text out, more types",
                ExecParams(conn, more, more_types, more_values, std::vector<int>(6, 1), 0));
  PrintAndClear("binary in, binary out, more types",
                ExecParams(conn, more, more_types, more_values, std::vector<int>(6, 1), 1));
  PrintAndClear("binary int4[] with int8 elements",
                ExecParams(conn, "select $1", {1016}, {&int_array}, {1}, 0));
  const std::string bad_jsonb = std::string("\x02", 1) + "{}";
  PrintAndClear("binary jsonb bad version", ExecParams(conn, "select $1", {3802}, {&bad_jsonb}, {1}, 0));
  const std::string bad_json = "{";
  PrintAndClear("binary json invalid", ExecParams(conn, "select $1", {114}, {&bad_json}, {1}, 0));

  // Malformed binary parameters.
  const std::string five("\0\0\0\1\1", 5);
  const std::string three("\0\0\1", 3);
  const std::string empty;
  PrintAndClear("binary int4 too long", ExecParams(conn, "select $1::int", {23}, {&five}, {1}, 0));
  PrintAndClear("binary int4 too short",
                ExecParams(conn, "select $1::int", {23}, {&three}, {1}, 0));
  PrintAndClear("binary bool empty", ExecParams(conn, "select $1", {16}, {&empty}, {1}, 0));
  const std::string bad_utf8("a\xff", 2);
  PrintAndClear("binary text bad utf8", ExecParams(conn, "select $1", {25}, {&bad_utf8}, {1}, 0));
  PrintAndClear("text param bad utf8", ExecParams(conn, "select $1", {25}, {&bad_utf8}, {0}, 0));
  const std::string bad_num = BigEndian(1, 2) + BigEndian(0, 2) + BigEndian(0x1234, 2) +
                              BigEndian(0, 2) + BigEndian(1, 2);
  PrintAndClear("binary numeric bad sign",
                ExecParams(conn, "select $1", {1700}, {&bad_num}, {1}, 0));

  // Inferred types with text values; errors from the values.
  const std::string one = "1";
  const std::string abc = "abc";
  PrintAndClear("inferred", ExecParams(conn, "select $1 + 1, $2 = 'x', $2", {}, {&one, &abc},
                                       {}, 0));
  PrintAndClear("bad text value", ExecParams(conn, "select $1 + 1", {}, {&abc}, {}, 0));
  const std::string zero = "0";
  PrintAndClear("division by zero at bind",
                ExecParams(conn, "select 1 / $1::int", {}, {&zero}, {}, 0));
  const std::string big = "70000";
  PrintAndClear("out of range", ExecParams(conn, "select $1::int2", {}, {&big}, {}, 0));
  PrintAndClear("empty text value", ExecParams(conn, "select $1::int2", {}, {&empty}, {}, 0));
  PrintAndClear("no parameters", PQexecParams(conn, "select 1 as x, 'y' as y", 0, nullptr,
                                              nullptr, nullptr, nullptr, 0));
  PrintAndClear("values rows", PQexecParams(conn, "values (1, 'a'), (2, null), (3, 'c')", 0,
                                            nullptr, nullptr, nullptr, nullptr, 1));
}

// Table statements through Parse/Bind/Execute: $n types inferred from the
// columns, text and binary values, RETURNING described at Parse, errors at
// Parse.
void TableStatements(PGconn* conn) {
  PrintAndClear("create table",
                PQexec(conn, "create table xt (id int primary key, v text, n bigint)"));
  PrintAndClear("prepare insert",
                PQprepare(conn, "ins", "insert into xt values ($1, $2, $3)", 0, nullptr));
  PrintAndClear("describe insert", PQdescribePrepared(conn, "ins"));
  for (int i = 1; i <= 6; ++i) {
    const std::string id = std::to_string(i);
    const std::string v = "v" + id;
    const std::string n = std::to_string(i * 1000000000LL);
    const char* values[] = {id.c_str(), v.c_str(), n.c_str()};
    PrintAndClear("exec insert text", PQexecPrepared(conn, "ins", 3, values, nullptr, nullptr, 0));
  }
  {
    const std::string id = BigEndian(7, 4);
    const std::string v = "seven";
    const std::string n = BigEndian(static_cast<uint64_t>(-7), 8);
    const char* values[] = {id.data(), v.data(), n.data()};
    const int lengths[] = {4, 5, 8};
    const int formats[] = {1, 1, 1};
    PrintAndClear("exec insert binary",
                  PQexecPrepared(conn, "ins", 3, values, lengths, formats, 1));
    const char* dup[] = {"7", "again", nullptr};
    PrintAndClear("exec insert duplicate",
                  PQexecPrepared(conn, "ins", 3, dup, nullptr, nullptr, 0));
    const char* bad[] = {"x", "bad", nullptr};
    PrintAndClear("exec insert bad int", PQexecPrepared(conn, "ins", 3, bad, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare point select",
                PQprepare(conn, "pt", "select v, n, id * 2 as twice from xt where id = $1", 0,
                          nullptr));
  PrintAndClear("describe point select", PQdescribePrepared(conn, "pt"));
  {
    const char* three[] = {"3"};
    PrintAndClear("exec point select text",
                  PQexecPrepared(conn, "pt", 1, three, nullptr, nullptr, 0));
    const std::string seven = BigEndian(7, 4);
    const char* values[] = {seven.data()};
    const int lengths[] = {4};
    const int formats[] = {1};
    PrintAndClear("exec point select binary",
                  PQexecPrepared(conn, "pt", 1, values, lengths, formats, 1));
    const char* missing[] = {"42"};
    PrintAndClear("exec point select missing",
                  PQexecPrepared(conn, "pt", 1, missing, nullptr, nullptr, 0));
    const char* null_id[] = {nullptr};
    PrintAndClear("exec point select null",
                  PQexecPrepared(conn, "pt", 1, null_id, nullptr, nullptr, 0));
  }
  const Oid int8_type[] = {20, 0};
  PrintAndClear("prepare range select",
                PQprepare(conn, "rg",
                          "select id, v from xt where id >= $1 and id < $2 order by id desc", 2,
                          int8_type));
  PrintAndClear("describe range select", PQdescribePrepared(conn, "rg"));
  {
    const char* range[] = {"2", "6"};
    PrintAndClear("exec range select", PQexecPrepared(conn, "rg", 2, range, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare limit",
                PQprepare(conn, "lim", "select id from xt order by id limit $1 offset $2", 0,
                          nullptr));
  PrintAndClear("describe limit", PQdescribePrepared(conn, "lim"));
  {
    const char* values[] = {"2", "1"};
    PrintAndClear("exec limit", PQexecPrepared(conn, "lim", 2, values, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare update returning",
                PQprepare(conn, "upd",
                          "update xt set v = $1, n = n + $2 where id = $3 returning id, v, n", 0,
                          nullptr));
  PrintAndClear("describe update returning", PQdescribePrepared(conn, "upd"));
  {
    const char* values[] = {"changed", "5", "2"};
    PrintAndClear("exec update returning",
                  PQexecPrepared(conn, "upd", 3, values, nullptr, nullptr, 0));
    const char* none[] = {"none", "5", "99"};
    PrintAndClear("exec update no row", PQexecPrepared(conn, "upd", 3, none, nullptr, nullptr, 1));
  }
  PrintAndClear("prepare update", PQprepare(conn, "upd2", "update xt set n = $1 where v = $2",
                                            0, nullptr));
  PrintAndClear("describe update", PQdescribePrepared(conn, "upd2"));
  {
    const char* values[] = {"0", "v1"};
    PrintAndClear("exec update", PQexecPrepared(conn, "upd2", 2, values, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare delete returning",
                PQprepare(conn, "del", "delete from xt where id > $1 returning *", 0, nullptr));
  PrintAndClear("describe delete returning", PQdescribePrepared(conn, "del"));
  {
    const char* values[] = {"5"};
    PrintAndClear("exec delete returning",
                  PQexecPrepared(conn, "del", 1, values, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare upsert",
                PQprepare(conn, "ups",
                          "insert into xt values ($1, $2) on conflict (id) do update set "
                          "v = excluded.v || $3 returning v",
                          0, nullptr));
  PrintAndClear("describe upsert", PQdescribePrepared(conn, "ups"));
  {
    const char* values[] = {"1", "up", "!"};
    PrintAndClear("exec upsert", PQexecPrepared(conn, "ups", 3, values, nullptr, nullptr, 0));
  }
  PrintAndClear("prepare insert select",
                PQprepare(conn, "inss",
                          "insert into xt (id, v) select id + $1, v from xt where id <= $2", 0,
                          nullptr));
  PrintAndClear("describe insert select", PQdescribePrepared(conn, "inss"));
  {
    const char* values[] = {"100", "2"};
    PrintAndClear("exec insert select",
                  PQexecPrepared(conn, "inss", 2, values, nullptr, nullptr, 0));
  }

  // (Row-limited portals over a table: wire_protocol_test.py, libpq cannot
  // send an Execute with a row limit.)

  // Errors at Parse.
  PrintAndClear("prepare unknown table",
                PQprepare(conn, "e1", "select * from nosuch where id = $1", 0, nullptr));
  PrintAndClear("prepare unknown column",
                PQprepare(conn, "e2", "select nosuch from xt where id = $1", 0, nullptr));
  PrintAndClear("prepare unknown column in set",
                PQprepare(conn, "e3", "update xt set nosuch = $1", 0, nullptr));
  PrintAndClear("prepare insert unknown table",
                PQprepare(conn, "e4", "insert into nosuch values ($1)", 0, nullptr));
  PrintAndClear("prepare bad parameter type",
                PQprepare(conn, "e5", "select v from xt where id = $1 and v = $1", 0, nullptr));
  PrintAndClear("describe after errors", PQdescribePrepared(conn, "e1"));
  PrintAndClear("final contents", PQexec(conn, "select * from xt order by id"));
  // RowDescription's table OID and column number: plain column references
  // (also through * , aliases, joins, GROUP BY and RETURNING) carry them,
  // computed columns do not.
  PrintAndClear("origins", PQexec(conn, "select x.v, id, n + 1, v as renamed, 'k' from xt x "
                                        "where id < 3 order by id"));
  PrintAndClear("origins of a join",
                PQexec(conn, "select * from xt a join xt b using (id) where a.id = 1"));
  PrintAndClear("origins of groups",
                PQexec(conn, "select v, count(*), max(n) from xt group by v order by v"));
  PrintAndClear("origins of returning",
                PQexec(conn, "update xt set n = n where id = 1 returning n, id + 0, *"));
  PrintAndClear("prepared origins", PQprepare(conn, "po", "select n, v from xt where id = $1", 0,
                                              nullptr));
  PrintAndClear("describe prepared origins", PQdescribePrepared(conn, "po"));
  PrintAndClear("drop table", PQexec(conn, "drop table xt"));
}

// Single-row mode: each row arrives as its own result, then a zero-row one.
void SingleRowMode(PGconn* conn) {
  if (!PQsendQueryParams(conn, "values (1), (2), (3)", 0, nullptr, nullptr, nullptr, nullptr,
                         0)) {
    std::printf("send failed: %s", PQerrorMessage(conn));
    return;
  }
  std::printf("-- single row mode %d\n", PQsetSingleRowMode(conn));
  while (PGresult* r = PQgetResult(conn)) PrintAndClear("single row result", r);
}

// Pipeline mode: several Parse/Bind/Execute before one Sync; after an error
// the rest of the batch is skipped until the Sync.
void Pipeline(PGconn* conn) {
  if (PQenterPipelineMode(conn) != 1) {
    std::printf("pipeline mode unavailable\n");
    return;
  }
  const char* v[] = {"5"};
  PQsendQueryParams(conn, "select $1::int * 2", 1, nullptr, v, nullptr, nullptr, 0);
  PQsendPrepare(conn, "pp", "select $1::int + 100", 0, nullptr);
  PQsendQueryPrepared(conn, "pp", 1, v, nullptr, nullptr, 1);
  PQsendQueryParams(conn, "select 1 / 0", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQsendQueryParams(conn, "select 'skipped'", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQpipelineSync(conn);
  PQsendQueryPrepared(conn, "pp", 1, v, nullptr, nullptr, 0);
  PQsendQueryParams(conn, "select $1", 1, nullptr, v, nullptr, nullptr, 0);
  PQpipelineSync(conn);
  int syncs = 0;
  while (syncs < 2) {
    PGresult* r = PQgetResult(conn);
    if (r == nullptr) continue;  // end of one query's results
    if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) ++syncs;
    PrintAndClear("pipeline result", r);
  }
  PQexitPipelineMode(conn);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s conninfo\n", argv[0]);
    return 2;
  }
  PGconn* conn = PQconnectdb(argv[1]);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
    PQfinish(conn);
    return 1;
  }
  PreparedStatements(conn);
  ExecParamsCases(conn);
  TableStatements(conn);
  SingleRowMode(conn);
  Pipeline(conn);
  PrintAndClear("still alive", PQexec(conn, "select 'ok'"));
  PQfinish(conn);
  return 0;
}
