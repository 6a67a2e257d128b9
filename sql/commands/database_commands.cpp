// CREATE / DROP DATABASE (see database_commands.h).
#include "sql/commands/database_commands.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "catalog/catalog.h"
#include "sql/backend_status.h"
#include "sql/commands/role_settings.h"
#include "sql/database.h"
#include "common/sql_error.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

using catalog::Oid;

// The locale initdb gave the cluster (pg_database.datcollate / datctype).
constexpr const char* kClusterLocale = "C.UTF-8";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// An option's value as text (numbers as written).
std::string OptionText(const ast::DatabaseOption& o) {
  if (o.text) return *o.text;
  if (o.integer) return std::to_string(*o.integer);
  return {};
}

// PostgreSQL's parse_bool for a boolean option; 22023 otherwise.
bool OptionBool(const ast::DatabaseOption& o) {
  if (!o.text && !o.integer) return true;
  const std::string v = Lower(OptionText(o));
  if (v == "true" || v == "on" || v == "yes" || v == "1" || v == "t" || v == "y") return true;
  if (v == "false" || v == "off" || v == "no" || v == "0" || v == "f" || v == "n") return false;
  throw SqlError(SqlState::kSyntaxError, o.name + " requires a Boolean value");
}

// Sessions other than this one connected to `name`.
int OtherSessionsUsing(const std::string& name) {
  const BackendStatus* self = CurrentBackendStatus();
  const int32_t self_pid = self != nullptr ? self->Read().pid : 0;
  int n = 0;
  for (const BackendActivity& a : ListBackendActivity()) {
    if (a.datname == name && a.pid != self_pid) ++n;
  }
  return n;
}

// PostgreSQL's CountOtherDBBackends: sessions that are ending (a client that
// just disconnected) get up to 5 seconds to go before the answer counts them.
int WaitForOtherSessions(const std::string& name) {
  int n = OtherSessionsUsing(name);
  for (int tries = 0; n > 0 && tries < 50; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    n = OtherSessionsUsing(name);
  }
  return n;
}

std::string BusyDetail(int n) {
  return n == 1 ? "There is 1 other session using the database."
                : "There are " + std::to_string(n) + " other sessions using the database.";
}

// The encoding names PostgreSQL accepts for UTF8 (pg_char_to_encoding
// ignores case and punctuation), or its numeric id 6.
bool IsUtf8Encoding(const ast::DatabaseOption& o) {
  if (o.integer) return *o.integer == 6;
  std::string v;
  for (char c : Lower(OptionText(o))) {
    if (std::isalnum(static_cast<unsigned char>(c))) v.push_back(c);
  }
  return v == "utf8" || v == "unicode";
}

// 42601 for an option named twice (errorConflictingDefElem).
void CheckNotRepeated(const CommandContext& ctx, const ast::DatabaseOption& o,
                      std::vector<std::string>* seen) {
  if (std::find(seen->begin(), seen->end(), o.name) != seen->end()) {
    throw SqlError(SqlState::kSyntaxError, "conflicting or redundant options")
        .WithPosition(ctx.Position(o.location));
  }
  seen->push_back(o.name);
}

// The options CREATE and ALTER DATABASE share (CONNECTION LIMIT,
// IS_TEMPLATE, ALLOW_CONNECTIONS), applied to `desc`; false for any other.
bool ApplySharedOption(const ast::DatabaseOption& o, catalog::DatabaseDesc* desc) {
  if (o.name == "connection_limit") {
    if (!o.text && !o.integer) return true;  // DEFAULT
    if (!o.integer) {
      throw SqlError(SqlState::kSyntaxError, "connection_limit requires an integer value");
    }
    if (*o.integer < -1) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "invalid connection limit: " + std::to_string(*o.integer));
    }
    desc->connection_limit = static_cast<int32_t>(*o.integer);
    return true;
  }
  if (o.name == "is_template") {
    desc->is_template = OptionBool(o);
    return true;
  }
  if (o.name == "allow_connections") {
    desc->allow_connections = OptionBool(o);
    return true;
  }
  return false;
}

// PostgreSQL's name of a server encoding other than UTF8 (as
// pg_char_to_encoding matches it: case and punctuation ignored); empty for
// a name that is none. (Encoding numbers are the caller's.)
std::string CanonicalEncodingName(const ast::DatabaseOption& o) {
  static const char* const kNames[] = {
      "SQL_ASCII", "EUC_JP",  "EUC_CN",     "EUC_KR",     "EUC_TW",     "EUC_JIS_2004",
      "MULE_INTERNAL", "LATIN1", "LATIN2",  "LATIN3",     "LATIN4",     "LATIN5",
      "LATIN6",    "LATIN7",  "LATIN8",     "LATIN9",     "LATIN10",    "WIN1256",
      "WIN1258",   "WIN866",  "WIN874",     "KOI8R",      "WIN1251",    "WIN1252",
      "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253",
      "WIN1254",   "WIN1255", "WIN1257",    "KOI8U"};
  auto squash = [](const std::string& text) {
    std::string v;
    for (char c : Lower(text)) {
      if (std::isalnum(static_cast<unsigned char>(c))) v.push_back(c);
    }
    return v;
  };
  const std::string wanted = squash(OptionText(o));
  for (const char* name : kNames) {
    if (squash(name) == wanted) return name;
  }
  return {};
}

StatementOutput CreateDatabase(CommandContext& ctx, const ast::DatabaseStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  const Oid me = CurrentUserOid(cat);
  const catalog::RoleDesc* me_desc = FindRoleByOid(cat, me);
  if (!RoleIsSuperuser(cat, me) && (me_desc == nullptr || !me_desc->create_db)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied to create database");
  }
  catalog::DatabaseDesc desc;
  desc.name = stmt.name;
  desc.owner = me;
  std::string template_name = "template1";
  std::vector<std::string> seen;
  for (const ast::DatabaseOption& o : stmt.options) {
    CheckNotRepeated(ctx, o, &seen);
    const bool is_default = !o.text && !o.integer;
    if (ApplySharedOption(o, &desc)) continue;
    if (o.name == "owner") {
      if (is_default) continue;
      const catalog::RoleDesc* owner = FindRoleByName(cat, OptionText(o));
      if (owner == nullptr) {
        throw SqlError(SqlState::kUndefinedObject, "role \"" + OptionText(o) + "\" does not exist");
      }
      if (!IsMemberOfRole(cat, me, owner->oid)) {
        throw SqlError(SqlState::kInsufficientPrivilege,
                       "must be member of role \"" + owner->name + "\"");
      }
      desc.owner = owner->oid;
    } else if (o.name == "template") {
      if (!is_default) template_name = OptionText(o);
    } else if (o.name == "encoding") {
      if (!is_default && !IsUtf8Encoding(o)) {
        if (o.integer) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "encoding number " + std::to_string(*o.integer) +
                             " is not supported yet")
              .WithDetail("Every StrataDB database uses UTF8 (encoding number 6).");
        }
        const std::string name = CanonicalEncodingName(o);
        if (name.empty()) {
          throw SqlError(SqlState::kUndefinedObject,
                         OptionText(o) + " is not a valid encoding name")
              .WithPosition(ctx.Position(o.location));
        }
        if (name != "SQL_ASCII") {
          // As PostgreSQL's check_encoding_locale_matches under the
          // cluster's UTF-8 locale.
          throw SqlError(SqlState::kInvalidParameterValue,
                         "encoding \"" + name + "\" does not match locale \"" + kClusterLocale +
                             "\"")
              .WithDetail("The chosen LC_CTYPE setting requires encoding \"UTF8\".");
        }
        throw SqlError(SqlState::kFeatureNotSupported,
                       "encoding \"SQL_ASCII\" is not supported yet")
            .WithDetail("Every StrataDB database uses UTF8.");
      }
    } else if (o.name == "locale" || o.name == "lc_collate" || o.name == "lc_ctype") {
      if (!is_default && OptionText(o) != kClusterLocale) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "locale \"" + OptionText(o) + "\" is not supported yet")
            .WithDetail(std::string("Every StrataDB database uses locale \"") + kClusterLocale +
                        "\".");
      }
    } else if (o.name == "locale_provider") {
      if (!is_default && Lower(OptionText(o)) != "libc") {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "locale provider \"" + OptionText(o) + "\" is not supported yet");
      }
    } else if (o.name == "strategy") {
      const std::string v = Lower(OptionText(o));
      if (!is_default && v != "wal_log" && v != "file_copy") {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid create database strategy \"" + OptionText(o) + "\"")
            .WithHint("Valid strategies are \"wal_log\" and \"file_copy\".");
      }
    } else if (o.name == "tablespace") {
      if (!is_default && OptionText(o) != "pg_default") {
        throw SqlError(SqlState::kUndefinedObject,
                       "tablespace \"" + OptionText(o) + "\" does not exist");
      }
    } else if (o.name == "icu_locale" || o.name == "collation_version" || o.name == "oid" ||
               o.name == "location") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "CREATE DATABASE option \"" + o.name + "\" is not supported yet");
    } else {
      throw SqlError(SqlState::kSyntaxError, "option \"" + o.name + "\" not recognized")
          .WithPosition(ctx.Position(o.location));
    }
  }
  const catalog::DatabaseDesc* tmpl = cat.FindDatabase(template_name);
  if (tmpl == nullptr) {
    throw SqlError(SqlState::kUndefinedDatabase,
                   "template database \"" + template_name + "\" does not exist");
  }
  // Only superusers and the template's owner may copy a database that is
  // not marked as a template (PostgreSQL's check).
  if (!tmpl->is_template && !RoleIsSuperuser(cat, me) && !HasPrivsOfRole(cat, me, tmpl->owner)) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "permission denied to copy database \"" + template_name + "\"");
  }
  if (cat.FindDatabase(stmt.name) != nullptr) {
    throw SqlError(SqlState::kDuplicateDatabase, "database \"" + stmt.name + "\" already exists");
  }
  if (tmpl->oid != catalog::kTemplate0DatabaseOid) {
    if (const int n = WaitForOtherSessions(tmpl->name); n > 0) {
      throw SqlError(SqlState::kObjectInUse,
                     "source database \"" + tmpl->name + "\" is being accessed by other users")
          .WithDetail(BusyDetail(n));
    }
    Database* source = ctx.db->Find(tmpl->oid);
    if (source != nullptr && source->catalog()->Current()->HasUserObjects()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "CREATE DATABASE from a template with user objects is not supported yet")
          .WithDetail("Template database \"" + tmpl->name + "\" has user-defined objects.");
    }
  }
  desc.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  ctx.db->catalog()->PutDatabase(ctx.txn, desc, /*is_new=*/true);
  StatementOutput result;
  result.command_tag = "CREATE DATABASE";
  return result;
}

StatementOutput DropDatabase(CommandContext& ctx, const ast::DatabaseStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  for (const ast::DatabaseOption& o : stmt.options) {
    if (o.name != "force") {
      throw SqlError(SqlState::kSyntaxError,
                     "unrecognized DROP DATABASE option \"" + o.name + "\"")
          .WithPosition(ctx.Position(o.location));
    }
  }
  StatementOutput result;
  result.command_tag = "DROP DATABASE";
  const catalog::DatabaseDesc* desc = cat.FindDatabase(stmt.name);
  if (desc == nullptr) {
    if (!stmt.missing_ok) {
      throw SqlError(SqlState::kUndefinedDatabase,
                     "database \"" + stmt.name + "\" does not exist");
    }
    ctx.Notice(SqlState::kSuccessfulCompletion,
               "database \"" + stmt.name + "\" does not exist, skipping");
    return result;
  }
  CheckOwnership(cat, desc->owner, "database", desc->name);
  if (desc->oid == catalog::kPostgresDatabaseOid) {
    // Its records are the unscoped ones every catalog reads its shared part
    // from; PostgreSQL lets it go, StrataDB does not yet.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "DROP DATABASE of database \"" + desc->name + "\" is not supported yet")
        .WithDetail("Its catalog holds the roles and databases shared by every database.");
  }
  if (desc->is_template) {
    throw SqlError(SqlState::kWrongObjectType, "cannot drop a template database");
  }
  if (desc->oid == ctx.db->oid()) {
    throw SqlError(SqlState::kObjectInUse, "cannot drop the currently open database");
  }
  if (const int n = WaitForOtherSessions(desc->name); n > 0) {
    if (!stmt.options.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "DROP DATABASE WITH (FORCE) of a database in use is not supported yet")
          .WithDetail(BusyDetail(n));
    }
    throw SqlError(SqlState::kObjectInUse,
                   "database \"" + desc->name + "\" is being accessed by other users")
        .WithDetail(BusyDetail(n));
  }
  // Its tables' and indexes' trees go once the drop commits.
  if (Database* target = ctx.db->Find(desc->oid)) {
    const std::shared_ptr<const catalog::CatalogSnapshot> tables = target->catalog()->Current();
    for (const auto& [oid, t] : tables->tables()) {
      ctx.txn->DropTreeAfterCommit(t->tree);
      for (const catalog::IndexDesc& ix : t->indexes) ctx.txn->DropTreeAfterCommit(ix.tree);
    }
  }
  if (Status s = ctx.db->catalog()->DeleteDatabase(ctx.txn, desc->oid); !s.ok()) {
    throw SqlError(SqlState::kInternalError, s.ToString());
  }
  return result;
}

// The database ALTER DATABASE names: 3D000 if none.
const catalog::DatabaseDesc& AlteredDatabase(const CommandContext& ctx, const std::string& name) {
  const catalog::DatabaseDesc* desc = ctx.catalog->FindDatabase(name);
  if (desc == nullptr) {
    throw SqlError(SqlState::kUndefinedDatabase, "database \"" + name + "\" does not exist");
  }
  return *desc;
}

// ALTER DATABASE name [WITH] CONNECTION LIMIT / IS_TEMPLATE / ALLOW_CONNECTIONS
// (PostgreSQL's AlterDatabase).
StatementOutput AlterDatabase(CommandContext& ctx, const ast::DatabaseStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  catalog::DatabaseDesc desc = AlteredDatabase(ctx, stmt.name);
  std::vector<std::string> seen;
  for (const ast::DatabaseOption& o : stmt.options) {
    CheckNotRepeated(ctx, o, &seen);
    if (ApplySharedOption(o, &desc)) {
      if (!desc.allow_connections && desc.oid == ctx.db->oid()) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "cannot disallow connections for current database");
      }
      continue;
    }
    if (o.name == "tablespace") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "ALTER DATABASE ... SET TABLESPACE is not supported yet");
    } else {
      throw SqlError(SqlState::kSyntaxError, "option \"" + o.name + "\" not recognized")
          .WithPosition(ctx.Position(o.location));
    }
  }
  CheckOwnership(cat, desc.owner, "database", desc.name);
  ctx.db->catalog()->PutDatabase(ctx.txn, desc, /*is_new=*/false);
  StatementOutput result;
  result.command_tag = "ALTER DATABASE";
  return result;
}

// ALTER DATABASE name RENAME TO new_name (PostgreSQL's RenameDatabase).
StatementOutput RenameDatabase(CommandContext& ctx, const ast::DatabaseStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  catalog::DatabaseDesc desc = AlteredDatabase(ctx, stmt.name);
  CheckOwnership(cat, desc.owner, "database", desc.name);
  const Oid me = CurrentUserOid(cat);
  const catalog::RoleDesc* me_desc = FindRoleByOid(cat, me);
  if (!RoleIsSuperuser(cat, me) && (me_desc == nullptr || !me_desc->create_db)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied to rename database");
  }
  if (cat.FindDatabase(stmt.new_name) != nullptr) {
    throw SqlError(SqlState::kDuplicateDatabase,
                   "database \"" + stmt.new_name + "\" already exists");
  }
  if (desc.oid == ctx.db->oid()) {
    throw SqlError(SqlState::kFeatureNotSupported, "current database cannot be renamed");
  }
  if (const int n = WaitForOtherSessions(desc.name); n > 0) {
    throw SqlError(SqlState::kObjectInUse,
                   "database \"" + desc.name + "\" is being accessed by other users")
        .WithDetail(BusyDetail(n));
  }
  desc.name = stmt.new_name;
  ctx.db->catalog()->PutDatabase(ctx.txn, desc, /*is_new=*/false);
  StatementOutput result;
  result.command_tag = "ALTER DATABASE";
  return result;
}

}  // namespace

StatementOutput ExecuteDatabaseStatement(CommandContext& ctx, const ast::DatabaseStatement& stmt) {
  switch (stmt.action) {
    case ast::DatabaseStatement::Action::kCreate:
      return CreateDatabase(ctx, stmt);
    case ast::DatabaseStatement::Action::kDrop:
      return DropDatabase(ctx, stmt);
    case ast::DatabaseStatement::Action::kAlter:
      return AlterDatabase(ctx, stmt);
    case ast::DatabaseStatement::Action::kRename:
      return RenameDatabase(ctx, stmt);
    case ast::DatabaseStatement::Action::kAlterSet: {
      // AlterDatabaseSet: the database's owner (or a superuser).
      const catalog::DatabaseDesc& desc = AlteredDatabase(ctx, stmt.name);
      CheckOwnership(*ctx.catalog, desc.owner, "database", desc.name);
      AlterRoleSetting(ctx, desc.oid, 0, *stmt.setting);
      StatementOutput result;
      result.command_tag = "ALTER DATABASE";
      return result;
    }
  }
  throw SqlError(SqlState::kInternalError, "unknown database statement");
}

}  // namespace strata::sql
