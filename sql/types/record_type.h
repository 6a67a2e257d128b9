// Anonymous record types: the field names and types of a `record` value a
// query builds (ROW(...), a set-returning function with OUT columns),
// registered once per shape and named by a typmod of type `record`, as
// PostgreSQL's assign_record_type_typmod "blesses" a tuple descriptor. The
// binder resolves field selection ((r).name) through the typmod; values
// carry only their fields. Typmods are process-wide and never reused, so a
// prepared statement's record types stay valid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

struct RecordField {
  std::string name;
  DataType type;

  friend bool operator==(const RecordField&, const RecordField&) = default;
};

// The typmod of the record type with exactly these fields, registering it on
// first use. Thread-safe.
int32_t RegisterRecordType(std::vector<RecordField> fields);

// The fields of a registered record typmod, or nullptr (typmod -1: a record
// whose fields are not known until run time). The vector lives as long as
// the process.
const std::vector<RecordField>* FindRecordType(int32_t typmod);

// DataType{record, typmod} of the registered shape `fields`.
inline DataType RecordType(std::vector<RecordField> fields) {
  return DataType{type_oid::kRecord, RegisterRecordType(std::move(fields))};
}

}  // namespace strata::sql
