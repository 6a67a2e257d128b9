// The process-wide registry of anonymous record types (see record_type.h).
#include "sql/types/record_type.h"

#include <deque>
#include <map>
#include <mutex>

namespace strata::sql {

namespace {

struct Registry {
  std::mutex mu;
  // Index = typmod. A deque keeps every registered vector at its address.
  std::deque<std::vector<RecordField>> types;
  std::map<std::string, int32_t> by_shape;
};

Registry& TheRegistry() {
  static Registry* registry = new Registry();  // never destroyed: used until exit
  return *registry;
}

// A key that tells shapes apart: names and types, length-prefixed.
std::string ShapeKey(const std::vector<RecordField>& fields) {
  std::string key;
  for (const RecordField& f : fields) {
    key += std::to_string(f.name.size()) + ":" + f.name + ":" + std::to_string(f.type.oid) +
           ":" + std::to_string(f.type.typmod) + ";";
  }
  return key;
}

}  // namespace

int32_t RegisterRecordType(std::vector<RecordField> fields) {
  Registry& r = TheRegistry();
  std::string key = ShapeKey(fields);
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_shape.find(key);
  if (it != r.by_shape.end()) return it->second;
  const auto typmod = static_cast<int32_t>(r.types.size());
  r.types.push_back(std::move(fields));
  r.by_shape.emplace(std::move(key), typmod);
  return typmod;
}

const std::vector<RecordField>* FindRecordType(int32_t typmod) {
  if (typmod < 0) return nullptr;
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (static_cast<size_t>(typmod) >= r.types.size()) return nullptr;
  return &r.types[static_cast<size_t>(typmod)];
}

}  // namespace strata::sql
