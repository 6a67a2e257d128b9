// jsonb normalisation, output, ordering and containment (see jsonb.h).
#include "sql/json/jsonb.h"

#include <algorithm>
#include <string>

#include "sql/json/json_parser.h"
#include "sql/types/numeric.h"

namespace strata::sql::json {

namespace {

using Kind = JsonValue::Kind;

// lengthCompareJsonbStringValue(): shorter keys first, then bytewise.
bool KeyLess(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void WriteValue(std::string* out, const JsonValue& v, bool pretty, int level) {
  auto newline_indent = [&](int l) {
    out->push_back('\n');
    out->append(static_cast<size_t>(l) * 4, ' ');
  };
  switch (v.kind) {
    case Kind::kNull:
      out->append("null");
      return;
    case Kind::kBool:
      out->append(v.bool_value ? "true" : "false");
      return;
    case Kind::kNumber:
      out->append(v.text);
      return;
    case Kind::kString:
      AppendJsonString(out, v.text);
      return;
    case Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < v.elements.size(); ++i) {
        if (i > 0) out->append(pretty ? "," : ", ");
        if (pretty) newline_indent(level + 1);
        WriteValue(out, v.elements[i], pretty, level + 1);
      }
      if (pretty) newline_indent(level);
      out->push_back(']');
      return;
    case Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out->append(pretty ? "," : ", ");
        if (pretty) newline_indent(level + 1);
        AppendJsonString(out, v.members[i].first);
        out->append(": ");
        WriteValue(out, v.members[i].second, pretty, level + 1);
      }
      if (pretty) newline_indent(level);
      out->push_back('}');
      return;
  }
}

int CompareScalars(const JsonValue& a, const JsonValue& b) {
  switch (a.kind) {
    case Kind::kNull:
      return 0;
    case Kind::kString: {
      const int c = a.text.compare(b.text);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kNumber:
      return Numeric::Parse(a.text).Compare(Numeric::Parse(b.text));
    case Kind::kBool:
      return static_cast<int>(a.bool_value) - static_cast<int>(b.bool_value);
    default:
      return 0;
  }
}

// compareJsonbContainers() below the top level: containers first by element
// or pair count, then element by element (object pairs key first).
int CompareNested(const JsonValue& a, const JsonValue& b, bool a_raw, bool b_raw) {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.kind == Kind::kArray) {
    int res = 0;
    if (a_raw != b_raw) res = a_raw ? -1 : 1;
    if (a.elements.size() != b.elements.size()) {
      res = a.elements.size() > b.elements.size() ? 1 : -1;
    }
    if (res != 0) return res;
    for (size_t i = 0; i < a.elements.size(); ++i) {
      const int c = CompareNested(a.elements[i], b.elements[i], false, false);
      if (c != 0) return c;
    }
    return 0;
  }
  if (a.kind == Kind::kObject) {
    if (a.members.size() != b.members.size()) {
      return a.members.size() > b.members.size() ? 1 : -1;
    }
    for (size_t i = 0; i < a.members.size(); ++i) {
      const int k = a.members[i].first.compare(b.members[i].first);
      if (k != 0) return k < 0 ? -1 : 1;
      const int c = CompareNested(a.members[i].second, b.members[i].second, false, false);
      if (c != 0) return c;
    }
    return 0;
  }
  return CompareScalars(a, b);
}

bool IsScalar(const JsonValue& v) { return v.kind != Kind::kArray && v.kind != Kind::kObject; }

bool ScalarEqual(const JsonValue& a, const JsonValue& b) {
  return a.kind == b.kind && CompareScalars(a, b) == 0;
}

const JsonValue* FindMember(const JsonValue& object, const std::string& key) {
  for (const auto& [k, v] : object.members) {
    if (k == key) return &v;
  }
  return nullptr;
}

// JsonbDeepContains(): every pair of b is in a (recursively); every element
// of b is in a (as a scalar equal to one of a's scalars, or a container
// contained in one of a's containers of that kind).
bool DeepContains(const JsonValue& a, const JsonValue& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Kind::kObject) {
    if (b.members.size() > a.members.size()) return false;
    for (const auto& [key, bv] : b.members) {
      const JsonValue* av = FindMember(a, key);
      if (av == nullptr) return false;
      if (IsScalar(bv)) {
        if (!ScalarEqual(*av, bv)) return false;
      } else if (!DeepContains(*av, bv)) {
        return false;
      }
    }
    return true;
  }
  if (a.kind == Kind::kArray) {
    for (const JsonValue& be : b.elements) {
      bool found = false;
      for (const JsonValue& ae : a.elements) {
        if (IsScalar(be) ? ScalarEqual(ae, be) : DeepContains(ae, be)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  return ScalarEqual(a, b);
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (const char ch : s) {
    switch (ch) {
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      default:
        if (static_cast<unsigned char>(ch) < ' ') {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned char>(ch));
          out->append(buf);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void NormalizeJsonb(JsonValue* v) {
  switch (v->kind) {
    case Kind::kNumber:
      v->text = Numeric::Parse(v->text).ToString();
      return;
    case Kind::kArray:
      for (JsonValue& e : v->elements) NormalizeJsonb(&e);
      return;
    case Kind::kObject: {
      for (auto& m : v->members) NormalizeJsonb(&m.second);
      // Stable sort keeps duplicates in input order; keep the last of each.
      std::stable_sort(v->members.begin(), v->members.end(),
                       [](const auto& a, const auto& b) { return KeyLess(a.first, b.first); });
      std::vector<std::pair<std::string, JsonValue>> unique;
      for (auto& m : v->members) {
        if (!unique.empty() && unique.back().first == m.first) {
          unique.back() = std::move(m);
        } else {
          unique.push_back(std::move(m));
        }
      }
      v->members = std::move(unique);
      return;
    }
    default:
      return;
  }
}

std::string JsonbFromText(std::string_view text) {
  JsonValue v = ParseJson(text, /*de_escape=*/true);
  NormalizeJsonb(&v);
  return WriteJsonb(v);
}

std::string WriteJsonb(const JsonValue& v) {
  std::string out;
  WriteValue(&out, v, false, 0);
  return out;
}

std::string WriteJsonbPretty(const JsonValue& v) {
  std::string out;
  WriteValue(&out, v, true, 0);
  return out;
}

JsonValue ParseJsonb(std::string_view canonical) { return ParseJson(canonical, true); }

int CompareJsonb(const JsonValue& a, const JsonValue& b) {
  // Top-level scalars are raw-scalar one-element arrays in PostgreSQL.
  if (IsScalar(a) || IsScalar(b)) {
    JsonValue wa, wb;
    const JsonValue* pa = &a;
    const JsonValue* pb = &b;
    if (IsScalar(a)) {
      wa.kind = Kind::kArray;
      wa.elements.push_back(a);
      pa = &wa;
    }
    if (IsScalar(b)) {
      wb.kind = Kind::kArray;
      wb.elements.push_back(b);
      pb = &wb;
    }
    return CompareNested(*pa, *pb, IsScalar(a), IsScalar(b));
  }
  return CompareNested(a, b, false, false);
}

bool JsonbContains(const JsonValue& a, const JsonValue& b) {
  // A top-level scalar is a raw-scalar array: it contains only itself, and
  // an array contains a top-level scalar it has as an element.
  if (IsScalar(a) && IsScalar(b)) return ScalarEqual(a, b);
  if (IsScalar(a)) return false;
  if (IsScalar(b)) {
    if (a.kind != Kind::kArray) return false;
    for (const JsonValue& e : a.elements) {
      if (ScalarEqual(e, b)) return true;
    }
    return false;
  }
  return DeepContains(a, b);
}

}  // namespace strata::sql::json
