// Sequence statements: CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE
// with their option lists (PostgreSQL's SeqOptElem DefElems).
#include <cerrno>
#include <cstdlib>
#include <string>

#include "sql/ast/position.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// defGetInt64(): an Integer node, or a Float node holding a big integer.
int64_t OptionInt64(const PgQuery__DefElem& d) {
  const PgQuery__Node* arg = d.arg;
  if (arg != nullptr && arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
    return arg->integer->ival;
  }
  if (arg != nullptr && arg->node_case == PG_QUERY__NODE__NODE_FLOAT && arg->float_->fval) {
    const std::string text = arg->float_->fval;
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (end == text.c_str() || *end != '\0') {
      throw SqlError(SqlState::kInvalidTextRepresentation,
                     "invalid input syntax for type bigint: \"" + text + "\"");
    }
    if (errno == ERANGE) {
      throw SqlError(SqlState::kNumericValueOutOfRange,
                     "value \"" + text + "\" is out of range for type bigint");
    }
    return v;
  }
  throw SqlError(SqlState::kSyntaxError, std::string(d.defname) + " requires a numeric value");
}

}  // namespace

ast::SequenceOptions Transformer::TransformSequenceOptions(PgQuery__Node* const* options,
                                                           size_t n) {
  ast::SequenceOptions out;
  auto once = [&](bool already, const PgQuery__DefElem& d) {
    if (already) {
      throw SqlError(SqlState::kSyntaxError, "conflicting or redundant options")
          .WithPosition(ast::CharPosition(query_, d.location));
    }
  };
  for (size_t i = 0; i < n; ++i) {
    if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) throw NotSupported("this option");
    const PgQuery__DefElem& d = *options[i]->def_elem;
    const std::string name = d.defname ? d.defname : "";
    if (name == "as") {
      once(out.as_type.has_value(), d);
      out.as_type = TransformTypeName(*d.arg->type_name);
    } else if (name == "increment") {
      once(out.increment.has_value(), d);
      out.increment = OptionInt64(d);
    } else if (name == "minvalue" || name == "maxvalue") {
      auto& bound = name == "minvalue" ? out.min_value : out.max_value;
      once(bound.has_value(), d);
      ast::SequenceOptions::Bound b;
      if (d.arg == nullptr) {
        b.is_default = true;
      } else {
        b.value = OptionInt64(d);
      }
      bound = b;
    } else if (name == "start") {
      once(out.start.has_value(), d);
      out.start = OptionInt64(d);
    } else if (name == "restart") {
      once(out.restart, d);
      out.restart = true;
      if (d.arg != nullptr) out.restart_value = OptionInt64(d);
    } else if (name == "cache") {
      once(out.cache.has_value(), d);
      out.cache = OptionInt64(d);
    } else if (name == "cycle") {
      once(out.cycle.has_value(), d);
      out.cycle = d.arg != nullptr && d.arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN &&
                  d.arg->boolean->boolval;
    } else if (name == "owned_by") {
      once(out.owned_by.has_value(), d);
      if (d.arg == nullptr || d.arg->node_case != PG_QUERY__NODE__NODE_LIST) {
        throw NotSupported("this OWNED BY", d.location);
      }
      out.owned_by = StringList(d.arg->list->items, d.arg->list->n_items);
      out.owned_by_location = d.location;
    } else {
      throw NotSupported("sequence option " + name, d.location);
    }
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateSequence(
    const PgQuery__CreateSeqStmt& s) {
  if (s.sequence == nullptr) throw NotSupported("CREATE SEQUENCE without a name");
  if (s.sequence->relpersistence != nullptr && std::string(s.sequence->relpersistence) == "u") {
    throw NotSupported("CREATE UNLOGGED SEQUENCE", s.sequence->location);
  }
  auto stmt = std::make_unique<ast::CreateSequenceStatement>();
  stmt->sequence = TransformRangeVar(*s.sequence);
  stmt->temporary =
      s.sequence->relpersistence != nullptr && std::string(s.sequence->relpersistence) == "t";
  stmt->if_not_exists = s.if_not_exists;
  stmt->options = TransformSequenceOptions(s.options, s.n_options);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterSequence(
    const PgQuery__AlterSeqStmt& s) {
  if (s.sequence == nullptr) throw NotSupported("ALTER SEQUENCE without a name");
  auto stmt = std::make_unique<ast::AlterSequenceStatement>();
  stmt->sequence = TransformRangeVar(*s.sequence);
  stmt->if_exists = s.missing_ok;
  stmt->options = TransformSequenceOptions(s.options, s.n_options);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropSequence(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::DropSequenceStatement>();
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* obj = s.objects[i];
    if (obj->node_case != PG_QUERY__NODE__NODE_LIST) throw NotSupported("this DROP SEQUENCE");
    std::vector<std::string> names = StringList(obj->list->items, obj->list->n_items);
    if (names.empty() || names.size() > 3) throw NotSupported("this DROP SEQUENCE name");
    ast::RangeVar rv;
    rv.name = names.back();
    if (names.size() >= 2) rv.schema = names[names.size() - 2];
    stmt->sequences.push_back(std::move(rv));
  }
  return stmt;
}

}  // namespace strata::sql::parser
