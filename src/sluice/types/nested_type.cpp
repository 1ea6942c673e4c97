// ARRAY, MAP and ROW: the nested half of LogicalType, their Trino spelling
// and the parser of nested type names in Trino's (array(varchar),
// map(varchar, bigint), row(x bigint, y varchar)) and Hive's (array<string>,
// map<string,int>, struct<a:int,b:string>) syntax.
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/types/logical_type.h"
#include "sluice/types/nested_type_parser.h"

namespace sluice {

namespace {

const std::vector<LogicalType> kNoChildren;
const std::vector<std::string> kNoNames;

}  // namespace

LogicalType LogicalType::MakeNested(TypeId id, std::vector<LogicalType> children, std::vector<std::string> names,
                                    LogicalType list_child) {
  // Every nested type ever built stays for the process: a handful per query
  // shape, and types are compared and copied far more often than created.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<const NestedTypeInfo>> interned;
  // The key: the children's fields (their own nested parts interned
  // already, so the pointer stands for them) and the names, length-prefixed.
  std::string key(1, static_cast<char>(id));
  for (const LogicalType& c : children) {
    const char fields[3] = {static_cast<char>(c.id_), static_cast<char>(c.width_), static_cast<char>(c.scale_)};
    key.append(fields, 3);
    key.append(reinterpret_cast<const char*>(&c.nested_), sizeof(c.nested_));
  }
  for (const std::string& n : names) key += std::to_string(n.size()) + ":" + n;
  LogicalType t(id);
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = interned[key];
  if (!slot) {
    auto info = std::make_unique<NestedTypeInfo>();
    info->children = std::move(children);
    info->names = std::move(names);
    info->list_child = list_child;
    slot = std::move(info);
  }
  t.nested_ = slot.get();
  return t;
}

LogicalType LogicalType::Array(LogicalType element) {
  LogicalType child = element;
  return MakeNested(TypeId::kArray, {std::move(element)}, {}, std::move(child));
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value) {
  LogicalType entry = Row({key, value}, {"key", "value"});
  return MakeNested(TypeId::kMap, {std::move(key), std::move(value)}, {}, std::move(entry));
}

LogicalType LogicalType::Row(std::vector<LogicalType> types, std::vector<std::string> names) {
  names.resize(types.size());
  return MakeNested(TypeId::kRow, std::move(types), std::move(names), LogicalType());
}

const std::vector<LogicalType>& LogicalType::Children() const { return nested_ ? nested_->children : kNoChildren; }
const std::vector<std::string>& LogicalType::FieldNames() const { return nested_ ? nested_->names : kNoNames; }

const LogicalType& LogicalType::ElementType() const {
  SLUICE_CHECK(id_ == TypeId::kArray && nested_, "ElementType of a non-array");
  return nested_->children[0];
}
const LogicalType& LogicalType::KeyType() const {
  SLUICE_CHECK(id_ == TypeId::kMap && nested_, "KeyType of a non-map");
  return nested_->children[0];
}
const LogicalType& LogicalType::ValueType() const {
  SLUICE_CHECK(id_ == TypeId::kMap && nested_, "ValueType of a non-map");
  return nested_->children[1];
}
LogicalType LogicalType::ListChildType() const {
  SLUICE_CHECK(IsList() && nested_, "ListChildType of a non-list");
  return nested_->list_child;
}

bool LogicalType::IsOrderable() const {
  if (id_ == TypeId::kMap) return false;
  for (const auto& c : Children()) {
    if (!c.IsOrderable()) return false;
  }
  return true;
}

std::string NestedTypeToString(const LogicalType& t) {
  std::string out;
  switch (t.id()) {
    case TypeId::kArray: return "array(" + t.ElementType().ToString() + ")";
    case TypeId::kMap: return "map(" + t.KeyType().ToString() + ", " + t.ValueType().ToString() + ")";
    case TypeId::kRow:
      out = "row(";
      for (size_t i = 0; i < t.Children().size(); ++i) {
        if (i) out += ", ";
        if (!t.FieldNames()[i].empty()) out += t.FieldNames()[i] + " ";
        out += t.Children()[i].ToString();
      }
      return out + ")";
    default: break;
  }
  return "invalid";
}

LogicalType NestedCommonSuperType(const LogicalType& a, const LogicalType& b) {
  if (a.id() != b.id() || a.Children().size() != b.Children().size()) return LogicalType();
  std::vector<LogicalType> children;
  for (size_t i = 0; i < a.Children().size(); ++i) {
    LogicalType c = CommonSuperType(a.Children()[i], b.Children()[i]);
    // An array of NULLs (array(unknown)) meets any array.
    if (a.Children()[i].id() == TypeId::kInvalid) c = b.Children()[i];
    if (b.Children()[i].id() == TypeId::kInvalid) c = a.Children()[i];
    if (c.id() == TypeId::kInvalid && a.Children()[i].id() != TypeId::kInvalid) return LogicalType();
    children.push_back(std::move(c));
  }
  switch (a.id()) {
    case TypeId::kArray: return LogicalType::Array(children[0]);
    case TypeId::kMap: return LogicalType::Map(children[0], children[1]);
    case TypeId::kRow: {
      // Field names survive only where both sides agree (Trino).
      std::vector<std::string> names(children.size());
      for (size_t i = 0; i < names.size(); ++i) {
        if (a.FieldNames()[i] == b.FieldNames()[i]) names[i] = a.FieldNames()[i];
      }
      return LogicalType::Row(std::move(children), std::move(names));
    }
    default: break;
  }
  return LogicalType();
}

// ---- Parsing nested type names ----

namespace {

class NestedTypeParser {
 public:
  NestedTypeParser(const std::string& raw, LogicalType (*parse_flat)(const std::string&))
      : raw_(raw), s_(AsciiLower(raw)), parse_flat_(parse_flat) {}

  LogicalType Parse() {
    LogicalType t = Type(0);
    SkipSpaces();
    if (pos_ != s_.size()) Malformed();
    return t;
  }

 private:
  static constexpr int kMaxDepth = 100;

  [[noreturn]] void Malformed() {
    throw SluiceError(ErrorCode::kNotSupported, "malformed type '" + raw_ + "'");
  }
  void SkipSpaces() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Accept(char c) {
    SkipSpaces();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Accept(c)) Malformed();
  }
  // An identifier, or a name in backticks or double quotes (kept as written).
  std::string Name() {
    SkipSpaces();
    if (pos_ < s_.size() && (s_[pos_] == '`' || s_[pos_] == '"')) {
      const char quote = s_[pos_];
      size_t close = s_.find(quote, pos_ + 1);
      if (close == std::string::npos || close == pos_ + 1) Malformed();
      std::string name = raw_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      return name;
    }
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    if (pos_ == start) Malformed();
    return s_.substr(start, pos_ - start);
  }
  // Whether the nested keyword `word` starts here, followed by '(' or '<'.
  bool PeekNested(const char* word, char* open) {
    SkipSpaces();
    const size_t n = std::char_traits<char>::length(word);
    if (s_.compare(pos_, n, word) != 0) return false;
    size_t i = pos_ + n;
    while (i < s_.size() && std::isspace(static_cast<unsigned char>(s_[i]))) ++i;
    if (i >= s_.size() || (s_[i] != '(' && s_[i] != '<')) return false;
    *open = s_[i];
    pos_ = i + 1;
    return true;
  }
  // The text of a flat type up to the next ',', ')' or '>' outside
  // parentheses: "decimal(10,2)", "double precision", "varchar".
  std::string FlatText() {
    SkipSpaces();
    size_t start = pos_;
    int depth = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '(') ++depth;
      if (c == ')' && depth-- == 0) break;
      if ((c == ',' || c == '>') && depth == 0) break;
      ++pos_;
    }
    std::string text = s_.substr(start, pos_ - start);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (text.empty()) Malformed();
    return text;
  }

  LogicalType Type(int depth) {
    if (depth > kMaxDepth) Malformed();
    char open = 0;
    if (PeekNested("array", &open)) {
      LogicalType element = Type(depth + 1);
      Expect(open == '(' ? ')' : '>');
      return LogicalType::Array(element);
    }
    if (PeekNested("map", &open)) {
      LogicalType key = Type(depth + 1);
      Expect(',');
      LogicalType value = Type(depth + 1);
      Expect(open == '(' ? ')' : '>');
      return LogicalType::Map(key, value);
    }
    if (PeekNested("struct", &open)) {
      if (open != '<') Malformed();
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      do {
        names.push_back(Name());
        Expect(':');
        types.push_back(Type(depth + 1));
      } while (Accept(','));
      Expect('>');
      return LogicalType::Row(std::move(types), std::move(names));
    }
    if (PeekNested("row", &open)) {
      if (open != '(') Malformed();
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      do {
        RowField(depth, types, names);
      } while (Accept(','));
      Expect(')');
      return LogicalType::Row(std::move(types), std::move(names));
    }
    return parse_flat_(FlatText());
  }

  // `name type` or an anonymous `type` (which wins when the whole text is
  // a type: "double precision").
  void RowField(int depth, std::vector<LogicalType>& types, std::vector<std::string>& names) {
    SkipSpaces();
    const size_t start = pos_;
    char open = 0;
    for (const char* word : {"array", "map", "row", "struct"}) {
      if (PeekNested(word, &open)) {
        pos_ = start;
        names.emplace_back();
        types.push_back(Type(depth + 1));
        return;
      }
    }
    if (pos_ < s_.size() && (s_[pos_] == '`' || s_[pos_] == '"')) {
      names.push_back(Name());
      types.push_back(Type(depth + 1));
      return;
    }
    const std::string text = FlatText();
    try {
      types.push_back(parse_flat_(text));
      names.emplace_back();
      return;
    } catch (const SluiceError&) {
      // Not a type on its own: a name and a type.
    }
    pos_ = start;
    names.push_back(Name());
    types.push_back(Type(depth + 1));
  }

  const std::string& raw_;
  std::string s_;
  LogicalType (*parse_flat_)(const std::string&);
  size_t pos_ = 0;
};

}  // namespace

bool StartsNestedTypeName(const std::string& name) {
  std::string lower = AsciiLower(name);
  size_t i = 0;
  while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
  for (const char* word : {"array", "map", "row", "struct"}) {
    const size_t n = std::char_traits<char>::length(word);
    if (lower.compare(i, n, word) != 0) continue;
    size_t j = i + n;
    while (j < lower.size() && std::isspace(static_cast<unsigned char>(lower[j]))) ++j;
    if (j < lower.size() && (lower[j] == '<' || lower[j] == '(')) return true;
  }
  return false;
}

LogicalType ParseNestedTypeName(const std::string& name, LogicalType (*parse_flat)(const std::string&)) {
  return NestedTypeParser(name, parse_flat).Parse();
}

}  // namespace sluice
