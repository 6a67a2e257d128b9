// PL/pgSQL parse tree from libpg_query's JSON (see plpgsql_parser.h).
//
// The JSON is PostgreSQL's PLpgSQL_function as libpg_query prints it: every
// node is {"PLpgSQL_<type>": {fields}}, fields equal to zero / false / null
// are left out (so a missing "varno" is variable 0). Two things it does not
// print are recovered here:
//  - which block declares a variable: declarations precede their block's
//    BEGIN, so a declared variable belongs to the first block, in source
//    order, whose BEGIN line is at or after the declaration's line;
//  - RETURN NEXT of a plain variable (PostgreSQL keeps it as retvarno, not
//    printed): the variable is read back from the statement's source line.
#include "sql/parser/plpgsql_parser.h"

#include <pg_query.h>

#include <algorithm>
#include <regex>
#include <cctype>
#include <set>
#include <string_view>

#include "common/sql_error.h"
#include "sql/json/json_parser.h"
#include "sql/parser/parse_error.h"

namespace strata::sql {

namespace {

using json::JsonValue;
namespace pl = ast::plpgsql;

const JsonValue* Member(const JsonValue& v, std::string_view key) {
  if (v.kind != JsonValue::Kind::kObject) return nullptr;
  for (const auto& [k, m] : v.members) {
    if (k == key) return &m;
  }
  return nullptr;
}

// {"PLpgSQL_x": {...}}: the node's type name and its fields.
std::pair<std::string, const JsonValue*> Node(const JsonValue& v) {
  if (v.kind != JsonValue::Kind::kObject || v.members.empty()) return {"", nullptr};
  return {v.members[0].first, &v.members[0].second};
}

std::string Str(const JsonValue& v, std::string_view key) {
  const JsonValue* m = Member(v, key);
  return m != nullptr && m->kind == JsonValue::Kind::kString ? m->text : "";
}

int Int(const JsonValue& v, std::string_view key, int missing = 0) {
  const JsonValue* m = Member(v, key);
  return m != nullptr && m->kind == JsonValue::Kind::kNumber ? std::stoi(m->text) : missing;
}

bool Bool(const JsonValue& v, std::string_view key) {
  const JsonValue* m = Member(v, key);
  return m != nullptr && m->kind == JsonValue::Kind::kBool && m->bool_value;
}

std::optional<pl::Expr> ExprField(const JsonValue& v, std::string_view key) {
  const JsonValue* m = Member(v, key);
  if (m == nullptr) return std::nullopt;
  auto [type, fields] = Node(*m);
  if (fields == nullptr) return std::nullopt;
  pl::Expr e;
  e.query = Str(*fields, "query");
  return e;
}

std::vector<pl::Expr> ExprList(const JsonValue& v, std::string_view key) {
  std::vector<pl::Expr> out;
  const JsonValue* m = Member(v, key);
  if (m == nullptr) return out;
  for (const JsonValue& e : m->elements) {
    auto [type, fields] = Node(e);
    if (fields != nullptr) out.push_back(pl::Expr{Str(*fields, "query"), nullptr});
  }
  return out;
}

// The "name ALIAS FOR target;" declarations of a body (outside quotes and
// comments is not checked: the phrase does not occur elsewhere in practice).
std::vector<std::pair<std::string, std::string>> FindAliases(const std::string& body) {
  static const std::regex kAlias(
      R"(([A-Za-z_][A-Za-z0-9_]*)\s+alias\s+for\s+(\$[0-9]+|[A-Za-z_][A-Za-z0-9_]*)\s*;)",
      std::regex::icase);
  std::vector<std::pair<std::string, std::string>> out;
  const auto lower = [](std::string v) {
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v;
  };
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kAlias);
       it != std::sregex_iterator(); ++it) {
    out.emplace_back(lower((*it)[1].str()), lower((*it)[2].str()));
  }
  return out;
}

class Converter {
 public:
  explicit Converter(const std::string& body) : body_(body) {}

  pl::Function Convert(const JsonValue& function) {
    pl::Function out;
    out.source = body_;
    out.aliases = FindAliases(body_);
    if (const JsonValue* datums = Member(function, "datums")) {
      for (const JsonValue& d : datums->elements) out.datums.push_back(ConvertDatum(d));
    }
    const JsonValue* action = Member(function, "action");
    if (action == nullptr) throw SqlError(SqlState::kInternalError, "PL/pgSQL tree has no body");
    out.action = ConvertStmt(*action);
    Finish(&out);
    return out;
  }

 private:
  pl::Datum ConvertDatum(const JsonValue& node) {
    auto [type, f] = Node(node);
    pl::Datum d;
    if (f == nullptr) return d;
    d.name = Str(*f, "refname");
    d.lineno = Int(*f, "lineno");
    if (type == "PLpgSQL_row") {
      d.is_row = true;
      if (const JsonValue* fields = Member(*f, "fields")) {
        for (const JsonValue& field : fields->elements) d.fields.push_back(Int(field, "varno"));
      }
      return d;
    }
    if (type == "PLpgSQL_recfield") {
      // NEW.f / OLD.f as an assignment target in a trigger function.
      d.name = Str(*f, "fieldname");
      d.recfield_parent = Int(*f, "recparentno");
      return d;
    }
    if (type == "PLpgSQL_rec") {
      // A trigger function's NEW or OLD (declared records are PLpgSQL_var
      // of type record).
      d.type_name = "record";
      d.trigger_record = true;
      return d;
    }
    if (type != "PLpgSQL_var") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "PL/pgSQL variables of kind " + type + " are not supported yet");
    }
    if (const JsonValue* dt = Member(*f, "datatype")) {
      auto [dtype, dfields] = Node(*dt);
      if (dfields != nullptr) d.type_name = Str(*dfields, "typname");
    }
    if (d.type_name == "UNKNOWN") d.type_name.clear();
    while (!d.type_name.empty() && d.type_name.back() == ' ') d.type_name.pop_back();
    d.is_const = Bool(*f, "isconst");
    d.not_null = Bool(*f, "notnull");
    d.default_value = ExprField(*f, "default_val");
    return d;
  }

  std::vector<pl::Stmt> ConvertList(const JsonValue& v, std::string_view key) {
    std::vector<pl::Stmt> out;
    const JsonValue* m = Member(v, key);
    if (m == nullptr) return out;
    out.reserve(m->elements.size());
    for (const JsonValue& s : m->elements) out.push_back(ConvertStmt(s));
    return out;
  }

  std::vector<int> Targets(const JsonValue& f, std::string_view key) {
    std::vector<int> out;
    const JsonValue* m = Member(f, key);
    if (m == nullptr) return out;
    auto [type, row] = Node(*m);
    if (row == nullptr) return out;
    if (type == "PLpgSQL_row") {
      if (const JsonValue* fields = Member(*row, "fields")) {
        for (const JsonValue& field : fields->elements) {
          // An INTO list naming something that is not a variable.
          if (Str(field, "name").empty()) continue;
          out.push_back(Int(field, "varno"));
        }
      }
    }
    return out;
  }

  // The variable of `RETURN NEXT v;` on line `lineno` of the body.
  std::string ReturnNextVariable(int lineno) const {
    size_t start = 0;
    for (int line = 1; line < lineno && start != std::string::npos; ++line) {
      start = body_.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return "";
    std::string line = body_.substr(start, body_.find('\n', start) - start);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    size_t at = lower.find("next");
    while (at != std::string::npos) {
      size_t p = at + 4;
      while (p < lower.size() && std::isspace(static_cast<unsigned char>(lower[p]))) ++p;
      size_t q = p;
      while (q < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[q])) ||
                                  lower[q] == '_')) {
        ++q;
      }
      if (q > p) return lower.substr(p, q - p);
      at = lower.find("next", at + 4);
    }
    return "";
  }

  pl::Stmt ConvertStmt(const JsonValue& node) {
    auto [type, fp] = Node(node);
    pl::Stmt s;
    if (fp == nullptr) return s;
    const JsonValue& f = *fp;
    s.lineno = Int(f, "lineno");
    s.label = Str(f, "label");
    if (type == "PLpgSQL_stmt_block") {
      s.kind = pl::StmtKind::kBlock;
      s.body = ConvertList(f, "body");
      if (const JsonValue* exc = Member(f, "exceptions")) {
        s.has_exception_block = true;
        auto [etype, ef] = Node(*exc);
        if (ef != nullptr) {
          if (const JsonValue* list = Member(*ef, "exc_list")) {
            for (const JsonValue& h : list->elements) {
              auto [htype, hf] = Node(h);
              if (hf == nullptr) continue;
              pl::ExceptionHandler handler;
              if (const JsonValue* conds = Member(*hf, "conditions")) {
                for (const JsonValue& c : conds->elements) {
                  auto [ctype, cf] = Node(c);
                  if (cf == nullptr) continue;
                  std::string name = Str(*cf, "condname");
                  // WHEN SQLSTATE 'xxxxx': libpg_query prints the code.
                  if (name.empty()) name = Str(*cf, "sqlerrstate");
                  handler.conditions.push_back(name);
                }
              }
              handler.action = ConvertList(*hf, "action");
              s.handlers.push_back(std::move(handler));
            }
          }
        }
      }
      return s;
    }
    if (type == "PLpgSQL_stmt_assign") {
      s.kind = pl::StmtKind::kAssign;
      s.varno = Int(f, "varno");
      s.expr = ExprField(f, "expr");
    } else if (type == "PLpgSQL_stmt_if") {
      s.kind = pl::StmtKind::kIf;
      s.cond = ExprField(f, "cond");
      s.body = ConvertList(f, "then_body");
      if (const JsonValue* list = Member(f, "elsif_list")) {
        for (const JsonValue& e : list->elements) {
          auto [etype, ef] = Node(e);
          if (ef == nullptr) continue;
          pl::Branch b;
          b.cond = ExprField(*ef, "cond").value_or(pl::Expr{});
          b.body = ConvertList(*ef, "stmts");
          s.branches.push_back(std::move(b));
        }
      }
      s.else_body = ConvertList(f, "else_body");
    } else if (type == "PLpgSQL_stmt_case") {
      s.kind = pl::StmtKind::kCase;
      s.expr = ExprField(f, "t_expr");
      s.varno = Int(f, "t_varno");
      if (const JsonValue* list = Member(f, "case_when_list")) {
        for (const JsonValue& e : list->elements) {
          auto [etype, ef] = Node(e);
          if (ef == nullptr) continue;
          pl::Branch b;
          b.cond = ExprField(*ef, "expr").value_or(pl::Expr{});
          b.body = ConvertList(*ef, "stmts");
          s.branches.push_back(std::move(b));
        }
      }
      s.have_else = Bool(f, "have_else");
      s.else_body = ConvertList(f, "else_stmts");
    } else if (type == "PLpgSQL_stmt_loop") {
      s.kind = pl::StmtKind::kLoop;
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_while") {
      s.kind = pl::StmtKind::kWhile;
      s.cond = ExprField(f, "cond");
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_fori") {
      s.kind = pl::StmtKind::kForInt;
      // The loop variable is the datum of that name declared on this line
      // (the JSON repeats it instead of giving its number).
      if (const JsonValue* var = Member(f, "var")) {
        auto [vtype, vf] = Node(*var);
        if (vf != nullptr) s.var_name = Str(*vf, "refname");
      }
      s.lower = ExprField(f, "lower");
      s.upper = ExprField(f, "upper");
      s.step = ExprField(f, "step");
      s.reverse = Bool(f, "reverse");
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_fors") {
      s.kind = pl::StmtKind::kForQuery;
      s.targets = Targets(f, "var");
      s.query = ExprField(f, "query");
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_dynfors") {
      s.kind = pl::StmtKind::kForDynamic;
      s.targets = Targets(f, "var");
      s.query = ExprField(f, "query");
      s.params = ExprList(f, "params");
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_foreach_a") {
      s.kind = pl::StmtKind::kForeachArray;
      s.varno = Int(f, "varno");
      s.expr = ExprField(f, "expr");
      if (Int(f, "slice") != 0) {
        s.kind = pl::StmtKind::kUnsupported;
        s.unsupported = "FOREACH ... SLICE";
      }
      s.body = ConvertList(f, "body");
    } else if (type == "PLpgSQL_stmt_exit") {
      s.kind = pl::StmtKind::kExit;
      s.is_exit = Bool(f, "is_exit");
      s.cond = ExprField(f, "cond");
    } else if (type == "PLpgSQL_stmt_return") {
      s.kind = pl::StmtKind::kReturn;
      s.expr = ExprField(f, "expr");
    } else if (type == "PLpgSQL_stmt_return_next") {
      s.kind = pl::StmtKind::kReturnNext;
      s.expr = ExprField(f, "expr");
      if (s.expr.has_value() && s.expr->query == pl::kOutRowMarker) {
        s.expr.reset();
      } else if (!s.expr.has_value()) {
        s.var_name = ReturnNextVariable(s.lineno);
      }
    } else if (type == "PLpgSQL_stmt_return_query") {
      s.kind = pl::StmtKind::kReturnQuery;
      s.query = ExprField(f, "query");
      if (!s.query.has_value()) {
        s.query = ExprField(f, "dynquery");
        s.dynamic = true;
        s.params = ExprList(f, "params");
      }
    } else if (type == "PLpgSQL_stmt_raise") {
      s.kind = pl::StmtKind::kRaise;
      s.elog_level = Int(f, "elog_level");
      s.condname = Str(f, "condname");
      s.has_message = Member(f, "message") != nullptr;
      s.message = Str(f, "message");
      s.params = ExprList(f, "params");
      if (const JsonValue* opts = Member(f, "options")) {
        for (const JsonValue& o : opts->elements) {
          auto [otype, of] = Node(o);
          if (of == nullptr) continue;
          s.options.push_back({Int(*of, "opt_type"), ExprField(*of, "expr").value_or(pl::Expr{})});
        }
      }
    } else if (type == "PLpgSQL_stmt_execsql") {
      s.kind = pl::StmtKind::kExecSql;
      s.query = ExprField(f, "sqlstmt");
      s.into = Bool(f, "into");
      s.strict = Bool(f, "strict");
      s.targets = Targets(f, "target");
    } else if (type == "PLpgSQL_stmt_dynexecute") {
      s.kind = pl::StmtKind::kDynExecute;
      s.query = ExprField(f, "query");
      s.into = Bool(f, "into");
      s.strict = Bool(f, "strict");
      s.targets = Targets(f, "target");
      s.params = ExprList(f, "params");
    } else if (type == "PLpgSQL_stmt_perform") {
      s.kind = pl::StmtKind::kPerform;
      s.expr = ExprField(f, "expr");
    } else if (type == "PLpgSQL_stmt_getdiag") {
      s.kind = pl::StmtKind::kGetDiagnostics;
      s.is_stacked = Bool(f, "is_stacked");
      if (const JsonValue* items = Member(f, "diag_items")) {
        for (const JsonValue& i : items->elements) {
          auto [itype, ifl] = Node(i);
          if (ifl != nullptr) s.diag_items.push_back({Str(*ifl, "kind"), Int(*ifl, "target")});
        }
      }
    } else if (type == "PLpgSQL_stmt_assert") {
      s.kind = pl::StmtKind::kAssert;
      s.cond = ExprField(f, "cond");
      s.expr = ExprField(f, "message");
    } else {
      s.kind = pl::StmtKind::kUnsupported;
      static const std::pair<std::string_view, std::string_view> kNames[] = {
          {"PLpgSQL_stmt_open", "OPEN"},
          {"PLpgSQL_stmt_fetch", "FETCH"},     {"PLpgSQL_stmt_close", "CLOSE"},
          {"PLpgSQL_stmt_forc", "FOR over a cursor"},
          {"PLpgSQL_stmt_call", "CALL"},       {"PLpgSQL_stmt_commit", "COMMIT"},
          {"PLpgSQL_stmt_rollback", "ROLLBACK"},
      };
      s.unsupported = type;
      for (const auto& [node_name, name] : kNames) {
        if (type == node_name) s.unsupported = name;
      }
    }
    return s;
  }

  // Resolves what the statements name by line or name: which block
  // declares each variable, FOR-integer and RETURN NEXT variables.
  void Finish(pl::Function* fn) {
    CollectBlocks(&fn->action);
    for (size_t i = 0; i < fn->datums.size(); ++i) {
      const pl::Datum& d = fn->datums[i];
      if (d.type_name.empty() || d.is_row || d.lineno == 0) continue;
      pl::Stmt* owner = nullptr;
      for (pl::Stmt* b : blocks_) {
        if (b->lineno >= d.lineno) {
          owner = b;
          break;
        }
      }
      if (owner == nullptr) owner = &fn->action;
      owner->declared.push_back(static_cast<int>(i));
    }
    ResolveVariables(fn, &fn->action);
  }

  void CollectBlocks(pl::Stmt* s) {
    if (s->kind == pl::StmtKind::kBlock) blocks_.push_back(s);
    ForChildren(s, [this](pl::Stmt* c) { CollectBlocks(c); });
  }
  template <typename F>
  static void ForChildren(pl::Stmt* s, F f) {
    for (pl::Stmt& c : s->body) f(&c);
    for (pl::Branch& b : s->branches) {
      for (pl::Stmt& c : b.body) f(&c);
    }
    for (pl::Stmt& c : s->else_body) f(&c);
    for (pl::ExceptionHandler& h : s->handlers) {
      for (pl::Stmt& c : h.action) f(&c);
    }
  }
  void ResolveVariables(pl::Function* fn, pl::Stmt* s) {
    if (s->kind == pl::StmtKind::kForInt) {
      // Its own datum: no declared type, on the loop's line, of that name.
      for (size_t i = 0; i < fn->datums.size(); ++i) {
        const pl::Datum& d = fn->datums[i];
        if (d.type_name.empty() && !d.is_row && d.lineno == s->lineno && d.name == s->var_name &&
            used_.insert(i).second) {
          s->varno = static_cast<int>(i);
          break;
        }
      }
      if (s->varno < 0) {
        s->kind = pl::StmtKind::kUnsupported;
        s->unsupported = "this FOR loop";
      }
    }
    if (s->kind == pl::StmtKind::kReturnNext && !s->expr.has_value() && !s->var_name.empty()) {
      for (size_t i = fn->datums.size(); i-- > 0;) {
        if (!fn->datums[i].is_row && fn->datums[i].name == s->var_name) {
          s->return_varno = static_cast<int>(i);
          break;
        }
      }
    }
    ForChildren(s, [&](pl::Stmt* c) { ResolveVariables(fn, c); });
  }

  const std::string& body_;
  std::vector<pl::Stmt*> blocks_;
  std::set<size_t> used_;
};

}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// libpg_query's pg_query_parse_plpgsql leaks the stderr buffer that
// pg_query_raw_parse strdup()s when the PL/pgSQL body then fails to compile
// (one byte per such error; libpg_query is built without frame pointers, so
// the leak's stack ends at pg_query_raw_parse). Not ours to free: tell
// LeakSanitizer.
extern "C" const char* __lsan_default_suppressions() { return "leak:pg_query_raw_parse\n"; }
#endif

std::shared_ptr<const ast::plpgsql::Function> ParsePlpgsql(const std::string& statement,
                                                          const std::string& body) {
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(statement.c_str());
  if (result.error != nullptr) {
    SqlError e = parser::MakeParseError(*result.error);
    pg_query_free_plpgsql_parse_result(result);
    // libpg_query reports no cursor position for PL/pgSQL grammar errors.
    // PostgreSQL shows the position of the ones that have one (in the
    // CREATE or DO statement) instead of the "compilation of PL/pgSQL
    // function" context line; those are the ones naming a token.
    SqlErrorFields& f = e.mutable_fields();
    f.position = 0;
    if (f.message.rfind("syntax error", 0) == 0 ||
        f.message.find("at or near") != std::string::npos ||
        f.message.find("is not a known variable") != std::string::npos ||
        f.message.find("must have a default value") != std::string::npos) {
      f.context.clear();
    }
    throw e;
  }
  std::string text = result.plpgsql_funcs != nullptr ? result.plpgsql_funcs : "";
  pg_query_free_plpgsql_parse_result(result);
  const JsonValue doc = json::ParseJson(text, true);
  if (doc.kind != JsonValue::Kind::kArray || doc.elements.empty()) {
    throw SqlError(SqlState::kInternalError, "PL/pgSQL parse returned no function");
  }
  auto [type, fields] = Node(doc.elements[0]);
  if (fields == nullptr) throw SqlError(SqlState::kInternalError, "PL/pgSQL parse returned no function");
  Converter converter(body);
  return std::make_shared<const pl::Function>(converter.Convert(*fields));
}

}  // namespace strata::sql
