// The PL/pgSQL interpreter (see plpgsql_function.h).
//
// Supported: DECLARE (types, CONSTANT, NOT NULL, DEFAULT / :=), record
// variables filled by FOR ... IN query / SELECT INTO; assignment; IF, CASE,
// LOOP, WHILE, FOR over integers (REVERSE, BY), over a query and over
// EXECUTE; FOREACH over an array; EXIT / CONTINUE [label] [WHEN]; RETURN,
// RETURN NEXT, RETURN QUERY; RAISE (levels NOTICE, WARNING, EXCEPTION; LOG
// and DEBUG go nowhere at the default client_min_messages) with USING
// options; PERFORM; SELECT / INSERT / UPDATE / DELETE [RETURNING] with
// INTO [STRICT]; EXECUTE ... [INTO] [USING]; GET DIAGNOSTICS ROW_COUNT;
// FOUND; BEGIN ... EXCEPTION WHEN blocks, run in a savepoint of the
// transaction that is rolled back when a handler catches an error (as
// PostgreSQL's subtransaction). Everything else is 0A000 when it runs.
#include "sql/commands/plpgsql_function.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <optional>
#include <set>
#include <utility>

#include "sql/ast/query_ddl_statements.h"
#include "sql/commands/explain.h"
#include "sql/binder/function_params.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/user_function_call.h"
#include "sql/function_notices.h"
#include "sql/parser/parser.h"
#include "sql/parser/plpgsql_parser.h"
#include "sql/stack_depth.h"
#include "sql/types/array_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

namespace pl = ast::plpgsql;

struct SqlStateRow {
  SqlState state;
  std::string_view code;
  std::string_view name;
};

constexpr SqlStateRow kSqlStates[] = {
#define STRATA_SQLSTATE(name, code, condition) {SqlState::name, code, condition},
#include "common/sqlstate_table.inc"
#undef STRATA_SQLSTATE
};

const SqlStateRow* FindCondition(std::string_view name) {
  for (const SqlStateRow& r : kSqlStates) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const SqlStateRow* FindCode(std::string_view code) {
  for (const SqlStateRow& r : kSqlStates) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

bool IsSqlStateCode(std::string_view s) {
  if (s.size() != 5) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c));
  });
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// PostgreSQL evaluates an expression without a query (no FROM, no
// subquery) directly, without the "SQL expression" CONTEXT line that
// planning and running a query through SPI adds. Approximated on the text.
bool IsSimpleExpression(const std::string& text) {
  const std::string lower = Lower(text);
  for (std::string_view word : {"select", "from"}) {
    size_t at = lower.find(word);
    while (at != std::string::npos) {
      const bool left = at == 0 || !(std::isalnum(static_cast<unsigned char>(lower[at - 1])) ||
                                     lower[at - 1] == '_');
      const size_t end = at + word.size();
      const bool right = end >= lower.size() ||
                         !(std::isalnum(static_cast<unsigned char>(lower[end])) || lower[end] == '_');
      if (left && right) return false;
      at = lower.find(word, at + 1);
    }
  }
  return true;
}

void AddContext(SqlError& e, const std::string& line) {
  std::string& c = e.mutable_fields().context;
  c = c.empty() ? line : c + "\n" + line;
}

// plpgsql_stmt_typename().
std::string StmtTypeName(const pl::Stmt& s) {
  switch (s.kind) {
    case pl::StmtKind::kBlock: return "statement block";
    case pl::StmtKind::kAssign: return "assignment";
    case pl::StmtKind::kIf: return "IF";
    case pl::StmtKind::kCase: return "CASE";
    case pl::StmtKind::kLoop: return "LOOP";
    case pl::StmtKind::kWhile: return "WHILE";
    case pl::StmtKind::kForInt: return "FOR with integer loop variable";
    case pl::StmtKind::kForQuery: return "FOR over SELECT rows";
    case pl::StmtKind::kForDynamic: return "FOR over EXECUTE statement";
    case pl::StmtKind::kForeachArray: return "FOREACH over array";
    case pl::StmtKind::kExit: return s.is_exit ? "EXIT" : "CONTINUE";
    case pl::StmtKind::kReturn: return "RETURN";
    case pl::StmtKind::kReturnNext: return "RETURN NEXT";
    case pl::StmtKind::kReturnQuery: return "RETURN QUERY";
    case pl::StmtKind::kRaise: return "RAISE";
    case pl::StmtKind::kExecSql: return "SQL statement";
    case pl::StmtKind::kDynExecute: return "EXECUTE";
    case pl::StmtKind::kPerform: return "PERFORM";
    case pl::StmtKind::kGetDiagnostics:
      return s.is_stacked ? "GET STACKED DIAGNOSTICS" : "GET DIAGNOSTICS";
    case pl::StmtKind::kAssert: return "ASSERT";
    case pl::StmtKind::kUnsupported: return s.unsupported;
  }
  return "";
}

// The CREATE FUNCTION statement libpg_query's PL/pgSQL parser reads: the
// parameters (names and modes matter to it) and the result.
// "RETURN NEXT;" -> "RETURN NEXT <marker>;" (see ast::plpgsql::kOutRowMarker),
// on the same line.
std::string MarkBareReturnNext(const std::string& body) {
  static const std::regex kBare(R"((\breturn\s+next)(\s*;))", std::regex::icase);
  return std::regex_replace(body, kBare, "$1 " + std::string(pl::kOutRowMarker) + "$2");
}

std::string CreateStatementText(const catalog::FunctionDesc& fn) {
  // TABLE columns are written as OUT parameters of a SETOF function: the
  // grammar then accepts a bare RETURN NEXT, as PostgreSQL's does.
  std::string out = "CREATE FUNCTION \"" + fn.name + "\"(";
  bool first = true;
  for (const catalog::FunctionArg& a : fn.args) {
    if (!first) out += ", ";
    first = false;
    out += a.mode == 'o' || a.mode == 't' ? "OUT "
           : a.mode == 'b'                ? "INOUT "
           : a.mode == 'v'                ? "VARIADIC "
                                          : "";
    if (!a.name.empty()) out += "\"" + a.name + "\" ";
    out += FormatTypeName(a.type);
  }
  out += ") RETURNS ";
  out += (fn.returns_set ? "SETOF " : "") + FormatTypeName(fn.result_type);
  out += " LANGUAGE plpgsql AS '";
  const bool has_out = std::any_of(fn.args.begin(), fn.args.end(), [](const auto& a) {
    return a.mode == 'o' || a.mode == 'b' || a.mode == 't';
  });
  const std::string body = has_out ? MarkBareReturnNext(fn.body) : fn.body;
  for (char c : body) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string DoStatementText(const std::string& body) {
  std::string out = "DO '";
  for (char c : body) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

struct Var {
  std::string name;
  DataType type;
  Value value = Value::Null(type_oid::kUnknown);
  bool is_const = false;
  bool not_null = false;
  bool is_record = false;
  bool record_assigned = false;
  // Declared as table%ROWTYPE (or the table's name): the row's columns.
  bool row_typed = false;
  std::vector<std::string> declared_names;
  std::vector<DataType> declared_types;
  std::vector<std::string> field_names;
  std::vector<DataType> field_types;
  std::vector<Value> fields;
  // A trigger function's NEW / OLD: also visible as a whole record.
  bool trigger_record = false;
  // NEW.f as an assignment target: the record's variable number and f.
  int recfield_parent = -1;
};

enum class Flow { kNormal, kExit, kContinue, kReturn };

// Which CONTEXT line an embedded SQL text adds to its errors.
enum class SqlKind { kExpression, kAssignment, kStatement };

DataType ResolveDeclaredType(const CommandContext& ctx, const std::string& name) {
  const std::string text = "SELECT NULL::" + name;
  std::vector<std::unique_ptr<ast::Statement>> parsed;
  try {
    parsed = ParseQuery(text);
  } catch (SqlError&) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "PL/pgSQL variables of type " + name + " are not supported yet");
  }
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "PL/pgSQL variables of type " + name + " are not supported yet");
  }
  const auto& select = static_cast<const ast::SelectStatement&>(*parsed[0]);
  if (select.target_list.size() != 1 ||
      select.target_list[0].value->kind != ast::ExprKind::kTypeCast) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "PL/pgSQL variables of type " + name + " are not supported yet");
  }
  const auto& cast = static_cast<const ast::TypeCastExpr&>(*select.target_list[0].value);
  CommandContext bind_ctx = ctx;
  bind_ctx.query = text;
  bind_ctx.outer = nullptr;
  Binder binder = bind_ctx.MakeBinder();
  return binder.ResolveTypeName(cast.type_name);
}

// The columns a SELECT would return, bound but not run.
StatementOutput AnalyzeSelect(const CommandContext& ctx, const std::string& text) {
  std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(text);
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) {
    throw SqlError(SqlState::kInternalError, "not a SELECT: " + text);
  }
  ScopedFunctionParams no_params(nullptr);
  CommandContext analyze = NestedStatementContext(ctx, text);
  analyze.params = nullptr;
  analyze.param_values = nullptr;
  analyze.analyze_only = true;
  analyze.txn = nullptr;
  return RunBodyStatement(analyze, *parsed[0]);
}

// A declared type beyond a plain type name: "tbl.col%TYPE", "tbl%ROWTYPE"
// or a table's name (a row of its columns). Returns false if `written` is
// none of these (then it is a type name). "var%TYPE" is the caller's.
bool ResolveRelationType(const CommandContext& ctx, const std::string& written, DataType* type,
                         std::vector<std::string>* names, std::vector<DataType>* types) {
  const std::string lower = Lower(written);
  const auto ends_with = [&](std::string_view suffix) {
    return lower.size() > suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("%type")) {
    const std::string base = written.substr(0, written.size() - 5);
    const size_t dot = base.rfind('.');
    if (dot == std::string::npos) return false;
    const StatementOutput out = AnalyzeSelect(
        ctx, "SELECT " + base.substr(dot + 1) + " FROM " + base.substr(0, dot) + " LIMIT 0");
    *type = DataType{out.columns.at(0).type_oid, out.columns.at(0).type_modifier};
    return true;
  }
  std::string table = written;
  if (ends_with("%rowtype")) {
    table = written.substr(0, written.size() - 8);
  } else {
    // A table's name used as a type (its row type).
    bool plain = !written.empty();
    for (char c : written) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '"')) {
        plain = false;
      }
    }
    if (!plain) return false;
    std::optional<StatementOutput> typed;
    try {
      typed = AnalyzeSelect(ctx, "SELECT NULL::" + written);
    } catch (SqlError&) {
    }
    if (typed.has_value()) {
      // A composite type (a table's row type or CREATE TYPE ... AS): a row
      // variable of its fields; any other type is a scalar variable's.
      const DataType t{typed->columns.at(0).type_oid, typed->columns.at(0).type_modifier};
      const std::vector<RecordField>* fields =
          IsNamedCompositeType(t.oid) ? CompositeFields(t) : nullptr;
      if (fields == nullptr) return false;
      *type = DataType{type_oid::kRecord, -1};
      for (const RecordField& f : *fields) {
        names->push_back(f.name);
        types->push_back(f.type);
      }
      return true;
    }
  }
  const StatementOutput out = AnalyzeSelect(ctx, "SELECT * FROM " + table + " LIMIT 0");
  *type = DataType{type_oid::kRecord, -1};
  for (const ResultColumn& c : out.columns) {
    names->push_back(c.name);
    types->push_back(DataType{c.type_oid, c.type_modifier});
  }
  return true;
}

class Executor {
 public:
  Executor(const CommandContext& ctx, const catalog::FunctionDesc* fn,
           const pl::Function& tree)
      : ctx_(ctx), fn_(fn), tree_(tree) {
    if (fn_ != nullptr) {
      signature_ = fn_->name + "(";
      bool first = true;
      for (Oid t : fn_->InputTypes()) {
        signature_ += (first ? "" : ",") + FormatTypeName(t);
        first = false;
      }
      signature_ += ")";
      columns_ = FunctionOutputColumns(*fn_);
    } else {
      signature_ = "inline_code_block";
    }
  }

  // One firing of a trigger function (PostgreSQL's plpgsql_exec_trigger):
  // NEW, OLD and the TG_ variables are set, and the row RETURN gives is
  // the result (nullopt for NULL).
  std::optional<Row> RunTrigger(const TriggerInvocation& tg) {
    trigger_ = &tg;
    InitVariables({});
    for (size_t i = 0; i < tree_.datums.size(); ++i) {
      if (!tree_.datums[i].trigger_record) continue;
      Var& v = vars_[i];
      const std::optional<Row>& row = v.name == "new" ? tg.new_row : tg.old_row;
      // NEW of a DELETE and OLD of an INSERT are NULL, but of the table's
      // row type: their fields read as NULL.
      v.trigger_record = true;
      v.field_names = tg.column_names;
      v.field_types = tg.column_types;
      v.record_assigned = row.has_value();
      if (row.has_value()) {
        v.fields = *row;
      } else {
        for (const DataType& t : tg.column_types) v.fields.push_back(Value::Null(t.oid));
      }
      scope_.push_back(static_cast<int>(i));
    }
    const auto add = [&](const char* name, DataType type, Value value) {
      Var v;
      v.name = name;
      v.type = type;
      v.value = std::move(value);
      vars_.push_back(std::move(v));
      scope_.push_back(static_cast<int>(vars_.size()) - 1);
    };
    const DataType name_type{type_oid::kName, -1};
    const DataType text_type{type_oid::kText, -1};
    add("tg_name", name_type, Value::String(type_oid::kName, tg.name));
    add("tg_when", text_type, Value::Text(tg.when));
    add("tg_level", text_type, Value::Text(tg.level));
    add("tg_op", text_type, Value::Text(tg.op));
    add("tg_relid", DataType{type_oid::kOid, -1}, Value::Integer(type_oid::kOid, tg.relid));
    add("tg_relname", name_type, Value::String(type_oid::kName, tg.table_name));
    add("tg_table_name", name_type, Value::String(type_oid::kName, tg.table_name));
    add("tg_table_schema", name_type, Value::String(type_oid::kName, tg.table_schema));
    add("tg_nargs", DataType{type_oid::kInt4, -1},
        Value::Int4(static_cast<int64_t>(tg.args.size())));
    std::vector<Value> argv;
    for (const std::string& a : tg.args) argv.push_back(Value::Text(a));
    // TG_ARGV counts from 0; without arguments it is NULL.
    add("tg_argv", DataType{type_oid::kTextArray, -1},
        argv.empty() ? Value::Null(type_oid::kTextArray)
                     : MakeArray(type_oid::kTextArray, type_oid::kText, std::move(argv), 0));
    ActiveExecutor active(this);
    try {
      const Flow flow = ExecStmt(tree_.action);
      err_stmt_ = nullptr;
      if (flow != Flow::kReturn) {
        throw SqlError(SqlState::kSREFunctionExecutedNoReturnStatement,
                       "control reached end of trigger procedure without RETURN");
      }
    } catch (SqlError& e) {
      if (!rethrown_) AddContext(e, ContextLine());
      throw;
    }
    return std::move(trigger_result_);
  }

  std::vector<Row> Run(std::vector<Value> args) {
    InitVariables(std::move(args));
    ActiveExecutor active(this);
    try {
      const Flow flow = ExecStmt(tree_.action);
      err_stmt_ = nullptr;
      if (flow != Flow::kReturn && NeedsReturn()) {
        throw SqlError(SqlState::kSREFunctionExecutedNoReturnStatement,
                       "control reached end of function without RETURN");
      }
      if (flow != Flow::kReturn) ReturnOutParams();
    } catch (SqlError& e) {
      if (!rethrown_) AddContext(e, ContextLine());
      throw;
    }
    return std::move(results_);
  }

 private:
  // The CONTEXT line for an error raised at err_stmt_.
  std::string ContextLine() const {
    std::string line = "PL/pgSQL function " + signature_;
    if (err_stmt_ != nullptr) {
      line += " line " + std::to_string(err_stmt_->lineno) +
              (in_block_init_ ? " during statement block local variable initialization"
                              : " at " + StmtTypeName(*err_stmt_));
    }
    return line;
  }

  // --- variables -----------------------------------------------------------

  void InitVariables(std::vector<Value> args) {
    vars_.resize(tree_.datums.size());
    size_t input = 0;
    size_t first_datum = 0;
    // The parameters: a named one is the next datum; an unnamed one has no
    // datum (only $n reaches it) and gets a variable after the datums.
    if (fn_ != nullptr) {
      for (const catalog::FunctionArg& a : fn_->args) {
        int varno;
        if (!a.name.empty() && first_datum < tree_.datums.size()) {
          varno = static_cast<int>(first_datum++);
        } else {
          vars_.emplace_back();
          varno = static_cast<int>(vars_.size()) - 1;
        }
        Var& v = vars_[varno];
        v.name = a.name;
        v.type = DataType{a.type, -1};
        const bool is_input = a.mode == 'i' || a.mode == 'b' || a.mode == 'v';
        v.value = is_input && input < args.size() ? args[input++] : Value::Null(a.type);
        if (is_input) input_vars_.push_back(varno);
        if (!is_input || a.mode == 'b') out_vars_.push_back(varno);
        param_vars_.insert(varno);
        scope_.push_back(varno);
      }
    }
    for (size_t i = first_datum; i < tree_.datums.size(); ++i) {
      const pl::Datum& d = tree_.datums[i];
      Var& v = vars_[i];
      if (d.recfield_parent >= 0) {
        // Not a variable of its own: an assignment target (no name, so
        // never a parameter of embedded SQL).
        v.recfield_parent = d.recfield_parent;
        v.field_names = {d.name};
        continue;
      }
      v.name = d.name;
      v.is_const = d.is_const;
      v.not_null = d.not_null;
      if (d.name == "found" && i == first_datum) {
        v.type = DataType{type_oid::kBool, -1};
        v.value = Value::Bool(false);
        found_var_ = static_cast<int>(i);
        scope_.push_back(static_cast<int>(i));
        continue;
      }
      if (d.is_row) continue;
      if (d.type_name.empty()) {
        v.type = DataType{type_oid::kText, -1};  // sqlstate / sqlerrm; loops set their own
        v.value = Value::Null(type_oid::kText);
        continue;
      }
      const std::string lower = Lower(d.type_name);
      if (d.resolved != nullptr) {
        v.type = DataType{d.resolved->type_oid, d.resolved->typmod};
        v.row_typed = d.resolved->row_typed;
        v.is_record = v.row_typed;
        v.declared_names = d.resolved->names;
        for (const auto& [oid, typmod] : d.resolved->types) {
          v.declared_types.push_back(DataType{oid, typmod});
        }
      } else if (lower == "record") {
        v.is_record = true;
        v.type = DataType{type_oid::kRecord, -1};
      } else if (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "%type") == 0 &&
                 lower.find('.') == std::string::npos) {
        // var%TYPE: the type of a variable declared before.
        const std::string base = lower.substr(0, lower.size() - 5);
        const Var* found = nullptr;
        for (size_t j = 0; j < vars_.size(); ++j) {
          if (j != i && vars_[j].name == base && !vars_[j].is_record &&
              vars_[j].type.oid != type_oid::kInvalid) {
            found = &vars_[j];
          }
        }
        if (found == nullptr) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "PL/pgSQL variables of type " + d.type_name + " are not supported yet");
        }
        v.type = found->type;
      } else if (ResolveRelationType(ctx_, d.type_name, &v.type, &v.declared_names,
                                     &v.declared_types)) {
        if (v.type.oid == type_oid::kRecord) {
          v.is_record = true;
          v.row_typed = true;
        }
      } else {
        v.type = ResolveDeclaredType(ctx_, d.type_name);
      }
      if (d.resolved == nullptr && lower != "record" &&
          !(lower.size() > 5 && lower.compare(lower.size() - 5, 5, "%type") == 0 &&
            lower.find('.') == std::string::npos)) {
        auto resolved = std::make_shared<pl::Datum::Resolved>();
        resolved->type_oid = v.type.oid;
        resolved->typmod = v.type.typmod;
        resolved->row_typed = v.row_typed;
        resolved->names = v.declared_names;
        for (const DataType& t : v.declared_types) resolved->types.push_back({t.oid, t.typmod});
        d.resolved = std::move(resolved);
      }
      v.value = Value::Null(v.type.oid);
      if (v.row_typed) ResetRow(&v);
    }
  }

  // A row-typed variable's fields, all NULL.
  static void ResetRow(Var* v) {
    v->field_names = v->declared_names;
    v->field_types = v->declared_types;
    v->fields.clear();
    for (const DataType& t : v->declared_types) v->fields.push_back(Value::Null(t.oid));
  }

  void SetFound(bool found) {
    if (found_var_ >= 0) vars_[found_var_].value = Value::Bool(found);
  }

  // The scope's variables as parameters: the function's inputs are $1..$n
  // (by name unless an inner declaration hides the name), then every other
  // visible variable, innermost first. A record's fields are "r.f".
  void BuildParams(FunctionParams* params, std::vector<Value>* values) {
    params->function_name = fn_ != nullptr ? fn_->name : "";
    params->conflict_is_error = true;
    std::set<std::string> inner_names;
    for (int varno : scope_) {
      if (!param_vars_.count(varno)) {
        inner_names.insert(vars_[varno].name);
      }
    }
    for (int varno : input_vars_) {
      const Var& v = vars_[varno];
      params->names.push_back(inner_names.count(v.name) ? "" : v.name);
      params->types.push_back(v.type.oid);
      values->push_back(v.value);
    }
    std::set<std::string> seen;
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      const int varno = *it;
      if (std::find(input_vars_.begin(), input_vars_.end(), varno) != input_vars_.end()) continue;
      const Var& v = vars_[varno];
      if (v.name.empty() || !seen.insert(v.name).second) continue;
      if (v.is_record) {
        for (size_t f = 0; f < v.field_names.size(); ++f) {
          params->names.push_back(v.name + "." + v.field_names[f]);
          params->types.push_back(v.field_types[f].oid);
          values->push_back(v.fields[f]);
        }
        if (v.trigger_record) {
          // NEW / OLD as a whole: a record value (NULL when not assigned).
          params->names.push_back(v.name);
          params->types.push_back(type_oid::kRecord);
          values->push_back(v.record_assigned ? MakeRecord(v.fields)
                                              : Value::Null(type_oid::kRecord));
        }
        continue;
      }
      params->names.push_back(v.name);
      params->types.push_back(v.type.oid == type_oid::kUnknown ? type_oid::kText : v.type.oid);
      values->push_back(v.value);
    }
    // ALIAS FOR: the target's value under the alias's name too.
    for (const auto& [alias, target] : tree_.aliases) {
      if (!seen.insert(alias).second) continue;
      const Var* v = nullptr;
      if (!target.empty() && target[0] == '$') {
        const size_t n = static_cast<size_t>(std::atoi(target.c_str() + 1));
        if (n >= 1 && n <= input_vars_.size()) v = &vars_[input_vars_[n - 1]];
      } else {
        for (auto it = scope_.rbegin(); it != scope_.rend() && v == nullptr; ++it) {
          if (vars_[*it].name == target) v = &vars_[*it];
        }
      }
      if (v == nullptr) continue;
      if (!v->is_record) {
        params->names.push_back(alias);
        params->types.push_back(v->type.oid == type_oid::kUnknown ? type_oid::kText
                                                                  : v->type.oid);
        values->push_back(v->value);
        continue;
      }
      for (size_t f = 0; f < v->field_names.size(); ++f) {
        params->names.push_back(alias + "." + v->field_names[f]);
        params->types.push_back(v->field_types[f].oid);
        values->push_back(v->fields[f]);
      }
      params->names.push_back(alias);
      params->types.push_back(type_oid::kRecord);
      values->push_back(v->record_assigned ? MakeRecord(v->fields)
                                           : Value::Null(type_oid::kRecord));
    }
  }

  Value Coerce(const Value& v, const DataType& from, const DataType& to) {
    if (to.oid == type_oid::kUnknown || to.oid == type_oid::kInvalid) return v;
    if (v.is_null()) return Value::Null(to.oid);
    if (from.oid == to.oid && (to.typmod < 0 || from.typmod == to.typmod)) return v;
    Binder binder("");
    BoundExprPtr coerced =
        binder.CoerceForAssignment(std::make_unique<BoundParam>(1, from, -1), to);
    std::vector<Value> param{v};
    if (coerced == nullptr) {
      // No assignment cast: PL/pgSQL converts through text (CoerceViaIO).
      if (CanCoerceType(type_oid::kText, to.oid, CoercionContext::kExplicit)) {
        coerced = binder.CoerceToTargetType(
            std::make_unique<BoundParam>(1, DataType{type_oid::kText, -1}, -1), to,
            CoercionContext::kExplicit, true, -1);
      }
      if (coerced == nullptr) {
        throw SqlError(SqlState::kDatatypeMismatch, "cannot convert " + FormatTypeName(from.oid) +
                                                        " to " + FormatTypeName(to.oid));
      }
      param[0] = Value::Text(OutputValue(v));
    }
    EvalContext eval(&param);
    return coerced->Evaluate(eval);
  }

  void Assign(int varno, const Value& v, const DataType& from) {
    Var& var = vars_.at(varno);
    if (var.is_record) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "assigning a scalar to record variable \"" + var.name +
                         "\" is not supported yet");
    }
    Value value = Coerce(v, from, var.type);
    if (var.not_null && value.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     "null value cannot be assigned to variable \"" + var.name +
                         "\" declared NOT NULL");
    }
    var.value = std::move(value);
  }

  // A row into INTO / FOR targets: one record variable takes the row's
  // columns; otherwise the columns go to the variables in order.
  void AssignRow(const std::vector<int>& targets, const std::vector<ResultColumn>& columns,
                 const Row* row) {
    if (targets.size() == 1 && vars_.at(targets[0]).row_typed) {
      // The row's columns in order, converted to the declared ones.
      Var& r = vars_[targets[0]];
      for (size_t i = 0; i < r.fields.size(); ++i) {
        if (row == nullptr || i >= columns.size()) {
          r.fields[i] = Value::Null(r.field_types[i].oid);
          continue;
        }
        r.fields[i] = Coerce((*row)[i], DataType{columns[i].type_oid, columns[i].type_modifier},
                             r.field_types[i]);
      }
      r.record_assigned = true;
      return;
    }
    if (targets.size() == 1 && vars_.at(targets[0]).is_record) {
      Var& r = vars_[targets[0]];
      r.field_names.clear();
      r.field_types.clear();
      r.fields.clear();
      for (size_t i = 0; i < columns.size(); ++i) {
        r.field_names.push_back(columns[i].name);
        r.field_types.push_back(DataType{columns[i].type_oid, columns[i].type_modifier});
        r.fields.push_back(row != nullptr ? (*row)[i] : Value::Null(columns[i].type_oid));
      }
      r.record_assigned = true;
      return;
    }
    for (size_t i = 0; i < targets.size(); ++i) {
      if (vars_.at(targets[i]).is_record) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "a record variable in an INTO list of several targets is not supported yet");
      }
      if (i < columns.size()) {
        const DataType from{columns[i].type_oid, columns[i].type_modifier};
        Assign(targets[i], row != nullptr ? (*row)[i] : Value::Null(from.oid), from);
      } else {
        Assign(targets[i], Value::Null(type_oid::kUnknown), DataType{type_oid::kUnknown, -1});
      }
    }
  }

  // --- running SQL ---------------------------------------------------------

  // Runs one embedded SQL text with the variables in scope as parameters.
  // `params`/`values` given: EXECUTE's USING values as $1..$n, no variables.
  StatementOutput RunSql(const pl::Expr& expr, const std::string& text, SqlKind kind,
                         const std::vector<Value>* using_values = nullptr,
                         const std::vector<Oid>* using_types = nullptr) {
    FunctionParams params;
    std::vector<Value> values;
    if (using_values != nullptr) {
      values = *using_values;
      params.types = *using_types;
    } else {
      BuildParams(&params, &values);
    }
    // What GET DIAGNOSTICS PG_CONTEXT shows for this statement while it runs.
    std::string line;
    if (kind == SqlKind::kStatement) {
      line = "SQL statement \"" + text + "\"";
    } else if (!IsSimpleExpression(expr.query)) {
      line = (kind == SqlKind::kAssignment ? "PL/pgSQL assignment \"" : "SQL expression \"") +
             expr.query + "\"";
    }
    ActiveSql active(&active_sql_, line);
    try {
      if (expr.parsed == nullptr || using_values != nullptr) {
        auto parsed = std::make_shared<std::vector<std::unique_ptr<ast::Statement>>>(ParseQuery(text));
        if (using_values != nullptr) {
          return RunParsed(*parsed, text, params, values, using_values != nullptr);
        }
        expr.parsed = std::move(parsed);
      }
      return RunParsed(*expr.parsed, text, params, values, false);
    } catch (SqlError& e) {
      // An error with a position in the embedded text (a parse or binding
      // error): PostgreSQL reports it with the text as its internal QUERY
      // and no context line of its own. We have no internal query field, so
      // the position is dropped.
      if (e.fields().position > 0) {
        e.mutable_fields().position = 0;
        throw;
      }
      if (kind == SqlKind::kStatement) {
        AddContext(e, "SQL statement \"" + text + "\"");
      } else if (!IsSimpleExpression(expr.query) || IsConstantExpression(expr.query)) {
        if (kind == SqlKind::kAssignment) {
          AddContext(e, "PL/pgSQL assignment \"" + expr.query + "\"");
        } else {
          AddContext(e, "SQL expression \"" + expr.query + "\"");
        }
      }
      throw;
    }
  }

  // Whether PostgreSQL's planner would fold `text` to a constant (so its
  // errors arise while planning, through SPI, with the "SQL expression"
  // context line): it names no variable, no $n and no user function.
  bool IsConstantExpression(const std::string& text) const {
    std::set<std::string> variables;
    for (int varno : scope_) variables.insert(vars_[varno].name);
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '\'' || c == '"') {
        const size_t end = text.find(c, i + 1);
        if (c == '"' && end != std::string::npos &&
            variables.count(text.substr(i + 1, end - i - 1))) {
          return false;
        }
        i = end == std::string::npos ? text.size() : end + 1;
        continue;
      }
      if (c == '$') return false;
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t end = i;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                     text[end] == '_')) {
          ++end;
        }
        const std::string word = Lower(text.substr(i, end - i));
        if (variables.count(word)) return false;
        size_t next = end;
        while (next < text.size() && std::isspace(static_cast<unsigned char>(text[next]))) ++next;
        if (next < text.size() && text[next] == '(' && ctx_.catalog != nullptr) {
          for (const auto& [oid, fn] : ctx_.catalog->functions()) {
            if (fn->name == word) return false;
          }
        }
        i = end;
        continue;
      }
      ++i;
    }
    return true;
  }

  StatementOutput RunParsed(const std::vector<std::unique_ptr<ast::Statement>>& parsed,
                            const std::string& text, const FunctionParams& params,
                            const std::vector<Value>& values, bool dynamic) {
    if (parsed.size() != 1) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     dynamic ? "EXECUTE of several statements is not supported yet"
                             : "several statements in one PL/pgSQL statement are not supported");
    }
    const ast::Statement& stmt = *parsed[0];
    switch (stmt.kind) {
      case ast::StatementKind::kSelect:
      case ast::StatementKind::kInsert:
      case ast::StatementKind::kUpdate:
      case ast::StatementKind::kDelete:
      case ast::StatementKind::kMerge:
      case ast::StatementKind::kExplain:  // its lines are rows (FOR ... IN EXECUTE 'explain ...')
        break;
      case ast::StatementKind::kUnsupported:
        throw SqlError(static_cast<const ast::UnsupportedStatement&>(stmt).error);
      default:
        throw SqlError(SqlState::kFeatureNotSupported,
                       stmt.command_name + " in a PL/pgSQL function is not supported yet");
    }
    ScopedFunctionParams scope(dynamic ? nullptr : &params);
    ParameterTypes types(ParameterTypes::Mode::kFixed, params.types);
    CommandContext run = ctx_;
    run.query = text;
    run.params = &types;
    run.param_values = &values;
    run.outer = nullptr;
    run.ctes = nullptr;
    run.explain = nullptr;
    run.analyze_only = false;
    run.rerun_after_lock_wait = false;
    StatementOutput out =
        stmt.kind == ast::StatementKind::kExplain
            ? ExecuteExplain(run, static_cast<const ast::ExplainStatement&>(stmt))
            : RunBodyStatement(run, stmt);
    processed_ = RowCount(stmt, out);
    return out;
  }

  static uint64_t RowCount(const ast::Statement& stmt, const StatementOutput& out) {
    if (stmt.kind == ast::StatementKind::kSelect) return out.rows.size();
    const size_t space = out.command_tag.rfind(' ');
    if (space == std::string::npos) return out.rows.size();
    return std::strtoull(out.command_tag.c_str() + space + 1, nullptr, 10);
  }

  // The one value of an expression (PostgreSQL's exec_eval_expr).
  std::pair<Value, DataType> Eval(const pl::Expr& expr, SqlKind kind = SqlKind::kExpression,
                                  std::string text = "") {
    if (text.empty()) text = "SELECT " + expr.query;
    // Evaluating an expression is no SQL statement of the function's: it
    // leaves ROW_COUNT as the last statement set it (exec_eval_expr).
    const uint64_t processed = processed_;
    StatementOutput out = RunSql(expr, text, kind);
    processed_ = processed;
    if (out.columns.size() != 1) {
      throw SqlError(SqlState::kSyntaxError, "query \"" + (kind == SqlKind::kAssignment
                                                               ? expr.query
                                                               : "SELECT " + expr.query) +
                                                 "\" returned " +
                                                 std::to_string(out.columns.size()) + " columns");
    }
    const DataType type{out.columns[0].type_oid, out.columns[0].type_modifier};
    if (out.rows.size() > 1) {
      throw SqlError(SqlState::kCardinalityViolation,
                     "query \"" + (kind == SqlKind::kAssignment ? expr.query
                                                                : "SELECT " + expr.query) +
                         "\" returned more than one row");
    }
    if (out.rows.empty()) return {Value::Null(type.oid), type};
    return {out.rows[0][0], type};
  }

  bool EvalBool(const pl::Expr& expr) {
    auto [v, type] = Eval(expr);
    if (type.oid != type_oid::kBool) v = Coerce(v, type, DataType{type_oid::kBool, -1});
    return !v.is_null() && v.bool_value();
  }

  // --- statements ----------------------------------------------------------

  Flow ExecStmts(const std::vector<pl::Stmt>& stmts) {
    for (const pl::Stmt& s : stmts) {
      const Flow flow = ExecStmt(s);
      if (flow != Flow::kNormal) return flow;
    }
    return Flow::kNormal;
  }

  Flow ExecStmt(const pl::Stmt& s) {
    const pl::Stmt* saved = err_stmt_;
    err_stmt_ = &s;
    CheckStackDepth();
    Flow flow = Flow::kNormal;
    switch (s.kind) {
      case pl::StmtKind::kBlock: flow = ExecBlock(s); break;
      case pl::StmtKind::kAssign: ExecAssign(s); break;
      case pl::StmtKind::kIf: flow = ExecIf(s); break;
      case pl::StmtKind::kCase: flow = ExecCase(s); break;
      case pl::StmtKind::kLoop: flow = ExecLoop(s); break;
      case pl::StmtKind::kWhile: flow = ExecWhile(s); break;
      case pl::StmtKind::kForInt: flow = ExecForInt(s); break;
      case pl::StmtKind::kForQuery: flow = ExecForQuery(s); break;
      case pl::StmtKind::kForDynamic: flow = ExecForQuery(s); break;
      case pl::StmtKind::kForeachArray: flow = ExecForeach(s); break;
      case pl::StmtKind::kExit: flow = ExecExit(s); break;
      case pl::StmtKind::kReturn: flow = ExecReturn(s); break;
      case pl::StmtKind::kReturnNext: ExecReturnNext(s); break;
      case pl::StmtKind::kReturnQuery: ExecReturnQuery(s); break;
      case pl::StmtKind::kRaise: ExecRaise(s); break;
      case pl::StmtKind::kExecSql: ExecSql(s); break;
      case pl::StmtKind::kDynExecute: ExecDynamic(s); break;
      case pl::StmtKind::kPerform: ExecPerform(s); break;
      case pl::StmtKind::kGetDiagnostics: ExecGetDiagnostics(s); break;
      case pl::StmtKind::kAssert: ExecAssert(s); break;
      case pl::StmtKind::kUnsupported:
        throw SqlError(SqlState::kFeatureNotSupported,
                       "PL/pgSQL statement " + s.unsupported + " is not supported yet");
    }
    err_stmt_ = saved;
    return flow;
  }

  Flow ExecBlock(const pl::Stmt& s) {
    const size_t scope_mark = scope_.size();
    in_block_init_ = true;
    for (int varno : s.declared) {
      const pl::Datum& d = tree_.datums[varno];
      Var& v = vars_[varno];
      v.value = Value::Null(v.type.oid);
      v.fields.clear();
      v.field_names.clear();
      v.field_types.clear();
      v.record_assigned = false;
      if (v.row_typed) ResetRow(&v);
      if (d.default_value.has_value()) {
        auto [value, type] = Eval(*d.default_value);
        scope_.push_back(varno);
        Assign(varno, value, type);
      } else {
        if (d.not_null) {
          throw SqlError(SqlState::kNullValueNotAllowed,
                         "null value cannot be assigned to variable \"" + v.name +
                             "\" declared NOT NULL");
        }
        scope_.push_back(varno);
      }
    }
    in_block_init_ = false;
    Flow flow = Flow::kNormal;
    if (!s.has_exception_block) {
      flow = ExecStmts(s.body);
    } else {
      flow = ExecProtected(s);
    }
    scope_.resize(scope_mark);
    if (flow == Flow::kExit && !exit_label_.empty() && exit_label_ == s.label) {
      exit_label_.clear();
      return Flow::kNormal;
    }
    return flow;
  }

  Flow ExecProtected(const pl::Stmt& s) {
    txn::Transaction* txn = ctx_.txn;
    txn::Transaction::Savepoint sp;
    if (txn != nullptr) sp = txn->BeginSavepoint();
    const size_t scope_mark = scope_.size();
    const pl::Stmt* stmt_mark = err_stmt_;
    SqlErrorFields caught;
    // The error as it would leave the function (with its context line):
    // what a bare RAISE in the handler re-throws.
    SqlErrorFields caught_with_context;
    const pl::Stmt* thrown_at = nullptr;
    bool was_rethrown = false;
    try {
      const Flow flow = ExecStmts(s.body);
      if (txn != nullptr) txn->ReleaseSavepoint(sp);
      return flow;
    } catch (SqlError& e) {
      if (txn != nullptr) {
        const Status st = txn->RollbackToSavepoint(sp, true);
        txn->ReleaseSavepoint(sp);
        if (!st.ok()) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "an exception handler after this much written data is not supported "
                         "yet: " + st.ToString());
        }
      }
      caught = e.fields();
      was_rethrown = rethrown_;
      rethrown_ = false;
      thrown_at = err_stmt_;
      SqlError with_context(e.fields());
      if (!was_rethrown) AddContext(with_context, ContextLine());
      caught_with_context = with_context.fields();
    }
    scope_.resize(scope_mark);
    err_stmt_ = stmt_mark;
    in_block_init_ = false;
    for (const pl::ExceptionHandler& h : s.handlers) {
      if (!HandlerMatches(h, caught)) continue;
      // SQLSTATE and SQLERRM: the handler's own variables of those names.
      for (size_t i = 0; i < tree_.datums.size(); ++i) {
        if (tree_.datums[i].type_name.empty() && tree_.datums[i].lineno > 0 &&
            (vars_[i].name == "sqlstate" || vars_[i].name == "sqlerrm")) {
          vars_[i].type = DataType{type_oid::kText, -1};
          vars_[i].value = Value::Text(vars_[i].name == "sqlstate"
                                           ? std::string(SqlStateCode(caught.sqlstate))
                                           : caught.message);
          scope_.push_back(static_cast<int>(i));
        }
      }
      caught_.push_back(caught_with_context);
      Flow flow;
      try {
        flow = ExecStmts(h.action);
      } catch (...) {
        caught_.pop_back();
        throw;
      }
      caught_.pop_back();
      scope_.resize(scope_mark);
      return flow;
    }
    // No handler: the error leaves the block as it came.
    err_stmt_ = thrown_at;
    rethrown_ = was_rethrown;
    throw SqlError(caught);
  }

  static bool HandlerMatches(const pl::ExceptionHandler& h, const SqlErrorFields& f) {
    const std::string_view code = SqlStateCode(f.sqlstate);
    for (const std::string& c : h.conditions) {
      if (c == "others") {
        if (f.sqlstate != SqlState::kQueryCanceled && f.sqlstate != SqlState::kAssertFailure) {
          return true;
        }
        continue;
      }
      std::string_view want;
      if (const SqlStateRow* r = FindCondition(c)) {
        want = r->code;
      } else if (IsSqlStateCode(c)) {
        want = c;
      } else {
        throw SqlError(SqlState::kUndefinedObject, "unrecognized exception condition \"" + c + "\"");
      }
      // A class code (..000) catches its whole class.
      if (want.substr(2) == "000" ? want.substr(0, 2) == code.substr(0, 2) : want == code) {
        return true;
      }
    }
    return false;
  }

  // "target := expr" / "target = expr", target being the variable or one
  // element of it (v[i]); slices, several subscripts and record fields are
  // 0A000.
  void ExecAssign(const pl::Stmt& s) {
    const Var& var = vars_.at(s.varno);
    if (var.recfield_parent >= 0) {
      AssignRecordField(s);
      return;
    }
    if (var.is_const) {
      throw SqlError(SqlState::kSyntaxError, "variable \"" + var.name + "\" is declared CONSTANT");
    }
    const std::string& q = s.expr->query;
    size_t pos = 0;
    std::string name;
    if (!q.empty() && q[0] == '"') {
      const size_t end = q.find('"', 1);
      name = q.substr(1, end == std::string::npos ? std::string::npos : end - 1);
      pos = end == std::string::npos ? q.size() : end + 1;
    } else {
      while (pos < q.size() && (std::isalnum(static_cast<unsigned char>(q[pos])) ||
                                q[pos] == '_' || q[pos] == '$')) {
        ++pos;
      }
      name = Lower(q.substr(0, pos));
    }
    const auto skip_space = [&] {
      while (pos < q.size() && std::isspace(static_cast<unsigned char>(q[pos]))) ++pos;
    };
    skip_space();
    std::vector<std::string> subscripts;
    while (pos < q.size() && q[pos] == '[') {
      int depth = 0;
      const size_t start = pos + 1;
      for (; pos < q.size(); ++pos) {
        if (q[pos] == '[') ++depth;
        if (q[pos] == ']' && --depth == 0) break;
      }
      subscripts.push_back(q.substr(start, pos - start));
      ++pos;
      skip_space();
    }
    size_t rhs = std::string::npos;
    if (q.compare(pos, 2, ":=") == 0) {
      rhs = pos + 2;
    } else if (pos < q.size() && q[pos] == '=') {
      rhs = pos + 1;
    }
    if (rhs == std::string::npos || name != var.name || subscripts.size() > 1 ||
        (subscripts.size() == 1 && subscripts[0].find(':') != std::string::npos)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "assignment to \"" + q.substr(0, pos) + "\" is not supported yet");
    }
    if (subscripts.empty()) {
      auto [v, type] = Eval(*s.expr, SqlKind::kAssignment, "SELECT " + q.substr(rhs));
      Assign(s.varno, v, type);
      return;
    }
    AssignElement(s, subscripts[0], "SELECT " + q.substr(rhs));
  }

  // rec.f := value (a trigger's NEW.f): the text is "rec.f := expr" or
  // "rec.f = expr"; the value is coerced to the field's type.
  void AssignRecordField(const pl::Stmt& s) {
    const Var& target = vars_.at(s.varno);
    Var& rec = vars_.at(target.recfield_parent);
    const std::string& field = target.field_names.at(0);
    const std::string& q = s.expr->query;
    // The target is two (possibly quoted) names and a dot; the value
    // follows the first ":=" or "=" outside quotes.
    size_t pos = 0;
    bool quoted = false;
    for (; pos < q.size(); ++pos) {
      if (q[pos] == '"') quoted = !quoted;
      if (quoted) continue;
      if (q[pos] == ':' || q[pos] == '=') break;
    }
    const size_t rhs = q.compare(pos, 2, ":=") == 0 ? pos + 2 : pos + 1;
    if (pos >= q.size()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "assignment \"" + q + "\" is not supported yet");
    }
    size_t f = 0;
    while (f < rec.field_names.size() && rec.field_names[f] != field) ++f;
    if (f == rec.field_names.size()) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "record \"" + rec.name + "\" has no field \"" + field + "\"");
    }
    auto [v, type] = Eval(*s.expr, SqlKind::kAssignment, "SELECT " + q.substr(rhs));
    rec.fields[f] = Coerce(v, type, rec.field_types[f]);
    rec.record_assigned = true;  // a NULL NEW / OLD becomes a row
  }

  // v[i] := value: PostgreSQL's array_set_element for one dimension (the
  // array grows, with NULLs, to reach i; a NULL array becomes [i:i]).
  void AssignElement(const pl::Stmt& s, const std::string& subscript, const std::string& rhs) {
    const Var& var = vars_.at(s.varno);
    const PgTypeInfo* info = FindPgType(var.type.oid);
    if (!IsArrayType(var.type.oid) || info == nullptr) {
      throw SqlError(SqlState::kDatatypeMismatch, "cannot subscript type " +
                                                      FormatTypeName(var.type.oid) +
                                                      " because it does not support subscripting");
    }
    const Oid element_type = info->typelem;
    pl::Expr index_expr{subscript, nullptr};
    auto [index, index_type] = Eval(index_expr, SqlKind::kAssignment, "SELECT " + subscript);
    index = Coerce(index, index_type, DataType{type_oid::kInt4, -1});
    if (index.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     "array subscript in assignment must not be null");
    }
    auto [v, type] = Eval(*s.expr, SqlKind::kAssignment, rhs);
    const Value element = Coerce(v, type, DataType{element_type, -1});
    const int64_t i = index.int_value();
    std::vector<Value> elements;
    int64_t lower = i;
    if (!var.value.is_null()) {
      const ArrayValue& array = var.value.array_value();
      elements = array.elements;
      lower = array.lower_bound;
      if (elements.empty()) lower = i;
    }
    // PostgreSQL's MaxArraySize: an assignment far outside the bounds
    // would otherwise allocate gigabytes of NULLs.
    constexpr int64_t kMaxArraySize = 134217727;
    const int64_t new_lower = std::min(lower, i);
    const int64_t new_upper = std::max(lower + static_cast<int64_t>(elements.size()) - 1, i);
    if (new_upper - new_lower + 1 > kMaxArraySize) {
      throw SqlError(SqlState::kProgramLimitExceeded,
                     "array size exceeds the maximum allowed (" + std::to_string(kMaxArraySize) +
                         ")");
    }
    if (i < lower) {
      elements.insert(elements.begin(), static_cast<size_t>(lower - i), Value::Null(element_type));
      lower = i;
    }
    if (i - lower >= static_cast<int64_t>(elements.size())) {
      elements.resize(static_cast<size_t>(i - lower + 1), Value::Null(element_type));
    }
    elements[static_cast<size_t>(i - lower)] = element;
    vars_[s.varno].value =
        MakeArray(var.type.oid, element_type, std::move(elements), static_cast<int32_t>(lower));
  }

  Flow ExecIf(const pl::Stmt& s) {
    if (EvalBool(*s.cond)) return ExecStmts(s.body);
    for (const pl::Branch& b : s.branches) {
      if (EvalBool(b.cond)) return ExecStmts(b.body);
    }
    return ExecStmts(s.else_body);
  }

  Flow ExecCase(const pl::Stmt& s) {
    const size_t scope_mark = scope_.size();
    if (s.expr.has_value()) {
      // The test value goes into the hidden variable the WHENs compare.
      auto [v, type] = Eval(*s.expr);
      Var& var = vars_.at(s.varno);
      var.type = type.oid == type_oid::kUnknown ? DataType{type_oid::kText, -1} : type;
      var.value = v;
      scope_.push_back(s.varno);
    }
    for (const pl::Branch& b : s.branches) {
      if (EvalBool(b.cond)) {
        scope_.resize(scope_mark);
        return ExecStmts(b.body);
      }
    }
    scope_.resize(scope_mark);
    if (!s.have_else) {
      throw SqlError(SqlState::kCaseNotFound, "case not found")
          .WithHint("CASE statement is missing ELSE part.");
    }
    return ExecStmts(s.else_body);
  }

  // A loop body's outcome: true to leave the loop with *flow.
  bool LoopControl(const pl::Stmt& loop, Flow body, Flow* flow) {
    *flow = Flow::kNormal;
    switch (body) {
      case Flow::kNormal:
        return false;
      case Flow::kReturn:
        *flow = Flow::kReturn;
        return true;
      case Flow::kExit:
        if (exit_label_.empty() || exit_label_ == loop.label) {
          exit_label_.clear();
          return true;
        }
        *flow = Flow::kExit;
        return true;
      case Flow::kContinue:
        if (exit_label_.empty() || exit_label_ == loop.label) {
          exit_label_.clear();
          return false;
        }
        *flow = Flow::kContinue;
        return true;
    }
    return false;
  }

  Flow ExecLoop(const pl::Stmt& s) {
    Flow flow;
    for (;;) {
      if (LoopControl(s, ExecStmts(s.body), &flow)) return flow;
    }
  }

  Flow ExecWhile(const pl::Stmt& s) {
    Flow flow = Flow::kNormal;
    while (EvalBool(*s.cond)) {
      if (LoopControl(s, ExecStmts(s.body), &flow)) return flow;
    }
    return flow;
  }

  int64_t EvalBound(const pl::Expr& e, const char* what) {
    auto [v, type] = Eval(e);
    v = Coerce(v, type, DataType{type_oid::kInt4, -1});
    if (v.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     std::string(what) + " of FOR loop cannot be null");
    }
    return v.int_value();
  }

  Flow ExecForInt(const pl::Stmt& s) {
    const int64_t lower = EvalBound(*s.lower, "lower bound");
    const int64_t upper = EvalBound(*s.upper, "upper bound");
    int64_t step = 1;
    if (s.step.has_value()) {
      step = EvalBound(*s.step, "BY value");
      if (step <= 0) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "BY value of FOR loop must be greater than zero");
      }
    }
    Var& var = vars_.at(s.varno);
    var.type = DataType{type_oid::kInt4, -1};
    const size_t scope_mark = scope_.size();
    scope_.push_back(s.varno);
    bool found = false;
    Flow flow = Flow::kNormal;
    for (int64_t i = lower; s.reverse ? i >= upper : i <= upper; i += s.reverse ? -step : step) {
      found = true;
      vars_[s.varno].value = Value::Int4(i);
      if (LoopControl(s, ExecStmts(s.body), &flow)) break;
      if (s.reverse ? i - step < INT32_MIN : i + step > INT32_MAX) break;
    }
    scope_.resize(scope_mark);
    SetFound(found);
    return flow;
  }

  std::pair<std::vector<Value>, std::vector<Oid>> UsingValues(const pl::Stmt& s) {
    std::vector<Value> values;
    std::vector<Oid> types;
    for (const pl::Expr& p : s.params) {
      auto [v, type] = Eval(p);
      if (type.oid == type_oid::kUnknown) {
        type = DataType{type_oid::kText, -1};
        v = v.is_null() ? Value::Null(type_oid::kText) : Value::Text(v.string_value());
      }
      values.push_back(v);
      types.push_back(type.oid);
    }
    return {values, types};
  }

  std::string EvalQueryString(const pl::Expr& e) {
    auto [v, type] = Eval(e);
    if (v.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     "query string argument of EXECUTE is null");
    }
    return OutputValue(v);
  }

  Flow ExecForQuery(const pl::Stmt& s) {
    StatementOutput out;
    if (s.kind == pl::StmtKind::kForDynamic) {
      const std::string text = EvalQueryString(*s.query);
      auto [values, types] = UsingValues(s);
      pl::Expr dyn{text, nullptr};
      out = RunSql(dyn, text, SqlKind::kStatement, &values, &types);
    } else {
      out = RunSql(*s.query, s.query->query, SqlKind::kStatement);
    }
    Flow flow = Flow::kNormal;
    for (const Row& row : out.rows) {
      AssignRow(s.targets, out.columns, &row);
      if (LoopControl(s, ExecStmts(s.body), &flow)) break;
    }
    SetFound(!out.rows.empty());
    return flow;
  }

  Flow ExecForeach(const pl::Stmt& s) {
    auto [v, type] = Eval(*s.expr);
    if (v.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed, "FOREACH expression must not be null");
    }
    if (!IsArrayType(type.oid)) {
      throw SqlError(SqlState::kDatatypeMismatch, "FOREACH expression must yield an array, not type " +
                                                      FormatTypeName(type.oid));
    }
    const ArrayValue& array = v.array_value();
    Flow flow = Flow::kNormal;
    for (const Value& element : array.elements) {
      Assign(s.varno, element, DataType{array.element_type, -1});
      if (LoopControl(s, ExecStmts(s.body), &flow)) break;
    }
    return flow;
  }

  Flow ExecExit(const pl::Stmt& s) {
    if (s.cond.has_value() && !EvalBool(*s.cond)) return Flow::kNormal;
    exit_label_ = s.label;
    return s.is_exit ? Flow::kExit : Flow::kContinue;
  }

  bool NeedsReturn() const {
    if (fn_ == nullptr || fn_->returns_set) return false;
    return fn_->result_type != type_oid::kVoid && out_vars_.empty();
  }

  Row OutParamRow() {
    Row row;
    for (size_t i = 0; i < out_vars_.size() && i < columns_.size(); ++i) {
      const Var& v = vars_[out_vars_[i]];
      row.push_back(Coerce(v.value, v.type, columns_[i].type));
    }
    return row;
  }

  void ReturnOutParams() {
    if (fn_ == nullptr || fn_->returns_set || out_vars_.empty()) return;
    results_.push_back(OutParamRow());
  }

  Flow ExecReturn(const pl::Stmt& s) {
    // The RETURN the grammar adds at the end (no line): falling off the end.
    if (s.lineno == 0 && !s.expr.has_value()) return Flow::kNormal;
    if (trigger_ != nullptr) {
      trigger_result_ = TriggerReturnRow(*s.expr);
      return Flow::kReturn;
    }
    if (fn_ == nullptr || fn_->returns_set) return Flow::kReturn;
    if (!s.expr.has_value()) {
      ReturnOutParams();
      return Flow::kReturn;
    }
    auto [v, type] = Eval(*s.expr);
    if (fn_->result_type == type_oid::kVoid) return Flow::kReturn;
    if (IsNamedCompositeType(fn_->result_type) && (v.is_record() || v.is_null())) {
      // A composite result: the value's fields are the result's columns; a
      // NULL one is an empty row (BoundUserFunctionCall: NULL, or NULLs in
      // FROM).
      Row row;
      if (!v.is_null()) {
        const std::vector<Value>& fields = v.record_value().fields;
        if (fields.size() != columns_.size()) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "returned record type does not match expected record type");
        }
        for (size_t i = 0; i < fields.size(); ++i) {
          row.push_back(Coerce(fields[i], DataType{fields[i].type(), -1}, columns_[i].type));
        }
      }
      results_.push_back(std::move(row));
      return Flow::kReturn;
    }
    if (columns_.size() != 1) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "RETURN of a row value is not supported yet");
    }
    results_.push_back(Row{Coerce(v, type, columns_[0].type)});
    return Flow::kReturn;
  }

  // What a trigger function's RETURN gives back: a record variable's
  // fields (NEW, OLD or one of its own), or a row value; NULL skips the
  // row's operation in a BEFORE trigger.
  std::optional<Row> TriggerReturnRow(const pl::Expr& expr) {
    std::string name;
    for (char c : expr.query) {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      const Var& v = vars_[*it];
      if (v.name != name) continue;
      if (!v.is_record) break;
      if (!v.record_assigned) return std::nullopt;
      return Row(v.fields);
    }
    auto [v, type] = Eval(expr);
    if (v.is_null()) return std::nullopt;
    if (v.type() != type_oid::kRecord) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "cannot return non-composite value from function returning composite type");
    }
    return Row(v.record_value().fields);
  }

  void ExecReturnNext(const pl::Stmt& s) {
    if (fn_ == nullptr || !fn_->returns_set) {
      throw SqlError(SqlState::kSyntaxError, "cannot use RETURN NEXT in a non-SETOF function");
    }
    if (s.expr.has_value()) {
      auto [v, type] = Eval(*s.expr);
      if (columns_.size() != 1) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "RETURN NEXT of a row value is not supported yet");
      }
      results_.push_back(Row{Coerce(v, type, columns_[0].type)});
      return;
    }
    if (s.return_varno >= 0 && out_vars_.empty()) {
      const Var& v = vars_.at(s.return_varno);
      if (v.is_record) {
        if (v.fields.size() != columns_.size()) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "wrong record type supplied in RETURN NEXT");
        }
        Row row;
        for (size_t i = 0; i < v.fields.size(); ++i) {
          row.push_back(Coerce(v.fields[i], v.field_types[i], columns_[i].type));
        }
        results_.push_back(std::move(row));
        return;
      }
      if (columns_.size() != 1) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "RETURN NEXT of a row value is not supported yet");
      }
      results_.push_back(Row{Coerce(v.value, v.type, columns_[0].type)});
      return;
    }
    if (out_vars_.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported, "this RETURN NEXT is not supported yet");
    }
    results_.push_back(OutParamRow());
  }

  void ExecReturnQuery(const pl::Stmt& s) {
    if (fn_ == nullptr || !fn_->returns_set) {
      throw SqlError(SqlState::kSyntaxError, "cannot use RETURN QUERY in a non-SETOF function");
    }
    StatementOutput out;
    if (s.dynamic) {
      const std::string text = EvalQueryString(*s.query);
      auto [values, types] = UsingValues(s);
      pl::Expr dyn{text, nullptr};
      out = RunSql(dyn, text, SqlKind::kStatement, &values, &types);
    } else {
      out = RunSql(*s.query, s.query->query, SqlKind::kStatement);
    }
    if (out.columns.size() != columns_.size()) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "structure of query does not match function result type")
          .WithDetail("Number of returned columns (" + std::to_string(out.columns.size()) +
                      ") does not match expected column count (" +
                      std::to_string(columns_.size()) + ").");
    }
    for (Row& row : out.rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        const DataType from{out.columns[i].type_oid, out.columns[i].type_modifier};
        if (from.oid != columns_[i].type.oid &&
            !CanCoerceType(from.oid, columns_[i].type.oid, CoercionContext::kImplicit)) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "structure of query does not match function result type")
              .WithDetail("Returned type " + FormatTypeName(from.oid) +
                          " does not match expected type " +
                          FormatTypeName(columns_[i].type.oid) + " in column " +
                          std::to_string(i + 1) + ".");
        }
        row[i] = Coerce(row[i], from, columns_[i].type);
      }
      results_.push_back(std::move(row));
    }
    processed_ = out.rows.size();
    SetFound(!out.rows.empty());
  }

  std::string TextOf(const pl::Expr& e) {
    auto [v, type] = Eval(e);
    return v.is_null() ? "" : OutputValue(v);
  }

  SqlState StateFromText(const std::string& text) {
    if (const SqlStateRow* r = FindCondition(text)) return r->state;
    if (IsSqlStateCode(text)) {
      if (const SqlStateRow* r = FindCode(text)) return r->state;
      throw SqlError(SqlState::kFeatureNotSupported,
                     "RAISE with SQLSTATE " + text + " is not supported yet");
    }
    throw SqlError(SqlState::kUndefinedObject, "unrecognized exception condition \"" + text + "\"");
  }

  void ExecRaise(const pl::Stmt& s) {
    if (!s.has_message && s.condname.empty() && s.options.empty() && s.params.empty()) {
      // RAISE; re-throws the error being handled.
      if (caught_.empty()) {
        throw SqlError(SqlState::kStackedDiagnosticsAccessedWithoutActiveHandler,
                       "RAISE without parameters cannot be used outside an exception handler");
      }
      rethrown_ = true;  // its context lines are already there
      throw SqlError(caught_.back());
    }
    SqlErrorFields f;
    bool have_code = false;
    std::string condname;
    if (!s.condname.empty()) {
      f.sqlstate = StateFromText(s.condname);
      have_code = true;
      condname = s.condname;
    }
    std::string message;
    bool have_message = false;
    if (s.has_message) {
      size_t next = 0;
      for (size_t i = 0; i < s.message.size(); ++i) {
        if (s.message[i] == '%') {
          if (i + 1 < s.message.size() && s.message[i + 1] == '%') {
            message += '%';
            ++i;
            continue;
          }
          if (next >= s.params.size()) {
            throw SqlError(SqlState::kSyntaxError, "too few parameters specified for RAISE");
          }
          auto [v, type] = Eval(s.params[next++]);
          message += v.is_null() ? "<NULL>" : OutputValue(v);
        } else {
          message += s.message[i];
        }
      }
      if (next < s.params.size()) {
        throw SqlError(SqlState::kSyntaxError, "too many parameters specified for RAISE");
      }
      have_message = true;
    }
    for (const auto& [type, expr] : s.options) {
      const std::string value = TextOf(expr);
      switch (type) {
        case 0:  // ERRCODE
          if (have_code) {
            throw SqlError(SqlState::kSyntaxError, "RAISE option already specified: ERRCODE");
          }
          f.sqlstate = StateFromText(value);
          have_code = true;
          break;
        case 1:  // MESSAGE
          if (have_message) {
            throw SqlError(SqlState::kSyntaxError, "RAISE option already specified: MESSAGE");
          }
          message = value;
          have_message = true;
          break;
        case 2: f.detail = value; break;
        case 3: f.hint = value; break;
        case 4: f.column_name = value; break;
        case 5: f.constraint_name = value; break;
        case 6: f.datatype_name = value; break;
        case 7: f.table_name = value; break;
        case 8: f.schema_name = value; break;
        default:
          throw SqlError(SqlState::kFeatureNotSupported, "this RAISE option is not supported yet");
      }
    }
    if (!have_code && s.elog_level >= 21) {
      f.sqlstate = SqlState::kRaiseException;
      have_code = true;
    }
    if (!have_message) {
      message = !condname.empty() ? condname : std::string(SqlStateCode(f.sqlstate));
      if (!condname.empty() && IsSqlStateCode(condname)) message = condname;
    }
    f.message = message;
    if (s.elog_level >= 21) throw SqlError(f);
    if (!have_code) f.sqlstate = SqlState::kSuccessfulCompletion;
    if (s.elog_level == 19) {
      f.severity = ErrorSeverity::kWarning;
    } else if (s.elog_level == 18) {
      f.severity = ErrorSeverity::kError;  // a NOTICE when sent as a notice
    } else if (s.elog_level == 17) {
      throw SqlError(SqlState::kFeatureNotSupported, "RAISE INFO is not supported yet");
    } else {
      return;  // LOG and DEBUG: below client_min_messages' default
    }
    f.context = "PL/pgSQL function " + signature_ + " line " + std::to_string(s.lineno) +
                " at RAISE";
    EmitFunctionNotice(std::move(f));
  }

  void ExecSql(const pl::Stmt& s) {
    StatementOutput out = RunSql(*s.query, s.query->query, SqlKind::kStatement);
    const bool is_select = Lower(s.query->query).rfind("select", 0) == 0 ||
                           Lower(s.query->query).rfind("with", 0) == 0 ||
                           Lower(s.query->query).rfind("values", 0) == 0;
    if (!s.into) {
      if (is_select && out.returns_rows) {
        throw SqlError(SqlState::kSyntaxError, "query has no destination for result data")
            .WithHint("If you want to discard the results of a SELECT, use PERFORM instead.");
      }
      SetFound(processed_ > 0);
      return;
    }
    StoreInto(s, out, !is_select);
  }

  void StoreInto(const pl::Stmt& s, const StatementOutput& out, bool mod_stmt) {
    if (!out.returns_rows && out.columns.empty()) {
      throw SqlError(SqlState::kSyntaxError, "INTO used with a command that cannot return data");
    }
    if (s.strict && out.rows.empty()) {
      throw SqlError(SqlState::kNoDataFound, "query returned no rows");
    }
    if (out.rows.size() > 1 && (s.strict || mod_stmt)) {
      throw SqlError(SqlState::kTooManyRows, "query returned more than one row")
          .WithHint("Make sure the query returns a single row, or use LIMIT 1.");
    }
    AssignRow(s.targets, out.columns, out.rows.empty() ? nullptr : &out.rows[0]);
    if (!s.strict && !mod_stmt) processed_ = std::min<uint64_t>(processed_, 1);
    SetFound(!out.rows.empty());
  }

  void ExecDynamic(const pl::Stmt& s) {
    const std::string text = EvalQueryString(*s.query);
    auto [values, types] = UsingValues(s);
    pl::Expr dyn{text, nullptr};
    StatementOutput out = RunSql(dyn, text, SqlKind::kStatement, &values, &types);
    if (s.into) {
      const std::string lower = Lower(text);
      StoreInto(s, out, lower.find("select") == std::string::npos);
    }
  }

  void ExecPerform(const pl::Stmt& s) {
    RunSql(*s.expr, s.expr->query, SqlKind::kStatement);
    SetFound(processed_ > 0);
  }

  void ExecAssert(const pl::Stmt& s) {
    // plpgsql.check_asserts is on (its default).
    if (EvalBool(*s.cond)) return;
    std::string message = "assertion failed";
    if (s.expr.has_value()) {
      auto [v, type] = Eval(*s.expr);
      if (!v.is_null()) message = OutputValue(v);
    }
    throw SqlError(SqlState::kAssertFailure, message);
  }

  void ExecGetDiagnostics(const pl::Stmt& s) {
    if (s.is_stacked) {
      if (caught_.empty()) {
        throw SqlError(SqlState::kStackedDiagnosticsAccessedWithoutActiveHandler,
                       "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
      }
      const SqlErrorFields& e = caught_.back();
      for (const auto& [kind, target] : s.diag_items) {
        std::string value;
        if (kind == "RETURNED_SQLSTATE") {
          value = std::string(SqlStateCode(e.sqlstate));
        } else if (kind == "MESSAGE_TEXT") {
          value = e.message;
        } else if (kind == "PG_EXCEPTION_DETAIL") {
          value = e.detail;
        } else if (kind == "PG_EXCEPTION_HINT") {
          value = e.hint;
        } else if (kind == "PG_EXCEPTION_CONTEXT") {
          value = e.context;
        } else if (kind == "COLUMN_NAME") {
          value = e.column_name;
        } else if (kind == "CONSTRAINT_NAME") {
          value = e.constraint_name;
        } else if (kind == "PG_DATATYPE_NAME") {
          value = e.datatype_name;
        } else if (kind == "TABLE_NAME") {
          value = e.table_name;
        } else if (kind == "SCHEMA_NAME") {
          value = e.schema_name;
        } else {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "GET STACKED DIAGNOSTICS " + kind + " is not supported yet");
        }
        Assign(target, Value::Text(value), DataType{type_oid::kText, -1});
      }
      return;
    }
    for (const auto& [kind, target] : s.diag_items) {
      if (kind == "PG_CONTEXT") {
        Assign(target, Value::Text(CallStack()), DataType{type_oid::kText, -1});
        continue;
      }
      if (kind != "ROW_COUNT") {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "GET DIAGNOSTICS " + kind + " is not supported yet");
      }
      Assign(target, Value::Int8(static_cast<int64_t>(processed_)),
             DataType{type_oid::kInt8, -1});
    }
  }

  // The PL/pgSQL calls running on this thread, innermost last (for
  // GET DIAGNOSTICS PG_CONTEXT).
  static std::vector<const Executor*>& Stack() {
    thread_local std::vector<const Executor*> stack;
    return stack;
  }
  struct ActiveExecutor {
    explicit ActiveExecutor(const Executor* e) { Stack().push_back(e); }
    ~ActiveExecutor() { Stack().pop_back(); }
  };
  struct ActiveSql {
    ActiveSql(std::vector<std::string>* lines, std::string line) : lines_(lines) {
      lines_->push_back(std::move(line));
    }
    ~ActiveSql() { lines_->pop_back(); }
    std::vector<std::string>* lines_;
  };

  // PG_CONTEXT: each call's line, innermost first, with the SQL statement
  // through which a call was reached between them.
  static std::string CallStack() {
    std::string out;
    const auto add = [&out](const std::string& line) {
      if (line.empty()) return;
      out += out.empty() ? line : "\n" + line;
    };
    const std::vector<const Executor*>& stack = Stack();
    for (size_t k = stack.size(); k-- > 0;) {
      const Executor* e = stack[k];
      if (k + 1 < stack.size()) {
        for (size_t j = e->active_sql_.size(); j-- > 0;) add(e->active_sql_[j]);
      }
      add(e->ContextLine());
    }
    return out;
  }

  const CommandContext ctx_;
  const catalog::FunctionDesc* fn_;
  const pl::Function& tree_;
  std::string signature_;
  std::vector<FunctionColumn> columns_;
  std::vector<Var> vars_;
  std::vector<int> scope_;       // visible variables, outermost first
  std::vector<int> input_vars_;  // the datums of $1..$n
  std::vector<int> out_vars_;    // OUT / INOUT / TABLE parameters
  std::set<int> param_vars_;     // every parameter's variable
  int found_var_ = -1;
  std::vector<Row> results_;
  const TriggerInvocation* trigger_ = nullptr;  // RunTrigger's firing
  std::optional<Row> trigger_result_;
  const pl::Stmt* err_stmt_ = nullptr;
  bool in_block_init_ = false;
  bool rethrown_ = false;  // the error in flight is a bare RAISE's re-throw
  std::string exit_label_;
  std::vector<SqlErrorFields> caught_;  // errors being handled, innermost last
  uint64_t processed_ = 0;              // rows the last SQL statement processed
  std::vector<std::string> active_sql_;  // PG_CONTEXT lines of the SQL running now
};

// The checks PostgreSQL's PL/pgSQL grammar makes against the function's
// result (libpg_query's does not know it): RETURN's parameter, RETURN NEXT
// and RETURN QUERY. All 42804 (42601 for a missing expression).
void CheckReturns(const catalog::FunctionDesc* fn, const pl::Stmt& s) {
  const bool is_void = fn == nullptr || fn->result_type == type_oid::kVoid;
  const bool returns_set = fn != nullptr && fn->returns_set;
  bool has_out = false;
  if (fn != nullptr) {
    for (const catalog::FunctionArg& a : fn->args) {
      if (a.mode == 'o' || a.mode == 'b' || a.mode == 't') has_out = true;
    }
  }
  switch (s.kind) {
    case pl::StmtKind::kReturn:
      if (s.lineno == 0) break;
      if (s.expr.has_value()) {
        if (returns_set) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "RETURN cannot have a parameter in function returning set")
              .WithHint("Use RETURN NEXT or RETURN QUERY.");
        }
        if (has_out) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "RETURN cannot have a parameter in function with OUT parameters");
        }
        if (is_void) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "RETURN cannot have a parameter in function returning void");
        }
      } else if (!is_void && !returns_set && !has_out) {
        throw SqlError(SqlState::kSyntaxError, "missing expression at or near \";\"");
      }
      break;
    case pl::StmtKind::kReturnNext:
      if (!returns_set) {
        throw SqlError(SqlState::kDatatypeMismatch,
                       "cannot use RETURN NEXT in a non-SETOF function");
      }
      if (has_out && (s.expr.has_value() || s.return_varno >= 0)) {
        throw SqlError(SqlState::kDatatypeMismatch,
                       "RETURN NEXT cannot have a parameter in function with OUT parameters");
      }
      break;
    case pl::StmtKind::kReturnQuery:
      if (!returns_set) {
        throw SqlError(SqlState::kDatatypeMismatch,
                       "cannot use RETURN QUERY in a non-SETOF function");
      }
      break;
    default:
      break;
  }
  for (const pl::Stmt& c : s.body) CheckReturns(fn, c);
  for (const pl::Branch& b : s.branches) {
    for (const pl::Stmt& c : b.body) CheckReturns(fn, c);
  }
  for (const pl::Stmt& c : s.else_body) CheckReturns(fn, c);
  for (const pl::ExceptionHandler& h : s.handlers) {
    for (const pl::Stmt& c : h.action) CheckReturns(fn, c);
  }
}

}  // namespace

std::shared_ptr<const ast::plpgsql::Function> CompilePlpgsqlFunction(
    const CommandContext& ctx, const catalog::FunctionDesc& fn) {
  auto tree = ParsePlpgsql(CreateStatementText(fn), fn.body);
  CheckReturns(&fn, tree->action);
  for (const pl::Datum& d : tree->datums) {
    const std::string lower = Lower(d.type_name);
    if (d.type_name.empty() || lower == "record") continue;
    if (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "%type") == 0 &&
        lower.find('.') == std::string::npos) {
      continue;  // a variable's type: resolved when the block runs
    }
    DataType type;
    std::vector<std::string> names;
    std::vector<DataType> types;
    if (!ResolveRelationType(ctx, d.type_name, &type, &names, &types)) {
      ResolveDeclaredType(ctx, d.type_name);
    }
  }
  return tree;
}

std::vector<Row> RunPlpgsqlFunction(const CommandContext& ctx, const catalog::FunctionDesc& fn,
                                    std::shared_ptr<const ast::plpgsql::Function>* tree,
                                    std::vector<Value> args) {
  CheckStackDepth();
  if (*tree == nullptr) *tree = ParsePlpgsql(CreateStatementText(fn), fn.body);
  Executor exec(ctx, &fn, **tree);
  return exec.Run(std::move(args));
}

std::optional<Row> RunPlpgsqlTrigger(const CommandContext& ctx, const catalog::FunctionDesc& fn,
                                     std::shared_ptr<const ast::plpgsql::Function>* tree,
                                     const TriggerInvocation& tg) {
  CheckStackDepth();
  if (*tree == nullptr) *tree = ParsePlpgsql(CreateStatementText(fn), fn.body);
  Executor exec(ctx, &fn, **tree);
  return exec.RunTrigger(tg);
}

void RunPlpgsqlDoBlock(const CommandContext& ctx, const std::string& body) {
  auto tree = ParsePlpgsql(DoStatementText(body), body);
  CheckReturns(nullptr, tree->action);
  Executor exec(ctx, nullptr, *tree);
  exec.Run({});
}

}  // namespace strata::sql
