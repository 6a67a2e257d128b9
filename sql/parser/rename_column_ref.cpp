// RenameColumnInExpr (see rename_column_ref.h): parse "SELECT <text>" with
// libpg_query, walk the whole protobuf tree by reflection (protobuf-c field
// descriptors) renaming ColumnRef fields, and deparse the result.
#include "sql/parser/rename_column_ref.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "common/sql_error.h"

namespace strata::sql::parser {

namespace {

struct ParseTreeDeleter {
  void operator()(PgQuery__ParseResult* tree) const {
    pg_query__parse_result__free_unpacked(tree, nullptr);
  }
};

void RenameIn(ProtobufCMessage* msg, const std::string& old_name, const std::string& new_name);

void RenameColumnRef(PgQuery__ColumnRef* ref, const std::string& old_name,
                     const std::string& new_name) {
  if (ref->n_fields == 0) return;
  PgQuery__Node* last = ref->fields[ref->n_fields - 1];
  if (last->node_case != PG_QUERY__NODE__NODE_STRING || last->string->sval == nullptr) return;
  if (old_name != last->string->sval) return;
  // The tree is freed by protobuf-c's free_unpacked, which calls free() on
  // strings: allocate with malloc.
  char* copy = static_cast<char*>(std::malloc(new_name.size() + 1));
  std::memcpy(copy, new_name.c_str(), new_name.size() + 1);
  std::free(last->string->sval);
  last->string->sval = copy;
}

void RenameIn(ProtobufCMessage* msg, const std::string& old_name, const std::string& new_name) {
  if (msg == nullptr) return;
  if (msg->descriptor == &pg_query__column_ref__descriptor) {
    RenameColumnRef(reinterpret_cast<PgQuery__ColumnRef*>(msg), old_name, new_name);
    return;
  }
  const ProtobufCMessageDescriptor* d = msg->descriptor;
  char* base = reinterpret_cast<char*>(msg);
  for (unsigned i = 0; i < d->n_fields; ++i) {
    const ProtobufCFieldDescriptor& f = d->fields[i];
    if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    // Members of a oneof (every PgQuery__Node) share one pointer: only the
    // member the case field names is valid.
    if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset) != f.id) {
      continue;
    }
    if (f.label == PROTOBUF_C_LABEL_REPEATED) {
      const size_t n = *reinterpret_cast<size_t*>(base + f.quantifier_offset);
      auto** items = *reinterpret_cast<ProtobufCMessage***>(base + f.offset);
      for (size_t k = 0; k < n; ++k) RenameIn(items[k], old_name, new_name);
    } else {
      RenameIn(*reinterpret_cast<ProtobufCMessage**>(base + f.offset), old_name, new_name);
    }
  }
}

}  // namespace

std::string RenameColumnInExpr(const std::string& expr_text, const std::string& old_name,
                               const std::string& new_name) {
  const std::string query = "SELECT " + expr_text;
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(query.c_str());
  if (parsed.error != nullptr) {
    pg_query_free_protobuf_parse_result(parsed);
    throw SqlError(SqlState::kInternalError, "bad stored expression: " + expr_text);
  }
  std::unique_ptr<PgQuery__ParseResult, ParseTreeDeleter> tree(pg_query__parse_result__unpack(
      nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data)));
  pg_query_free_protobuf_parse_result(parsed);
  if (tree == nullptr) throw SqlError(SqlState::kInternalError, "could not unpack a stored expression");
  RenameIn(&tree->base, old_name, new_name);

  std::string packed(pg_query__parse_result__get_packed_size(tree.get()), '\0');
  pg_query__parse_result__pack(tree.get(), reinterpret_cast<uint8_t*>(packed.data()));
  PgQueryProtobuf buf;
  buf.len = packed.size();
  buf.data = packed.data();
  PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(buf);
  std::string text;
  const bool ok = deparsed.error == nullptr && deparsed.query != nullptr;
  if (ok) text = deparsed.query;
  pg_query_free_deparse_result(deparsed);
  if (!ok) throw SqlError(SqlState::kInternalError, "could not deparse a stored expression");
  constexpr std::string_view kPrefix = "SELECT ";
  if (text.rfind(kPrefix, 0) == 0) text.erase(0, kPrefix.size());
  return text;
}

}  // namespace strata::sql::parser
