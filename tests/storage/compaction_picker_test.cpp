// Compaction pickers, driven by text fixtures in tests/storage/testdata/
// (compaction_picker_*), in the style of Pebble's datadriven tests.
//
// A fixture file is a list of cases separated by blank lines:
//   <command> [key=value ...]
//   <input lines>
//   ----
//   <expected output lines>
// Lines starting with '#' between cases are comments.
//
// Commands:
//   define [options]   input: "L<n>" headers and file lines
//                        <number>: <smallest>#<seq>-<largest>#<seq> size=<bytes> [compacting]
//                      starts a new picker + Version; prints level targets and
//                      scores (leveled) or the sorted runs (universal).
//                      options: style=leveled|universal l0_trigger level_base
//                      multiplier dynamic=true|false target_file_size
//                      max_compaction_bytes size_ratio min_merge_width
//                      max_merge_width max_size_amp
//   needs-compaction   prints true/false
//   pick               PickCompaction; the result stays registered (its files
//                      are being compacted) until release
//   pick-manual level=<n> [begin=<key>] [end=<key>]
//   release            releases every picked compaction
//
// Set STRATA_REWRITE_TESTDATA=1 to rewrite the expectations from the actual
// output (then review the diff!).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "storage/compaction/compaction_picker.h"
#include "storage/compaction/level_targets.h"
#include "storage/compaction/universal_compaction_picker.h"
#include "storage/version/version_builder.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

struct TestCase {
  int line = 0;
  std::string command;
  std::map<std::string, std::string> args;
  std::vector<std::string> input;
  std::vector<std::string> expected;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<TestCase> ParseFixture(const std::string& path, std::vector<std::string>* raw_lines) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string line;
  while (std::getline(in, line)) raw_lines->push_back(line);
  std::vector<TestCase> cases;
  size_t i = 0;
  const auto& lines = *raw_lines;
  while (i < lines.size()) {
    if (lines[i].empty() || lines[i][0] == '#') {
      ++i;
      continue;
    }
    TestCase tc;
    tc.line = static_cast<int>(i) + 1;
    auto words = Split(lines[i], ' ');
    tc.command = words[0];
    for (size_t w = 1; w < words.size(); ++w) {
      auto eq = words[w].find('=');
      if (eq == std::string::npos) {
        tc.args[words[w]] = "";
      } else {
        tc.args[words[w].substr(0, eq)] = words[w].substr(eq + 1);
      }
    }
    ++i;
    while (i < lines.size() && lines[i] != "----") tc.input.push_back(lines[i++]);
    REQUIRE(i < lines.size());  // every case needs its ----
    ++i;
    while (i < lines.size() && !lines[i].empty()) tc.expected.push_back(lines[i++]);
    cases.push_back(std::move(tc));
  }
  return cases;
}

// Parses "a#5" into user key and seq.
void ParseKey(const std::string& s, std::string* key, SequenceNumber* seq) {
  auto hash = s.find('#');
  REQUIRE(hash != std::string::npos);
  *key = s.substr(0, hash);
  *seq = std::stoull(s.substr(hash + 1));
}

class PickerFixture {
 public:
  std::string Run(const TestCase& tc) {
    if (tc.command == "define") return Define(tc);
    if (tc.command == "needs-compaction") return picker_->NeedsCompaction(*version_) ? "true" : "false";
    if (tc.command == "pick") return Keep(picker_->PickCompaction(version_));
    if (tc.command == "pick-manual") {
      std::optional<std::string> begin, end;
      if (tc.args.count("begin")) begin = tc.args.at("begin");
      if (tc.args.count("end")) end = tc.args.at("end");
      auto c = picker_->PickManualCompaction(version_, std::stoi(tc.args.at("level")),
                                             begin ? std::optional<Slice>(*begin) : std::nullopt,
                                             end ? std::optional<Slice>(*end) : std::nullopt);
      return Keep(std::move(c));
    }
    if (tc.command == "release") {
      size_t n = running_.size();
      for (auto& c : running_) picker_->ReleaseCompaction(c.get());
      running_.clear();
      return "released " + std::to_string(n);
    }
    FAIL("unknown command " << tc.command);
    return "";
  }

 private:
  std::string Keep(std::unique_ptr<Compaction> c) {
    if (!c) return "no compaction";
    std::string out = c->DebugString();
    if (!out.empty() && out.back() == '\n') out.pop_back();
    running_.push_back(std::move(c));
    return out;
  }

  std::string Define(const TestCase& tc) {
    for (auto& c : running_) picker_->ReleaseCompaction(c.get());
    running_.clear();
    TreeCompactionOptions o;
    for (const auto& [k, v] : tc.args) {
      if (k == "style") {
        o.compaction_style = v == "universal" ? CompactionStyle::kUniversal : CompactionStyle::kLeveled;
      } else if (k == "l0_trigger") {
        o.level0_file_num_compaction_trigger = static_cast<uint32_t>(std::stoul(v));
      } else if (k == "level_base") {
        o.max_bytes_for_level_base = std::stoull(v);
      } else if (k == "multiplier") {
        o.max_bytes_for_level_multiplier = static_cast<uint32_t>(std::stoul(v));
      } else if (k == "dynamic") {
        o.level_compaction_dynamic_level_bytes = v == "true";
      } else if (k == "target_file_size") {
        o.target_file_size = std::stoull(v);
      } else if (k == "max_compaction_bytes") {
        o.max_compaction_bytes = std::stoull(v);
      } else if (k == "size_ratio") {
        o.universal_size_ratio = static_cast<uint32_t>(std::stoul(v));
      } else if (k == "min_merge_width") {
        o.universal_min_merge_width = static_cast<uint32_t>(std::stoul(v));
      } else if (k == "max_merge_width") {
        o.universal_max_merge_width = static_cast<uint32_t>(std::stoul(v));
      } else if (k == "max_size_amp") {
        o.universal_max_size_amplification_percent = static_cast<uint32_t>(std::stoul(v));
      } else {
        FAIL("unknown option " << k);
      }
    }
    options_ = o;
    picker_ = NewCompactionPicker(o);

    VersionBuilder b(1, nullptr);
    std::vector<uint64_t> compacting;
    int level = -1;
    for (const std::string& line : tc.input) {
      auto words = Split(line, ' ');
      if (words.empty()) continue;
      if (words[0][0] == 'L') {
        level = std::stoi(words[0].substr(1));
        continue;
      }
      REQUIRE(level >= 0);
      REQUIRE(words.size() >= 3);
      uint64_t number = std::stoull(words[0]);  // "12:" parses as 12
      auto range = Split(words[1], '-');
      REQUIRE(range.size() == 2);
      std::string sk, lk;
      SequenceNumber ss, ls;
      ParseKey(range[0], &sk, &ss);
      ParseKey(range[1], &lk, &ls);
      REQUIRE(words[2].rfind("size=", 0) == 0);
      uint64_t size = std::stoull(words[2].substr(5));
      Status s = b.AddFile(level, testing::MakeFile(number, sk, ss, lk, ls, size));
      REQUIRE(s.ok());
      if (words.size() > 3 && words[3] == "compacting") compacting.push_back(number);
    }
    auto v = b.Finish(1, nullptr);
    if (!v.ok()) return v.status().ToString();
    version_ = *v;
    for (int l = 0; l < kNumLevels; ++l) {
      for (const auto& f : version_->files(l)) {
        if (std::find(compacting.begin(), compacting.end(), f->number) != compacting.end()) {
          f->being_compacted = true;
        }
      }
    }
    return Describe();
  }

  std::string Describe() const {
    std::ostringstream out;
    if (options_.compaction_style == CompactionStyle::kUniversal) {
      out << "runs:";
      for (const auto& r : UniversalCompactionPicker::SortedRuns(*version_)) {
        out << " L" << r.level;
        if (r.level == 0) {
          char buf[16];
          std::snprintf(buf, sizeof(buf), ":%06llu", static_cast<unsigned long long>(r.files[0]->number));
          out << buf;
        }
        out << "(" << r.size << (r.being_compacted ? ",busy" : "") << ")";
      }
      return out.str();
    }
    LevelTargets t = ComputeLevelTargets(*version_, options_);
    std::map<int, double> scores;
    for (const auto& s : ComputeCompactionScores(*version_, options_, t)) scores[s.level] = s.score;
    out << "base_level=" << t.base_level;
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.2f", scores[0]);
    out << "\nL0: files=" << version_->NumFiles(0) << " score=" << buf;
    for (int l = 1; l < kNumLevels; ++l) {
      if (l < t.base_level && version_->NumFiles(l) == 0) continue;
      out << "\nL" << l << ": bytes=" << version_->NumLevelBytes(l) << " target=" << t.max_bytes[l];
      if (scores.count(l)) {
        std::snprintf(buf, sizeof(buf), "%.2f", scores[l]);
        out << " score=" << buf;
      }
    }
    return out.str();
  }

  TreeCompactionOptions options_;
  std::unique_ptr<CompactionPicker> picker_;
  std::shared_ptr<const Version> version_;
  std::vector<std::unique_ptr<Compaction>> running_;
};

void RunFixtureFile(const std::string& name) {
  const std::string path = (std::filesystem::path(STRATA_PICKER_TESTDATA_DIR) / name).string();
  std::vector<std::string> raw;
  std::vector<TestCase> cases = ParseFixture(path, &raw);
  REQUIRE_FALSE(cases.empty());
  const bool rewrite = std::getenv("STRATA_REWRITE_TESTDATA") != nullptr;
  PickerFixture fixture;
  std::vector<std::string> actual_outputs;
  for (const TestCase& tc : cases) {
    std::string actual = fixture.Run(tc);
    actual_outputs.push_back(actual);
    std::string expected;
    for (const auto& l : tc.expected) expected += (expected.empty() ? "" : "\n") + l;
    if (!rewrite) {
      INFO(name << ":" << tc.line << ": " << tc.command);
      CHECK(actual == expected);
    }
  }
  if (rewrite) {
    // Re-emit the file with the actual outputs in place of the expectations.
    std::ofstream out(path, std::ios::trunc);
    size_t i = 0, c = 0;
    while (i < raw.size()) {
      if (raw[i].empty() || raw[i][0] == '#') {
        out << raw[i++] << "\n";
        continue;
      }
      while (raw[i] != "----") out << raw[i++] << "\n";
      out << "----\n";
      ++i;
      while (i < raw.size() && !raw[i].empty()) ++i;
      out << actual_outputs[c++] << "\n";
    }
  }
}

TEST_CASE("Leveled picker fixtures", "[compaction][compaction_picker]") {
  RunFixtureFile("compaction_picker_leveled");
}

TEST_CASE("Level targets and scores fixtures", "[compaction][compaction_picker]") {
  RunFixtureFile("compaction_picker_level_targets");
}

TEST_CASE("Universal picker fixtures", "[compaction][compaction_picker]") {
  RunFixtureFile("compaction_picker_universal");
}

}  // namespace
}  // namespace strata::storage
