// TempDatabase: a sql::Database opened in a fresh temporary directory for a
// test, closed and removed afterwards (the fixture the table-level SQL
// tests share).
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "sql/database.h"

namespace strata::sql::testing {

class TempDatabase {
 public:
  explicit TempDatabase(const std::string& prefix = "sqltest") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
    dir_ = mkdtemp(tmpl.data());
    auto db = Database::Open(dir_);
    REQUIRE(db.ok());
    db_ = std::move(db.value());
  }
  ~TempDatabase() {
    (void)db_->Close();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  Database* get() { return db_.get(); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace strata::sql::testing
