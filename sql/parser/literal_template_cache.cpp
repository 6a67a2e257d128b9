// LiteralTemplateCache (see literal_template_cache.h).
#include "sql/parser/literal_template_cache.h"

#include <protobuf-c/protobuf-c.h>

#include <utility>

#include "sql/parser/raw_parse_tree.h"

namespace strata::sql::parser {

namespace {

// Every integer A_Const of a raw tree, found through protobuf-c's
// descriptors: every message field of every message, so no node type can be
// missed.
void CollectIntegerConstants(const ProtobufCMessage* m, std::vector<PgQuery__AConst*>* out) {
  if (m->descriptor == &pg_query__a__const__descriptor) {
    auto* c = reinterpret_cast<PgQuery__AConst*>(const_cast<ProtobufCMessage*>(m));
    if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL && c->ival != nullptr) out->push_back(c);
    return;  // an A_Const holds no further nodes
  }
  const ProtobufCMessageDescriptor* d = m->descriptor;
  const char* base = reinterpret_cast<const char*>(m);
  for (unsigned i = 0; i < d->n_fields; ++i) {
    const ProtobufCFieldDescriptor& f = d->fields[i];
    if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if (f.label == PROTOBUF_C_LABEL_REPEATED) {
      const size_t n = *reinterpret_cast<const size_t*>(base + f.quantifier_offset);
      auto* const* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
      for (size_t j = 0; j < n; ++j) {
        if (items[j] != nullptr) CollectIntegerConstants(items[j], out);
      }
      continue;
    }
    if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset) != f.id) {
      continue;  // another member of the oneof is the one set
    }
    const auto* sub = *reinterpret_cast<const ProtobufCMessage* const*>(base + f.offset);
    if (sub != nullptr) CollectIntegerConstants(sub, out);
  }
}

struct Target {
  PgQuery__Integer* integer;
  bool negated;  // folded with a '-' before the literal
};

// Per literal, the constants it became; false if some literal is not found
// as exactly such constants (the template is then not reusable).
bool FindTargets(const LiteralTemplate& tmpl, const PgQuery__ParseResult& tree,
                 std::vector<std::vector<Target>>* targets) {
  std::vector<PgQuery__AConst*> constants;
  CollectIntegerConstants(&tree.base, &constants);
  targets->assign(tmpl.literals.size(), {});
  for (size_t i = 0; i < tmpl.literals.size(); ++i) {
    const TemplateLiteral& literal = tmpl.literals[i];
    for (PgQuery__AConst* c : constants) {
      if (c->location == literal.offset) {
        if (c->ival->ival != literal.value) return false;
        (*targets)[i].push_back(Target{c->ival, false});
      }
    }
    if ((*targets)[i].empty() && literal.minus_offset >= 0) {
      for (PgQuery__AConst* c : constants) {
        if (c->location == literal.minus_offset) {
          if (static_cast<int64_t>(c->ival->ival) != -static_cast<int64_t>(literal.value)) {
            return false;
          }
          (*targets)[i].push_back(Target{c->ival, true});
        }
      }
    }
    if ((*targets)[i].empty()) return false;
  }
  return true;
}

void Patch(const LiteralTemplate& values, const std::vector<std::vector<Target>>& targets) {
  for (size_t i = 0; i < targets.size(); ++i) {
    for (const Target& t : targets[i]) {
      t.integer->ival = t.negated ? -values.literals[i].value : values.literals[i].value;
    }
  }
}

std::string Pack(const PgQuery__ParseResult& tree) {
  std::string out(pg_query__parse_result__get_packed_size(&tree), '\0');
  pg_query__parse_result__pack(&tree, reinterpret_cast<uint8_t*>(out.data()));
  return out;
}

}  // namespace

struct LiteralTemplateCache::Entry {
  std::string key;
  RawParseTree raw;      // null tree when not reusable
  std::vector<std::vector<Target>> targets;
};

LiteralTemplateCache::LiteralTemplateCache() = default;
LiteralTemplateCache::~LiteralTemplateCache() = default;

std::vector<std::unique_ptr<ast::Statement>> LiteralTemplateCache::Parse(std::string_view query) {
  if (query.size() > kMaxQueryBytes) return TransformRawTree(query, *ParseRawTree(query).tree);
  std::optional<LiteralTemplate> tmpl = MakeLiteralTemplate(query);
  if (!tmpl) return TransformRawTree(query, *ParseRawTree(query).tree);
  if (auto it = by_key_.find(tmpl->key); it != by_key_.end()) {
    entries_.splice(entries_.begin(), entries_, it->second);
    Entry& entry = **it->second;
    if (entry.raw.tree == nullptr) return TransformRawTree(query, *ParseRawTree(query).tree);
    Patch(*tmpl, entry.targets);
    ++hits_;
    return TransformRawTree(query, *entry.raw.tree);
  }
  // First query of this template: parse (a syntax error leaves nothing
  // behind), transform, then keep the tree if every literal was found.
  auto entry = std::make_unique<Entry>();
  entry->key = std::move(tmpl->key);
  entry->raw = ParseRawTree(query);
  std::vector<std::unique_ptr<ast::Statement>> statements =
      TransformRawTree(query, *entry->raw.tree);
  if (!FindTargets(*tmpl, *entry->raw.tree, &entry->targets)) {
    entry->raw = RawParseTree{};  // remembered as not reusable
    entry->targets.clear();
  }
  entries_.push_front(std::move(entry));
  by_key_.emplace(entries_.front()->key, entries_.begin());
  if (entries_.size() > kCapacity) {
    by_key_.erase(entries_.back()->key);
    entries_.pop_back();
  }
  return statements;
}

std::optional<std::string> PackPatchedTree(std::string_view query, std::string_view values_from) {
  std::optional<LiteralTemplate> tmpl = MakeLiteralTemplate(query);
  std::optional<LiteralTemplate> values = MakeLiteralTemplate(values_from);
  if (!tmpl || !values || tmpl->key != values->key) return std::nullopt;
  RawParseTree raw = ParseRawTree(query);
  std::vector<std::vector<Target>> targets;
  if (!FindTargets(*tmpl, *raw.tree, &targets)) return std::nullopt;
  Patch(*values, targets);
  return Pack(*raw.tree);
}

std::string PackFreshTree(std::string_view query) { return Pack(*ParseRawTree(query).tree); }

}  // namespace strata::sql::parser
