// WriteBatch: encoding (golden bytes), iteration with sequence numbers,
// Append, and rejection of malformed encodings.
#include "storage/write_batch.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

namespace strata::storage {
namespace {

// Prints every record as "seq:op(tree,key[,value])".
class Recorder : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber seq, uint32_t tree, Slice key, Slice value) override {
    out += std::to_string(seq) + ":put(" + std::to_string(tree) + "," + std::string(key) + "," +
           std::string(value) + ")";
    return Status::OK();
  }
  Status Delete(SequenceNumber seq, uint32_t tree, Slice key) override {
    out += std::to_string(seq) + ":del(" + std::to_string(tree) + "," + std::string(key) + ")";
    return Status::OK();
  }
  Status DeleteRange(SequenceNumber seq, uint32_t tree, Slice begin, Slice end) override {
    out += std::to_string(seq) + ":delrange(" + std::to_string(tree) + "," + std::string(begin) +
           "," + std::string(end) + ")";
    return Status::OK();
  }
  std::string out;
};

std::string Dump(const WriteBatch& b) {
  Recorder r;
  Status s = b.Iterate(&r);
  if (!s.ok()) return s.ToString();
  return r.out;
}

TEST_CASE("WriteBatch starts empty", "[write_batch]") {
  WriteBatch b;
  CHECK(b.Count() == 0);
  CHECK(b.Sequence() == 0);
  CHECK(b.ApproximateSize() == WriteBatch::kHeaderSize);
  CHECK(Dump(b).empty());
}

TEST_CASE("WriteBatch records get consecutive sequence numbers", "[write_batch]") {
  WriteBatch b;
  b.Put(1, "k1", "v1");
  b.Delete(2, "k2");
  b.DeleteRange(70000, "a", "m");
  b.Put(1, std::string("\0z", 2), "");
  b.SetSequence(100);
  CHECK(b.Count() == 4);
  CHECK(b.Sequence() == 100);
  CHECK(Dump(b) == "100:put(1,k1,v1)101:del(2,k2)102:delrange(70000,a,m)" +
                       std::string("103:put(1,\0z,)", 14));
}

TEST_CASE("WriteBatch encoding matches the documented format byte for byte", "[write_batch]") {
  WriteBatch b;
  b.SetSequence(0x0102030405060708ull);
  b.Put(300, "k", "vv");
  b.Delete(1, "d");
  b.DeleteRange(2, "a", "b");
  const std::string expected = std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8) +  // sequence
                               std::string("\x03\x00\x00\x00", 4) +                  // count
                               std::string("\x01\xac\x02\x01k\x02vv", 8) +  // put, tree 300
                               std::string(
                                   "\x00\x01\x01"
                                   "d",
                                   4) +  // delete
                               std::string(
                                   "\x02\x02\x01"
                                   "a\x01"
                                   "b",
                                   6);  // range delete
  CHECK(std::string(b.Data()) == expected);
}

TEST_CASE("WriteBatch Append concatenates records", "[write_batch]") {
  WriteBatch a;
  a.Put(1, "a", "1");
  WriteBatch b;
  b.Delete(2, "b");
  b.Put(3, "c", "3");
  b.SetSequence(999);  // ignored by Append
  a.SetSequence(10);
  a.Append(b);
  CHECK(a.Count() == 3);
  CHECK(Dump(a) == "10:put(1,a,1)11:del(2,b)12:put(3,c,3)");
  a.Clear();
  CHECK(a.Count() == 0);
  CHECK(a.Sequence() == 10);
  CHECK(Dump(a).empty());
}

TEST_CASE("WriteBatch SetData round trips and rejects short input", "[write_batch]") {
  WriteBatch b;
  b.Put(5, std::string(1000, 'k'), std::string(100000, 'v'));
  b.SetSequence(7);
  WriteBatch c;
  REQUIRE(c.SetData(b.Data()).ok());
  CHECK(c.Count() == 1);
  CHECK(c.Sequence() == 7);
  CHECK(Dump(c) == Dump(b));
  CHECK(c.SetData("short").IsCorruption());
  CHECK(c.Count() == 0);
}

TEST_CASE("WriteBatch Iterate reports every truncation as Corruption", "[write_batch]") {
  WriteBatch b;
  b.Put(1, "key", "value");
  b.Delete(2, "gone");
  b.DeleteRange(3, "a", "z");
  const std::string full(b.Data());
  for (size_t len = WriteBatch::kHeaderSize; len < full.size(); ++len) {
    WriteBatch t;
    REQUIRE(t.SetData(Slice(full).substr(0, len)).ok());
    Recorder r;
    Status s = t.Iterate(&r);
    INFO("length " << len);
    CHECK(s.IsCorruption());
  }
}

TEST_CASE("WriteBatch Iterate rejects bad tags and count mismatches", "[write_batch]") {
  WriteBatch b;
  b.Put(1, "k", "v");
  std::string bad_tag(b.Data());
  bad_tag[WriteBatch::kHeaderSize] = 9;
  WriteBatch t;
  REQUIRE(t.SetData(bad_tag).ok());
  CHECK(Dump(t).find("unknown record tag 9") != std::string::npos);

  std::string bad_count(b.Data());
  bad_count[8] = 2;
  REQUIRE(t.SetData(bad_count).ok());
  CHECK(Dump(t).find("Corruption") == 0);

  std::string extra(b.Data());
  extra += extra.substr(WriteBatch::kHeaderSize);  // two records, header says one
  REQUIRE(t.SetData(extra).ok());
  CHECK(Dump(t).find("more records than the header count") != std::string::npos);
}

TEST_CASE("WriteBatch Iterate stops at the first handler error", "[write_batch]") {
  class Failing : public Recorder {
   public:
    Status Delete(SequenceNumber, uint32_t, Slice) override { return Status::Aborted("stop"); }
  };
  WriteBatch b;
  b.Put(1, "a", "1");
  b.Delete(1, "b");
  b.Put(1, "c", "3");
  Failing h;
  CHECK(b.Iterate(&h).IsAborted());
  CHECK(h.out == "0:put(1,a,1)");
}

TEST_CASE("WriteBatch logged operations: tree edit and ingestion trailers", "[write_batch]") {
  struct Logged : Recorder {
    Status TreeEdit(Slice edit) override {
      out += "edit(" + std::string(edit) + ")";
      return Status::OK();
    }
    Status IngestedRows(uint32_t tree, uint32_t count, Slice rows) override {
      std::vector<std::pair<std::string, std::string>> decoded;
      Status s = WriteBatch::DecodeIngestedRows(rows, count, &decoded);
      if (!s.ok()) return s;
      out += "ingest(" + std::to_string(tree);
      for (const auto& [k, v] : decoded) out += "," + k + "=" + v;
      out += ")";
      return Status::OK();
    }
    Status CommitTime(int64_t us) override {
      out += "time(" + std::to_string(us) + ")";
      return Status::OK();
    }
  };
  WriteBatch header;  // count 0
  header.SetSequence(42);
  std::string record(header.Data());
  WriteBatch::AppendTreeEdit(&record, "EDIT");
  WriteBatch::AppendIngestedRows(&record, 7, {{"a", "1"}, {"b", "2"}});
  WriteBatch::AppendCommitTime(&record, 99);
  WriteBatch b;
  REQUIRE(b.SetData(record).ok());
  CHECK(b.Count() == 0);
  CHECK(b.Sequence() == 42);
  Logged h;
  REQUIRE(b.Iterate(&h).ok());
  CHECK(h.out == "edit(EDIT)ingest(7,a=1,b=2)time(99)");
  // Handlers that do not know them see nothing (recovery).
  CHECK(Dump(b).empty());
  // Every truncation inside a trailer is Corruption.
  const size_t time_trailer = WriteBatch::kCommitTimeTrailerSize;
  const size_t edit_end = WriteBatch::kHeaderSize + 1 + 1 + 4;  // tag, length, "EDIT"
  for (size_t cut = WriteBatch::kHeaderSize + 1; cut < record.size() - time_trailer; ++cut) {
    if (cut == edit_end) continue;  // a whole tree edit, no ingestion: well formed
    WriteBatch t;
    REQUIRE(t.SetData(Slice(record.data(), cut)).ok());
    Logged ignored;
    CHECK(t.Iterate(&ignored).IsCorruption());
  }
}

}  // namespace
}  // namespace strata::storage
