// TableProperties encoding (format in table_properties.h).
#include "storage/sstable/table_properties.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "common/coding.h"
#include "storage/sstable/block.h"
#include "storage/sstable/block_builder.h"

namespace strata::storage {

namespace {

// One table of (name, member) drives encode, decode and ToString, so the
// three cannot disagree. Names are written to disk: never rename.
struct U64Field {
  const char* name;
  uint64_t TableProperties::*member;
};
struct StringField {
  const char* name;
  std::string TableProperties::*member;
  bool is_key;  // printed in hex
};

constexpr U64Field kU64Fields[] = {
    {"strata.block.restart.interval", &TableProperties::block_restart_interval},
    {"strata.block.size", &TableProperties::block_size},
    {"strata.bloom.bits.per.key", &TableProperties::bloom_bits_per_key},
    {"strata.data.size", &TableProperties::data_size},
    {"strata.data.uncompressed.size", &TableProperties::data_uncompressed_size},
    {"strata.filter.size", &TableProperties::filter_size},
    {"strata.format.version", &TableProperties::format_version},
    {"strata.index.size", &TableProperties::index_size},
    {"strata.num.data.blocks", &TableProperties::num_data_blocks},
    {"strata.num.data.blocks.lz4", &TableProperties::num_lz4_data_blocks},
    {"strata.num.data.blocks.raw", &TableProperties::num_raw_data_blocks},
    {"strata.num.deletions", &TableProperties::num_deletions},
    {"strata.num.entries", &TableProperties::num_entries},
    {"strata.num.index.entries", &TableProperties::num_index_entries},
    {"strata.num.range.deletions", &TableProperties::num_range_deletions},
    {"strata.range.del.size", &TableProperties::range_del_size},
    {"strata.raw.key.size", &TableProperties::raw_key_size},
    {"strata.raw.value.size", &TableProperties::raw_value_size},
    {"strata.seq.largest", &TableProperties::largest_seq},
    {"strata.seq.smallest", &TableProperties::smallest_seq},
};

constexpr StringField kStringFields[] = {
    {"strata.compression", &TableProperties::compression, false},
    {"strata.key.largest", &TableProperties::largest_key, true},
    {"strata.key.largest.point", &TableProperties::largest_point_key, true},
    {"strata.key.smallest", &TableProperties::smallest_key, true},
    {"strata.key.smallest.point", &TableProperties::smallest_point_key, true},
};

std::string Hex(Slice s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace

void TableProperties::EncodeTo(BlockBuilder* builder) const {
  std::vector<std::pair<std::string_view, std::string>> entries;
  for (const auto& f : kU64Fields) {
    std::string v;
    PutVarint64(&v, this->*f.member);
    entries.emplace_back(f.name, std::move(v));
  }
  for (const auto& f : kStringFields) entries.emplace_back(f.name, this->*f.member);
  std::sort(entries.begin(), entries.end());
  for (const auto& [name, value] : entries) builder->Add(name, value);
}

Status TableProperties::DecodeFrom(const Block& block, TableProperties* out) {
  *out = TableProperties();
  BlockIter it;
  it.Init(&block, kBytewiseComparator);
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const Slice name = it.key();
    Slice value = it.value();
    bool known = false;
    for (const auto& f : kU64Fields) {
      if (name == f.name) {
        if (!GetVarint64(&value, &(out->*f.member)) || !value.empty()) {
          return Status::Corruption("bad value for table property " + std::string(name));
        }
        known = true;
        break;
      }
    }
    if (known) continue;
    for (const auto& f : kStringFields) {
      if (name == f.name) {
        (out->*f.member).assign(value.data(), value.size());
        break;
      }
    }
  }
  return it.status();
}

std::string TableProperties::ToString() const {
  std::string out;
  for (const auto& f : kU64Fields) {
    out += f.name;
    out += ": ";
    out += std::to_string(this->*f.member);
    out += '\n';
  }
  for (const auto& f : kStringFields) {
    out += f.name;
    out += ": ";
    out += f.is_key ? Hex(this->*f.member) : this->*f.member;
    out += '\n';
  }
  return out;
}

}  // namespace strata::storage
