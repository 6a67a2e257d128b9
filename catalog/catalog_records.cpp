// Encoding of catalog records (see catalog_records.h for the byte layout).
#include "catalog/catalog_records.h"

#include <cstdio>
#include <cstdlib>

#include "common/coding.h"

namespace strata::catalog {

namespace {

std::string KeyWithOid(CatalogKeyKind kind, Oid oid) {
  std::string key(1, static_cast<char>(kind));
  PutBigEndian32(&key, oid);
  return key;
}

bool GetString(Slice* in, std::string* out) {
  Slice s;
  if (!GetLengthPrefixedSlice(in, &s)) return false;
  out->assign(s.data(), s.size());
  return true;
}

bool GetByte(Slice* in, uint8_t* out) {
  if (in->empty()) return false;
  *out = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  return true;
}

// Written to disk: never renumber.
enum ColumnFlag : uint8_t { kNotNull = 1, kDropped = 2, kHasDefault = 4, kHasMissing = 8 };
// Written to disk: never renumber.
enum IndexKeyFlag : uint8_t { kKeyDescending = 1, kKeyNullsFirst = 2 };
enum IndexFlag : uint8_t { kIndexUnique = 1, kIndexNullsNotDistinct = 2, kIndexConstraint = 4 };

void PutAttnums(const std::vector<int16_t>& attnums, std::string* out) {
  PutVarint32(out, static_cast<uint32_t>(attnums.size()));
  for (int16_t a : attnums) PutVarint32(out, static_cast<uint32_t>(a));
}

bool GetAttnums(Slice* in, std::vector<int16_t>* attnums) {
  uint32_t n = 0;
  if (!GetVarint32(in, &n)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t a = 0;
    if (!GetVarint32(in, &a)) return false;
    attnums->push_back(static_cast<int16_t>(a));
  }
  return true;
}

constexpr uint8_t kFkDeferrable = 1;
constexpr uint8_t kFkInitiallyDeferred = 2;
constexpr uint8_t kFkNotValidated = 4;

void EncodeForeignKey(const ForeignKeyDesc& fk, std::string* out) {
  PutLengthPrefixedSlice(out, fk.name);
  PutAttnums(fk.columns, out);
  PutVarint32(out, fk.referenced_table);
  PutAttnums(fk.referenced_columns, out);
  out->push_back(static_cast<char>(fk.on_update));
  out->push_back(static_cast<char>(fk.on_delete));
  out->push_back(static_cast<char>(fk.match));
  out->push_back(static_cast<char>((fk.deferrable ? kFkDeferrable : 0) |
                                   (fk.initially_deferred ? kFkInitiallyDeferred : 0) |
                                   (fk.validated ? 0 : kFkNotValidated)));
  PutAttnums(fk.delete_set_columns, out);
}

bool KnownAction(uint8_t a) { return a == 'a' || a == 'r' || a == 'c' || a == 'n' || a == 'd'; }

bool DecodeForeignKey(Slice* in, ForeignKeyDesc* fk) {
  uint8_t upd = 0, del = 0, match = 0, flags = 0;
  if (!GetString(in, &fk->name) || !GetAttnums(in, &fk->columns) ||
      !GetVarint32(in, &fk->referenced_table) || !GetAttnums(in, &fk->referenced_columns) ||
      !GetByte(in, &upd) || !GetByte(in, &del) || !GetByte(in, &match) || !GetByte(in, &flags) ||
      !GetAttnums(in, &fk->delete_set_columns)) {
    return false;
  }
  if (!KnownAction(upd) || !KnownAction(del) || (match != 's' && match != 'f')) return false;
  fk->on_update = static_cast<ForeignKeyAction>(upd);
  fk->on_delete = static_cast<ForeignKeyAction>(del);
  fk->match = static_cast<ForeignKeyMatch>(match);
  fk->deferrable = (flags & kFkDeferrable) != 0;
  fk->initially_deferred = (flags & kFkInitiallyDeferred) != 0;
  fk->validated = (flags & kFkNotValidated) == 0;
  return fk->columns.size() == fk->referenced_columns.size() && !fk->columns.empty();
}

void EncodeIndex(const IndexDesc& ix, std::string* out) {
  PutVarint32(out, ix.oid);
  PutLengthPrefixedSlice(out, ix.name);
  PutVarint32(out, static_cast<uint32_t>(ix.keys.size()));
  for (const IndexKeyColumn& k : ix.keys) {
    PutVarint32(out, static_cast<uint32_t>(k.attnum));
    out->push_back(static_cast<char>((k.descending ? kKeyDescending : 0) |
                                     (k.nulls_first ? kKeyNullsFirst : 0)));
  }
  PutVarint32(out, static_cast<uint32_t>(ix.include.size()));
  for (int16_t a : ix.include) PutVarint32(out, static_cast<uint32_t>(a));
  out->push_back(static_cast<char>((ix.unique ? kIndexUnique : 0) |
                                   (ix.nulls_not_distinct ? kIndexNullsNotDistinct : 0) |
                                   (ix.is_constraint ? kIndexConstraint : 0)));
  PutLengthPrefixedSlice(out, ix.predicate);
  PutVarint32(out, ix.tree);
  PutLengthPrefixedSlice(out, ix.tree_name);
}

bool DecodeIndex(Slice* in, IndexDesc* ix) {
  uint32_t n = 0, a = 0;
  uint8_t flags = 0;
  if (!GetVarint32(in, &ix->oid) || !GetString(in, &ix->name) || !GetVarint32(in, &n)) {
    return false;
  }
  for (uint32_t i = 0; i < n; ++i) {
    IndexKeyColumn k;
    if (!GetVarint32(in, &a) || !GetByte(in, &flags)) return false;
    k.attnum = static_cast<int16_t>(a);
    k.descending = (flags & kKeyDescending) != 0;
    k.nulls_first = (flags & kKeyNullsFirst) != 0;
    ix->keys.push_back(k);
  }
  if (!GetVarint32(in, &n)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    if (!GetVarint32(in, &a)) return false;
    ix->include.push_back(static_cast<int16_t>(a));
  }
  if (!GetByte(in, &flags)) return false;
  ix->unique = (flags & kIndexUnique) != 0;
  ix->nulls_not_distinct = (flags & kIndexNullsNotDistinct) != 0;
  ix->is_constraint = (flags & kIndexConstraint) != 0;
  return GetString(in, &ix->predicate) && GetVarint32(in, &ix->tree) &&
         GetString(in, &ix->tree_name);
}

bool KnownVersion(uint8_t version) {
  return version >= kOldestCatalogRecordVersion && version <= kCatalogRecordVersion;
}

}  // namespace

std::string NextOidKey() { return std::string(1, static_cast<char>(CatalogKeyKind::kCounter)) + "next_oid"; }
std::string NamespaceKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kNamespace, oid); }
std::string TableKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kTable, oid); }
std::string SequenceKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kSequence, oid); }
std::string SequenceValueKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kSequenceValue, oid); }
std::string ViewKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kView, oid); }
std::string FunctionKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kFunction, oid); }
std::string TypeKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kType, oid); }
std::string CommentKey(const CommentTarget& target) {
  std::string key(1, static_cast<char>(CatalogKeyKind::kComment));
  PutBigEndian32(&key, target.classoid);
  PutBigEndian32(&key, target.objoid);
  PutBigEndian32(&key, static_cast<uint32_t>(target.objsubid));
  return key;
}

std::optional<CommentTarget> CommentTargetFromKey(std::string_view key) {
  if (key.size() != 13) return std::nullopt;
  return CommentTarget{DecodeBigEndian32(key.data() + 1), DecodeBigEndian32(key.data() + 5),
                       static_cast<int32_t>(DecodeBigEndian32(key.data() + 9))};
}

std::string EncodeComment(const std::string& text) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutLengthPrefixedSlice(&out, text);
  return out;
}

std::optional<std::string> DecodeComment(std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  if (!GetByte(&in, &version) || !KnownVersion(version)) return std::nullopt;
  std::string text;
  if (!GetString(&in, &text) || !in.empty()) return std::nullopt;
  return text;
}

std::string RoleKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kRole, oid); }
std::string DatabaseKey(Oid oid) { return KeyWithOid(CatalogKeyKind::kDatabase, oid); }

std::string DefaultAclRecordKey(const DefaultAclKey& key) {
  std::string out = KeyWithOid(CatalogKeyKind::kDefaultAcl, key.role);
  PutBigEndian32(&out, key.namespace_oid);
  out.push_back(key.objtype);
  return out;
}

std::optional<DefaultAclKey> DefaultAclFromKey(std::string_view key) {
  if (key.size() != 10) return std::nullopt;
  return DefaultAclKey{DecodeBigEndian32(key.data() + 1), DecodeBigEndian32(key.data() + 5),
                       key[9]};
}

std::string RoleSettingKey(Oid database, Oid role) {
  std::string key = KeyWithOid(CatalogKeyKind::kRoleSetting, database);
  PutBigEndian32(&key, role);
  return key;
}

std::optional<std::pair<Oid, Oid>> RoleSettingFromKey(std::string_view key) {
  if (key.size() != 9) return std::nullopt;
  return std::make_pair(DecodeBigEndian32(key.data() + 1), DecodeBigEndian32(key.data() + 5));
}

std::string DatabaseKeyScope(Oid database) {
  if (database == kPostgresDatabaseOid) return {};
  return KeyWithOid(CatalogKeyKind::kDatabaseScope, database);
}

bool IsSharedObjectClass(Oid classoid) {
  return classoid == kPgDatabaseOid || classoid == kPgAuthidOid;
}

std::string AclKey(const AclTarget& target) {
  std::string key(1, static_cast<char>(CatalogKeyKind::kAcl));
  PutBigEndian32(&key, target.classoid);
  PutBigEndian32(&key, target.objoid);
  // A column's list: the attnum follows (positive, so it sorts after the
  // object's own 9-byte key and in attnum order).
  if (target.objsubid != 0) PutBigEndian32(&key, static_cast<uint32_t>(target.objsubid));
  return key;
}

std::optional<AclTarget> AclTargetFromKey(std::string_view key) {
  if (key.size() != 9 && key.size() != 13) return std::nullopt;
  AclTarget target{DecodeBigEndian32(key.data() + 1), DecodeBigEndian32(key.data() + 5), 0};
  if (key.size() == 13) {
    target.objsubid = static_cast<int32_t>(DecodeBigEndian32(key.data() + 9));
    if (target.objsubid <= 0) return std::nullopt;
  }
  return target;
}

std::string EncodeAcl(const std::vector<AclItem>& acl) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, static_cast<uint32_t>(acl.size()));
  for (const AclItem& item : acl) {
    PutVarint32(&out, item.grantee);
    PutVarint32(&out, item.grantor);
    PutVarint32(&out, item.privileges);
    PutVarint32(&out, item.grant_options);
  }
  return out;
}

std::optional<std::vector<AclItem>> DecodeAcl(std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  if (!GetByte(&in, &version) || !KnownVersion(version)) return std::nullopt;
  uint32_t n = 0;
  if (!GetVarint32(&in, &n)) return std::nullopt;
  std::vector<AclItem> acl;
  for (uint32_t i = 0; i < n; ++i) {
    AclItem item;
    if (!GetVarint32(&in, &item.grantee) || !GetVarint32(&in, &item.grantor) ||
        !GetVarint32(&in, &item.privileges) || !GetVarint32(&in, &item.grant_options)) {
      return std::nullopt;
    }
    acl.push_back(item);
  }
  if (!in.empty()) return std::nullopt;
  return acl;
}
std::string KindPrefix(CatalogKeyKind kind) { return std::string(1, static_cast<char>(kind)); }

std::optional<Oid> OidFromKey(std::string_view key) {
  if (key.size() != 5) return std::nullopt;
  return DecodeBigEndian32(key.data() + 1);
}

std::string EncodeOidCounter(Oid next) {
  std::string out;
  PutBigEndian32(&out, next);
  return out;
}

std::optional<Oid> DecodeOidCounter(std::string_view bytes) {
  if (bytes.size() != 4) return std::nullopt;
  return DecodeBigEndian32(bytes.data());
}

std::string EncodeNamespace(const NamespaceDesc& ns) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutLengthPrefixedSlice(&out, ns.name);
  PutVarint32(&out, ns.owner);  // version 6
  return out;
}

std::optional<NamespaceDesc> DecodeNamespace(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  NamespaceDesc ns;
  ns.oid = oid;
  if (!GetByte(&in, &version) || !KnownVersion(version) || !GetString(&in, &ns.name)) {
    return std::nullopt;
  }
  if (version >= 6 && !GetVarint32(&in, &ns.owner)) return std::nullopt;
  if (!in.empty()) return std::nullopt;
  return ns;
}

std::string EncodeTable(const TableDesc& t) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, t.namespace_oid);
  PutLengthPrefixedSlice(&out, t.name);
  PutVarint32(&out, t.tree);
  PutLengthPrefixedSlice(&out, t.tree_name);
  PutVarint32(&out, static_cast<uint32_t>(t.columns.size()));
  for (const ColumnDesc& c : t.columns) {
    PutLengthPrefixedSlice(&out, c.name);
    PutVarint32(&out, c.type);
    PutVarint32(&out, static_cast<uint32_t>(c.typmod));
    PutVarint32(&out, static_cast<uint32_t>(c.attnum));
    uint8_t flags = (c.not_null ? kNotNull : 0) | (c.dropped ? kDropped : 0) |
                    (c.default_expr.has_value() ? kHasDefault : 0) |
                    (c.missing_value.has_value() ? kHasMissing : 0);
    out.push_back(static_cast<char>(flags));
    if (c.default_expr.has_value()) PutLengthPrefixedSlice(&out, *c.default_expr);
    if (c.missing_value.has_value()) PutLengthPrefixedSlice(&out, *c.missing_value);
  }
  PutVarint32(&out, static_cast<uint32_t>(t.primary_key.size()));
  for (int16_t a : t.primary_key) PutVarint32(&out, static_cast<uint32_t>(a));
  PutLengthPrefixedSlice(&out, t.primary_key_name);
  PutVarint32(&out, static_cast<uint32_t>(t.checks.size()));
  for (const CheckConstraint& c : t.checks) {
    PutLengthPrefixedSlice(&out, c.name);
    PutLengthPrefixedSlice(&out, c.expr);
  }
  PutVarint32(&out, static_cast<uint32_t>(t.indexes.size()));
  for (const IndexDesc& ix : t.indexes) EncodeIndex(ix, &out);
  PutVarint32(&out, static_cast<uint32_t>(t.foreign_keys.size()));
  for (const ForeignKeyDesc& fk : t.foreign_keys) EncodeForeignKey(fk, &out);
  // Version 5: inheritance.
  PutVarint32(&out, static_cast<uint32_t>(t.parents.size()));
  for (Oid parent : t.parents) PutVarint32(&out, parent);
  for (const ColumnDesc& c : t.columns) {
    PutVarint32(&out, static_cast<uint32_t>(c.inhcount));
    out.push_back(static_cast<char>(c.is_local ? 1 : 0));
  }
  for (const CheckConstraint& c : t.checks) {
    PutVarint32(&out, static_cast<uint32_t>(c.inhcount));
    // Bit 4: NOT VALID (convalidated false).
    out.push_back(static_cast<char>((c.is_local ? 1 : 0) | (c.no_inherit ? 2 : 0) |
                                    (c.validated ? 0 : 4)));
  }
  PutVarint32(&out, t.owner);  // version 6
  return out;
}

std::optional<TableDesc> DecodeTable(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  TableDesc t;
  t.oid = oid;
  uint32_t n = 0;
  if (!GetByte(&in, &version) || !KnownVersion(version)) return std::nullopt;
  if (!GetVarint32(&in, &t.namespace_oid) || !GetString(&in, &t.name) ||
      !GetVarint32(&in, &t.tree) || !GetString(&in, &t.tree_name) || !GetVarint32(&in, &n)) {
    return std::nullopt;
  }
  for (uint32_t i = 0; i < n; ++i) {
    ColumnDesc c;
    uint32_t typmod = 0, attnum = 0;
    uint8_t flags = 0;
    if (!GetString(&in, &c.name) || !GetVarint32(&in, &c.type) || !GetVarint32(&in, &typmod) ||
        !GetVarint32(&in, &attnum) || !GetByte(&in, &flags)) {
      return std::nullopt;
    }
    c.typmod = static_cast<int32_t>(typmod);
    c.attnum = static_cast<int16_t>(attnum);
    c.not_null = (flags & kNotNull) != 0;
    c.dropped = (flags & kDropped) != 0;
    if ((flags & kHasDefault) != 0) {
      std::string d;
      if (!GetString(&in, &d)) return std::nullopt;
      c.default_expr = std::move(d);
    }
    if ((flags & kHasMissing) != 0) {
      std::string m;
      if (version < 2 || !GetString(&in, &m)) return std::nullopt;
      c.missing_value = std::move(m);
    }
    t.columns.push_back(std::move(c));
  }
  if (!GetVarint32(&in, &n)) return std::nullopt;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t a = 0;
    if (!GetVarint32(&in, &a)) return std::nullopt;
    t.primary_key.push_back(static_cast<int16_t>(a));
  }
  if (!GetString(&in, &t.primary_key_name) || !GetVarint32(&in, &n)) return std::nullopt;
  for (uint32_t i = 0; i < n; ++i) {
    CheckConstraint c;
    if (!GetString(&in, &c.name) || !GetString(&in, &c.expr)) return std::nullopt;
    t.checks.push_back(std::move(c));
  }
  if (version >= 3) {
    if (!GetVarint32(&in, &n)) return std::nullopt;
    for (uint32_t i = 0; i < n; ++i) {
      IndexDesc ix;
      if (!DecodeIndex(&in, &ix)) return std::nullopt;
      t.indexes.push_back(std::move(ix));
    }
  }
  if (version >= 4) {
    if (!GetVarint32(&in, &n)) return std::nullopt;
    for (uint32_t i = 0; i < n; ++i) {
      ForeignKeyDesc fk;
      if (!DecodeForeignKey(&in, &fk)) return std::nullopt;
      t.foreign_keys.push_back(std::move(fk));
    }
  }
  if (version >= 5) {
    if (!GetVarint32(&in, &n)) return std::nullopt;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t parent = 0;
      if (!GetVarint32(&in, &parent)) return std::nullopt;
      t.parents.push_back(parent);
    }
    for (ColumnDesc& c : t.columns) {
      uint32_t count = 0;
      uint8_t local = 0;
      if (!GetVarint32(&in, &count) || !GetByte(&in, &local)) return std::nullopt;
      c.inhcount = static_cast<int16_t>(count);
      c.is_local = (local & 1) != 0;
    }
    for (CheckConstraint& c : t.checks) {
      uint32_t count = 0;
      uint8_t flags = 0;
      if (!GetVarint32(&in, &count) || !GetByte(&in, &flags)) return std::nullopt;
      c.inhcount = static_cast<int16_t>(count);
      c.is_local = (flags & 1) != 0;
      c.no_inherit = (flags & 2) != 0;
      c.validated = (flags & 4) == 0;
    }
  }
  if (version >= 6 && !GetVarint32(&in, &t.owner)) return std::nullopt;
  if (!in.empty()) return std::nullopt;
  return t;
}

std::string EncodeSequence(const SequenceDesc& seq) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, seq.namespace_oid);
  PutLengthPrefixedSlice(&out, seq.name);
  PutVarint32(&out, seq.type);
  for (int64_t v : {seq.start, seq.increment, seq.min_value, seq.max_value, seq.cache}) {
    PutVarint64(&out, static_cast<uint64_t>(v));
  }
  out.push_back(seq.cycle ? 1 : 0);
  PutVarint32(&out, seq.owner_table);
  PutVarint32(&out, static_cast<uint32_t>(seq.owner_attnum));
  PutVarint32(&out, seq.owner);  // version 6
  return out;
}

std::optional<SequenceDesc> DecodeSequence(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, cycle = 0;
  SequenceDesc seq;
  seq.oid = oid;
  if (!GetByte(&in, &version) || !KnownVersion(version) ||
      !GetVarint32(&in, &seq.namespace_oid) || !GetString(&in, &seq.name) ||
      !GetVarint32(&in, &seq.type)) {
    return std::nullopt;
  }
  for (int64_t* v : {&seq.start, &seq.increment, &seq.min_value, &seq.max_value, &seq.cache}) {
    uint64_t u = 0;
    if (!GetVarint64(&in, &u)) return std::nullopt;
    *v = static_cast<int64_t>(u);
  }
  uint32_t attnum = 0;
  if (!GetByte(&in, &cycle) || !GetVarint32(&in, &seq.owner_table) ||
      !GetVarint32(&in, &attnum)) {
    return std::nullopt;
  }
  if (version >= 6 && !GetVarint32(&in, &seq.owner)) return std::nullopt;
  if (!in.empty()) return std::nullopt;
  seq.cycle = cycle != 0;
  seq.owner_attnum = static_cast<int16_t>(attnum);
  return seq;
}

std::string EncodeSequenceValue(const SequenceValueRecord& value) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint64(&out, static_cast<uint64_t>(value.last_value));
  out.push_back(value.is_called ? 1 : 0);
  return out;
}

std::optional<SequenceValueRecord> DecodeSequenceValue(std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, called = 0;
  uint64_t last = 0;
  if (!GetByte(&in, &version) || !KnownVersion(version) || !GetVarint64(&in, &last) ||
      !GetByte(&in, &called) || !in.empty()) {
    return std::nullopt;
  }
  return SequenceValueRecord{static_cast<int64_t>(last), called != 0};
}

std::string EncodeView(const ViewDesc& v) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, v.namespace_oid);
  PutLengthPrefixedSlice(&out, v.name);
  PutLengthPrefixedSlice(&out, v.query);
  PutVarint32(&out, static_cast<uint32_t>(v.columns.size()));
  for (const ViewColumn& c : v.columns) {
    PutLengthPrefixedSlice(&out, c.name);
    PutVarint32(&out, c.type);
    PutVarint32(&out, static_cast<uint32_t>(c.typmod));
  }
  PutVarint32(&out, static_cast<uint32_t>(v.depends_on.size()));
  for (Oid dep : v.depends_on) PutVarint32(&out, dep);
  // Optional trailing field (older records end before it).
  PutVarint32(&out, static_cast<uint32_t>(v.search_path.size()));
  for (Oid ns : v.search_path) PutVarint32(&out, ns);
  PutVarint32(&out, v.owner);  // version 6 (always after search_path)
  return out;
}

std::optional<ViewDesc> DecodeView(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  ViewDesc v;
  v.oid = oid;
  uint32_t n = 0;
  // Views exist from record version 2 on.
  if (!GetByte(&in, &version) || version < 2 || !KnownVersion(version)) return std::nullopt;
  if (!GetVarint32(&in, &v.namespace_oid) || !GetString(&in, &v.name) ||
      !GetString(&in, &v.query) || !GetVarint32(&in, &n)) {
    return std::nullopt;
  }
  for (uint32_t i = 0; i < n; ++i) {
    ViewColumn c;
    uint32_t typmod = 0;
    if (!GetString(&in, &c.name) || !GetVarint32(&in, &c.type) || !GetVarint32(&in, &typmod)) {
      return std::nullopt;
    }
    c.typmod = static_cast<int32_t>(typmod);
    v.columns.push_back(std::move(c));
  }
  if (!GetVarint32(&in, &n)) return std::nullopt;
  for (uint32_t i = 0; i < n; ++i) {
    Oid dep = 0;
    if (!GetVarint32(&in, &dep)) return std::nullopt;
    v.depends_on.push_back(dep);
  }
  if (!in.empty()) {
    if (!GetVarint32(&in, &n)) return std::nullopt;
    for (uint32_t i = 0; i < n; ++i) {
      Oid ns = 0;
      if (!GetVarint32(&in, &ns)) return std::nullopt;
      v.search_path.push_back(ns);
    }
  }
  if (version >= 6 && !GetVarint32(&in, &v.owner)) return std::nullopt;
  if (!in.empty()) return std::nullopt;
  return v;
}

namespace {

// Written to disk: never renumber.
enum FunctionFlag : uint8_t {
  kReturnsSet = 1,
  kProcedure = 2,
  kStrict = 4,
  kSecurityDefiner = 8,
  kLeakproof = 16,
};

}  // namespace

std::string EncodeFunction(const FunctionDesc& fn) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, fn.namespace_oid);
  PutLengthPrefixedSlice(&out, fn.name);
  PutVarint32(&out, static_cast<uint32_t>(fn.args.size()));
  for (const FunctionArg& a : fn.args) {
    PutLengthPrefixedSlice(&out, a.name);
    PutVarint32(&out, a.type);
    out.push_back(a.mode);
    out.push_back(a.default_expr.has_value() ? 1 : 0);
    if (a.default_expr.has_value()) PutLengthPrefixedSlice(&out, *a.default_expr);
  }
  PutVarint32(&out, fn.result_type);
  out.push_back(static_cast<char>((fn.returns_set ? kReturnsSet : 0) |
                                  (fn.is_procedure ? kProcedure : 0) |
                                  (fn.strict ? kStrict : 0) |
                                  (fn.security_definer ? kSecurityDefiner : 0) |
                                  (fn.leakproof ? kLeakproof : 0)));
  out.push_back(fn.volatility);
  out.push_back(fn.parallel);
  PutLengthPrefixedSlice(&out, std::to_string(fn.cost));
  PutLengthPrefixedSlice(&out, std::to_string(fn.rows));
  PutLengthPrefixedSlice(&out, fn.language);
  PutLengthPrefixedSlice(&out, fn.body);
  return out;
}

std::optional<FunctionDesc> DecodeFunction(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, flags = 0, byte = 0;
  FunctionDesc fn;
  fn.oid = oid;
  uint32_t n = 0;
  // Functions exist from record version 3 on.
  if (!GetByte(&in, &version) || version < 3 || !KnownVersion(version)) return std::nullopt;
  if (!GetVarint32(&in, &fn.namespace_oid) || !GetString(&in, &fn.name) ||
      !GetVarint32(&in, &n)) {
    return std::nullopt;
  }
  for (uint32_t i = 0; i < n; ++i) {
    FunctionArg a;
    uint8_t has_default = 0;
    if (!GetString(&in, &a.name) || !GetVarint32(&in, &a.type) || !GetByte(&in, &byte) ||
        !GetByte(&in, &has_default)) {
      return std::nullopt;
    }
    a.mode = static_cast<char>(byte);
    if (has_default != 0) {
      std::string d;
      if (!GetString(&in, &d)) return std::nullopt;
      a.default_expr = std::move(d);
    }
    fn.args.push_back(std::move(a));
  }
  std::string cost, rows;
  uint8_t volatility = 0, parallel = 0;
  if (!GetVarint32(&in, &fn.result_type) || !GetByte(&in, &flags) ||
      !GetByte(&in, &volatility) || !GetByte(&in, &parallel) || !GetString(&in, &cost) ||
      !GetString(&in, &rows) || !GetString(&in, &fn.language) || !GetString(&in, &fn.body) ||
      !in.empty()) {
    return std::nullopt;
  }
  fn.returns_set = (flags & kReturnsSet) != 0;
  fn.is_procedure = (flags & kProcedure) != 0;
  fn.strict = (flags & kStrict) != 0;
  fn.security_definer = (flags & kSecurityDefiner) != 0;
  fn.leakproof = (flags & kLeakproof) != 0;
  fn.volatility = static_cast<char>(volatility);
  fn.parallel = static_cast<char>(parallel);
  fn.cost = std::strtod(cost.c_str(), nullptr);
  fn.rows = std::strtod(rows.c_str(), nullptr);
  return fn;
}

std::string EncodeType(const TypeDesc& type) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, type.namespace_oid);
  PutLengthPrefixedSlice(&out, type.name);
  PutVarint32(&out, type.owner);
  out.push_back(type.kind);
  PutVarint32(&out, type.array_oid);
  PutVarint32(&out, static_cast<uint32_t>(type.labels.size()));
  for (const EnumLabel& l : type.labels) {
    PutVarint32(&out, l.oid);
    char order[32];
    std::snprintf(order, sizeof(order), "%.9g", static_cast<double>(l.sort_order));
    PutLengthPrefixedSlice(&out, order);
    PutLengthPrefixedSlice(&out, l.label);
  }
  PutVarint32(&out, type.last_created_label);
  PutVarint32(&out, type.base_type);
  PutVarint32(&out, static_cast<uint32_t>(type.base_typmod));
  out.push_back(static_cast<char>((type.not_null ? 1 : 0) | (type.default_expr ? 2 : 0)));
  if (type.default_expr) PutLengthPrefixedSlice(&out, *type.default_expr);
  PutVarint32(&out, static_cast<uint32_t>(type.checks.size()));
  for (const DomainCheck& c : type.checks) {
    PutVarint32(&out, c.oid);
    PutLengthPrefixedSlice(&out, c.name);
    PutLengthPrefixedSlice(&out, c.expr);
  }
  return out;
}

std::optional<TypeDesc> DecodeType(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, kind = 0;
  TypeDesc type;
  type.oid = oid;
  uint32_t n = 0;
  // Types exist from record version 7 on.
  if (!GetByte(&in, &version) || version < 7 || !KnownVersion(version)) return std::nullopt;
  if (!GetVarint32(&in, &type.namespace_oid) || !GetString(&in, &type.name) ||
      !GetVarint32(&in, &type.owner) || !GetByte(&in, &kind) ||
      !GetVarint32(&in, &type.array_oid) || !GetVarint32(&in, &n)) {
    return std::nullopt;
  }
  type.kind = static_cast<char>(kind);
  for (uint32_t i = 0; i < n; ++i) {
    EnumLabel l;
    std::string order;
    if (!GetVarint32(&in, &l.oid) || !GetString(&in, &order) || !GetString(&in, &l.label)) {
      return std::nullopt;
    }
    l.sort_order = std::strtof(order.c_str(), nullptr);
    type.labels.push_back(std::move(l));
  }
  uint32_t typmod = 0, nchecks = 0;
  uint8_t flags = 0;
  if (!GetVarint32(&in, &type.last_created_label) || !GetVarint32(&in, &type.base_type) ||
      !GetVarint32(&in, &typmod) || !GetByte(&in, &flags)) {
    return std::nullopt;
  }
  type.base_typmod = static_cast<int32_t>(typmod);
  type.not_null = (flags & 1) != 0;
  if ((flags & 2) != 0) {
    std::string d;
    if (!GetString(&in, &d)) return std::nullopt;
    type.default_expr = std::move(d);
  }
  if (!GetVarint32(&in, &nchecks)) return std::nullopt;
  for (uint32_t i = 0; i < nchecks; ++i) {
    DomainCheck c;
    if (!GetVarint32(&in, &c.oid) || !GetString(&in, &c.name) || !GetString(&in, &c.expr)) {
      return std::nullopt;
    }
    type.checks.push_back(std::move(c));
  }
  if (!in.empty()) return std::nullopt;
  return type;
}

namespace {

// Written to disk: never renumber.
enum RoleFlag : uint8_t {
  kRoleSuper = 1,
  kRoleInherit = 2,
  kRoleCreateRole = 4,
  kRoleCreateDb = 8,
  kRoleLogin = 16,
  kRoleReplication = 32,
  kRoleBypassRls = 64,
  kRoleHasPassword = 128,
};

}  // namespace

std::string EncodeRole(const RoleDesc& role) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutLengthPrefixedSlice(&out, role.name);
  out.push_back(static_cast<char>(
      (role.superuser ? kRoleSuper : 0) | (role.inherit ? kRoleInherit : 0) |
      (role.create_role ? kRoleCreateRole : 0) | (role.create_db ? kRoleCreateDb : 0) |
      (role.can_login ? kRoleLogin : 0) | (role.replication ? kRoleReplication : 0) |
      (role.bypass_rls ? kRoleBypassRls : 0) | (role.password ? kRoleHasPassword : 0)));
  PutVarint32(&out, static_cast<uint32_t>(role.connection_limit));
  if (role.password) PutLengthPrefixedSlice(&out, *role.password);
  out.push_back(role.valid_until ? 1 : 0);
  if (role.valid_until) PutVarint64(&out, static_cast<uint64_t>(*role.valid_until));
  PutVarint32(&out, static_cast<uint32_t>(role.members.size()));
  for (const RoleMember& m : role.members) {
    PutVarint32(&out, m.member);
    PutVarint32(&out, m.grantor);
    out.push_back(m.admin_option ? 1 : 0);
  }
  return out;
}

namespace {
constexpr uint8_t kDatabaseIsTemplate = 1;
constexpr uint8_t kDatabaseAllowConnections = 2;
}  // namespace

std::string EncodeDatabase(const DatabaseDesc& db) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutLengthPrefixedSlice(&out, db.name);
  PutVarint32(&out, db.owner);
  out.push_back(static_cast<char>((db.is_template ? kDatabaseIsTemplate : 0) |
                                  (db.allow_connections ? kDatabaseAllowConnections : 0)));
  PutVarint32(&out, static_cast<uint32_t>(db.connection_limit));
  return out;
}

std::string EncodeRoleSetting(const std::vector<std::string>& settings) {
  std::string out(1, static_cast<char>(kCatalogRecordVersion));
  PutVarint32(&out, static_cast<uint32_t>(settings.size()));
  for (const std::string& s : settings) PutLengthPrefixedSlice(&out, s);
  return out;
}

std::optional<std::vector<std::string>> DecodeRoleSetting(std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0;
  uint32_t n = 0;
  if (!GetByte(&in, &version) || version < 7 || !KnownVersion(version) ||
      !GetVarint32(&in, &n)) {
    return std::nullopt;
  }
  std::vector<std::string> out(n);
  for (std::string& s : out) {
    if (!GetString(&in, &s)) return std::nullopt;
  }
  if (!in.empty()) return std::nullopt;
  return out;
}

std::optional<DatabaseDesc> DecodeDatabase(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, flags = 0;
  uint32_t connlimit = 0;
  DatabaseDesc db;
  db.oid = oid;
  if (!GetByte(&in, &version) || version < 7 || !KnownVersion(version) ||
      !GetString(&in, &db.name) || !GetVarint32(&in, &db.owner) || !GetByte(&in, &flags) ||
      !GetVarint32(&in, &connlimit) || !in.empty()) {
    return std::nullopt;
  }
  db.is_template = (flags & kDatabaseIsTemplate) != 0;
  db.allow_connections = (flags & kDatabaseAllowConnections) != 0;
  db.connection_limit = static_cast<int32_t>(connlimit);
  return db;
}

std::optional<RoleDesc> DecodeRole(Oid oid, std::string_view bytes) {
  Slice in(bytes);
  uint8_t version = 0, flags = 0, has_valid_until = 0;
  uint32_t connlimit = 0, n = 0;
  RoleDesc role;
  role.oid = oid;
  if (!GetByte(&in, &version) || version < 4 || !KnownVersion(version) ||
      !GetString(&in, &role.name) || !GetByte(&in, &flags) || !GetVarint32(&in, &connlimit)) {
    return std::nullopt;
  }
  role.superuser = (flags & kRoleSuper) != 0;
  role.inherit = (flags & kRoleInherit) != 0;
  role.create_role = (flags & kRoleCreateRole) != 0;
  role.create_db = (flags & kRoleCreateDb) != 0;
  role.can_login = (flags & kRoleLogin) != 0;
  role.replication = (flags & kRoleReplication) != 0;
  role.bypass_rls = (flags & kRoleBypassRls) != 0;
  role.connection_limit = static_cast<int32_t>(connlimit);
  if ((flags & kRoleHasPassword) != 0) {
    std::string password;
    if (!GetString(&in, &password)) return std::nullopt;
    role.password = std::move(password);
  }
  if (!GetByte(&in, &has_valid_until)) return std::nullopt;
  if (has_valid_until != 0) {
    uint64_t v = 0;
    if (!GetVarint64(&in, &v)) return std::nullopt;
    role.valid_until = static_cast<int64_t>(v);
  }
  if (!GetVarint32(&in, &n)) return std::nullopt;
  for (uint32_t i = 0; i < n; ++i) {
    RoleMember m;
    uint8_t admin = 0;
    if (!GetVarint32(&in, &m.member) || !GetVarint32(&in, &m.grantor) || !GetByte(&in, &admin)) {
      return std::nullopt;
    }
    m.admin_option = admin != 0;
    role.members.push_back(m);
  }
  if (!in.empty()) return std::nullopt;
  return role;
}

}  // namespace strata::catalog
