#include "sluice/formats/parquet/nested_assembly.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "sluice/common/error.h"
#include "sluice/types/date.h"
#include "sluice/types/decimal.h"
#include "sluice/types/json_text.h"

// Record assembly ("Dremel" shredding read backwards). The field's schema
// becomes a tree of nodes that each know the definition level at which they
// are present and, for lists and maps, the definition level at which they
// hold an element and the repetition level that starts their next element.
// Rendering walks that tree once per record with one cursor per leaf: a node
// looks at its first leaf's current entry to decide null / empty / present,
// and every entry is consumed exactly once, by the leaf node that prints its
// value or by the null or empty node above it. Each consumed entry is checked
// against the tree, so hostile levels throw instead of misreading.
//
// Text follows DuckDB's to_json (compact; yyjson's number layout), except
// that NaN and infinities, which DuckDB prints bare (not JSON), are written
// as the strings "NaN", "Infinity" and "-Infinity".

namespace sluice::parquet {

namespace {

constexpr int kMaxNesting = 64;  // as BuildFileSchema

// Parquet leaves a missing repetition optional, as BuildFileSchema does.
int32_t RepetitionOf(const SchemaElement& e) { return e.repetition.value_or(kOptional); }
int32_t ChildrenOf(const SchemaElement& e) { return e.num_children.value_or(0); }
bool IsList(const SchemaElement& e) {
  return e.logical.kind == LogicalTypeInfo::kList || e.converted_type == kListConverted;
}
bool IsMap(const SchemaElement& e) {
  return e.logical.kind == LogicalTypeInfo::kMap || e.converted_type == kMapConverted ||
         e.converted_type == kMapKeyValue;
}

// ---- Output text ----

// A growable byte buffer with std::string's appending spelling but no
// per-append bookkeeping beyond a capacity check; Reserve/Commit let numbers
// and strings be written in place.
class TextBuffer {
 public:
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  void Release() {
    data_.reset();
    size_ = capacity_ = 0;
  }

  // Room for n more bytes at the returned pointer; Commit(end) keeps them.
  char* Reserve(size_t n) {
    if (capacity_ - size_ < n) Grow(n);
    return data_.get() + size_;
  }
  void Commit(const char* end) { size_ = static_cast<size_t>(end - data_.get()); }

  void operator+=(char c) {
    *Reserve(1) = c;
    ++size_;
  }
  void operator+=(std::string_view s) { append(s.data(), s.size()); }
  void append(const char* s, size_t n) {
    if (n == 0) return;
    std::memcpy(Reserve(n), s, n);
    size_ += n;
  }
  void append(size_t n, char c) {
    if (n == 0) return;
    std::memset(Reserve(n), c, n);
    size_ += n;
  }

 private:
  void Grow(size_t n) {
    const size_t capacity = std::max({capacity_ * 2, size_ + n, size_t{4096}});
    std::unique_ptr<char[]> data(new char[capacity]);
    if (size_) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

// A JSON string; short ones are escaped in place.
void AppendJsonText(TextBuffer& out, std::string_view s) {
  constexpr size_t kInPlace = 4096;  // bounds the worst-case reservation (6 bytes per byte)
  if (s.size() <= kInPlace) {
    out.Commit(WriteJsonString(out.Reserve(MaxJsonStringLength(s.size())), s));
    return;
  }
  std::string escaped;
  AppendJsonString(escaped, s);
  out += escaped;
}

// ---- Number and date text ----

// The shortest digits that read back to `v` (finite, non-zero): v = ±d.ddd × 10^exp.
struct Digits {
  char d[40];
  int count = 0;
  int exp = 0;
  bool negative = false;
};

template <typename F>
Digits ShortestDigits(F v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  Digits out;
  const char* p = buf;
  const char* end = res.ptr;
  if (p < end && *p == '-') {
    out.negative = true;
    ++p;
  }
  while (p < end && *p != 'e') {
    if (*p != '.' && out.count < static_cast<int>(sizeof(out.d))) out.d[out.count++] = *p;
    ++p;
  }
  if (p < end) ++p;  // 'e'
  int sign = 1;
  if (p < end && (*p == '-' || *p == '+')) sign = *p++ == '-' ? -1 : 1;
  int e = 0;
  while (p < end) e = e * 10 + (*p++ - '0');
  out.exp = sign * e;
  return out;
}

void AppendZeros(TextBuffer& out, int n) {
  if (n > 0) out.append(static_cast<size_t>(n), '0');
}

void AppendUnsigned(TextBuffer& out, uint64_t v, int min_width = 1) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  AppendZeros(out, min_width - static_cast<int>(res.ptr - buf));
  out.append(buf, static_cast<size_t>(res.ptr - buf));
}

void AppendInteger(TextBuffer& out, int64_t v) {
  constexpr size_t kMax = 20;  // "-9223372036854775808"
  char* p = out.Reserve(kMax);
  out.Commit(std::to_chars(p, p + kMax, v).ptr);
}

// Plain notation when lo <= exp < hi ("123.0", "0.001"), else scientific with
// the exponent as yyjson ("1e21", "1.5e-7") or, for map keys, as DuckDB's
// VARCHAR cast ("1e+21", "1.5e-07").
void AppendDigits(TextBuffer& out, const Digits& g, int lo, int hi, bool cast_exponent) {
  if (g.negative) out += '-';
  if (g.exp >= lo && g.exp < hi) {
    if (g.exp >= g.count - 1) {  // an integer
      out.append(g.d, static_cast<size_t>(g.count));
      AppendZeros(out, g.exp - (g.count - 1));
      out += ".0";
    } else if (g.exp >= 0) {
      out.append(g.d, static_cast<size_t>(g.exp + 1));
      out += '.';
      out.append(g.d + g.exp + 1, static_cast<size_t>(g.count - g.exp - 1));
    } else {
      out += "0.";
      AppendZeros(out, -g.exp - 1);
      out.append(g.d, static_cast<size_t>(g.count));
    }
    return;
  }
  out += g.d[0];
  if (g.count > 1) {
    out += '.';
    out.append(g.d + 1, static_cast<size_t>(g.count - 1));
  }
  out += 'e';
  if (g.exp < 0) {
    out += '-';
  } else if (cast_exponent) {
    out += '+';
  }
  AppendUnsigned(out, static_cast<uint64_t>(g.exp < 0 ? -static_cast<int64_t>(g.exp) : g.exp),
                 cast_exponent ? 2 : 1);
}

// A DOUBLE (or a REAL widened to double, as DuckDB's to_json does) as a JSON
// number in yyjson's layout: plain for 1e-7 < |v| < 1e21, ".0" on integers.
void AppendJsonDouble(TextBuffer& out, double v) {
  if (std::isnan(v)) {
    out += "\"NaN\"";
  } else if (std::isinf(v)) {
    out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
  } else {
    AppendDigits(out, ShortestDigits(v), -6, 21, false);
  }
}

// A floating map key as DuckDB casts it to VARCHAR: plain for
// 1e-4 <= |v| < 1e16, "nan", "inf".
template <typename F>
void AppendCastFloating(TextBuffer& out, F v) {
  if (std::isnan(v)) {
    out += "nan";
  } else if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
  } else if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
  } else {
    AppendDigits(out, ShortestDigits(v), -4, 16, true);
  }
}

// DuckDB's date text: at least four year digits, "(BC)" for years <= 0, and
// its infinities.
constexpr int32_t kDateInfinity = std::numeric_limits<int32_t>::max();
constexpr int64_t kTimestampInfinity = std::numeric_limits<int64_t>::max();

void AppendCivilDate(TextBuffer& out, int32_t days, bool* bc) {
  // CivilFromDays shifts by 719468 days; keep clear of int32 overflow by
  // stepping whole 400-year cycles (146097 days) back.
  int64_t year_shift = 0;
  if (days > std::numeric_limits<int32_t>::max() - 719468 - 1) {
    days -= 146097 * 20;
    year_shift = 400 * 20;
  }
  int32_t y;
  uint32_t m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t year = y + year_shift;
  *bc = year <= 0;
  if (*bc) year = 1 - year;
  AppendUnsigned(out, static_cast<uint64_t>(year), 4);
  out += '-';
  AppendUnsigned(out, m, 2);
  out += '-';
  AppendUnsigned(out, d, 2);
}

void AppendDate(TextBuffer& out, int32_t days) {
  if (days == kDateInfinity) {
    out += "infinity";
  } else if (days == -kDateInfinity) {
    out += "-infinity";
  } else {
    bool bc;
    AppendCivilDate(out, days, &bc);
    if (bc) out += " (BC)";
  }
}

// "2024-01-31 12:00:00", the microseconds with their trailing zeros dropped.
void AppendTimestamp(TextBuffer& out, int64_t micros) {
  if (micros == kTimestampInfinity) {
    out += "infinity";
    return;
  }
  if (micros == -kTimestampInfinity) {
    out += "-infinity";
    return;
  }
  constexpr int64_t kDay = 86400000000LL;
  int64_t days = micros / kDay;
  int64_t rest = micros % kDay;
  if (rest < 0) {
    rest += kDay;
    --days;
  }
  bool bc;
  AppendCivilDate(out, static_cast<int32_t>(days), &bc);  // |days| < 2^27
  if (bc) out += " (BC)";
  const int64_t secs = rest / 1000000;
  int64_t frac = rest % 1000000;
  out += ' ';
  AppendUnsigned(out, static_cast<uint64_t>(secs / 3600), 2);
  out += ':';
  AppendUnsigned(out, static_cast<uint64_t>(secs / 60 % 60), 2);
  out += ':';
  AppendUnsigned(out, static_cast<uint64_t>(secs % 60), 2);
  if (frac != 0) {
    int width = 6;
    while (frac % 10 == 0) {
      frac /= 10;
      --width;
    }
    out += '.';
    AppendUnsigned(out, static_cast<uint64_t>(frac), width);
  }
}

// ---- The tree ----

enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };

struct Node {
  Kind kind = Kind::kStruct;
  uint32_t def = 0;         // present when an entry's def >= def
  uint32_t parent_def = 0;  // every entry read here has def >= parent_def
  uint32_t elem_def = 0;    // kList, kMap: the entry is an element when def >= elem_def
  uint32_t rep = 0;         // kList, kMap: an entry with this rep starts the next element
  uint32_t first_leaf = 0, end_leaf = 0;  // the leaves below, [first_leaf, end_leaf)
  uint32_t leaf = 0;                      // kLeaf
  std::vector<uint32_t> children;         // kStruct: fields; kList: element; kMap: key[, value]
  std::string key;                        // as a struct field: "\"name\":"
};

struct Leaf {
  LogicalType type;
  bool wide = false;  // DECIMAL stored as Int128
  uint32_t max_def = 0, max_rep = 0;
  std::string name;  // its dotted path
};

struct Tree {
  std::string file, field;
  std::vector<Node> nodes;  // nodes[0] is the field
  std::vector<Leaf> leaves;

  [[noreturn]] void Corrupt(const std::string& what) const {
    throw SluiceError(ErrorCode::kCorruptFile, file + ": column '" + field + "': " + what);
  }
};

// Builds Tree::nodes from the flattened schema, consuming its elements in
// order (`next_`) and the leaves as it meets them.
class TreeBuilder {
 public:
  TreeBuilder(const std::vector<SchemaElement>& schema, const std::vector<const LeafColumn*>& leaves,
              Tree& tree)
      : schema_(schema), leaves_(leaves), tree_(tree) {}

  void BuildField(size_t field) {
    next_ = field;
    Child(0, 0, 0);
    SLUICE_CHECK(next_leaf_ == leaves_.size(), "the field has " + std::to_string(leaves_.size()) +
                                                   " leaves, its schema " + std::to_string(next_leaf_));
  }

 private:
  const SchemaElement& Peek(size_t index) const {
    if (index >= schema_.size()) tree_.Corrupt("schema tree is truncated");
    return schema_[index];
  }

  uint32_t NewNode(Kind kind, uint32_t def, uint32_t parent_def) {
    Node n;
    n.kind = kind;
    n.def = def;
    n.parent_def = parent_def;
    n.first_leaf = static_cast<uint32_t>(next_leaf_);
    tree_.nodes.push_back(std::move(n));
    return static_cast<uint32_t>(tree_.nodes.size() - 1);
  }
  void Finish(uint32_t node) { tree_.nodes[node].end_leaf = static_cast<uint32_t>(next_leaf_); }
  void AddChild(uint32_t node, uint32_t child) { tree_.nodes[node].children.push_back(child); }

  // The element at next_ as a field of a parent present at parent_def.
  uint32_t Child(uint32_t parent_def, uint32_t parent_rep, int depth) {
    const SchemaElement& e = Peek(next_);
    switch (RepetitionOf(e)) {
      case kRequired: return Element(parent_def, parent_rep, parent_def, depth);
      case kRepeated: {
        // Not inside a LIST or MAP: a required list of required elements.
        const uint32_t list = NewNode(Kind::kList, parent_def, parent_def);
        tree_.nodes[list].elem_def = parent_def + 1;
        tree_.nodes[list].rep = parent_rep + 1;
        AddChild(list, Element(parent_def + 1, parent_rep + 1, parent_def + 1, depth));
        Finish(list);
        return list;
      }
      default: return Element(parent_def + 1, parent_rep, parent_def, depth);
    }
  }

  // The element at next_, present at `def`, read where entries have def >=
  // parent_def; its own repetition is already accounted for.
  uint32_t Element(uint32_t def, uint32_t rep, uint32_t parent_def, int depth) {
    if (depth > kMaxNesting) {
      tree_.Corrupt("schema nests deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    const size_t index = next_++;
    const SchemaElement& e = schema_[index];
    const int32_t children = ChildrenOf(e);
    if (children < 0 || static_cast<size_t>(children) > schema_.size() - next_) {
      tree_.Corrupt("schema element '" + e.name + "' has " + std::to_string(children) + " children");
    }
    if (children == 0) return LeafNode(e, def, rep, parent_def);

    // LIST: one repeated field; which level is the element follows the
    // spec's backward-compatibility rules.
    if (IsList(e) && children == 1 && RepetitionOf(Peek(next_)) == kRepeated) {
      const SchemaElement& repeated = Peek(next_);
      const int32_t inner = ChildrenOf(repeated);
      bool repeated_is_element = inner != 1;  // rules 1 and 2 (a primitive, or several fields)
      if (inner == 1) {
        repeated_is_element = RepetitionOf(Peek(next_ + 1)) == kRepeated ||  // rule 3
                              repeated.name == "array" ||                     // rule 4
                              repeated.name == e.name + "_tuple";
      }
      const uint32_t list = NewNode(Kind::kList, def, parent_def);
      tree_.nodes[list].elem_def = def + 1;
      tree_.nodes[list].rep = rep + 1;
      if (repeated_is_element) {
        AddChild(list, Element(def + 1, rep + 1, def + 1, depth + 1));
      } else {  // rule 5: the 3-level list
        ++next_;
        AddChild(list, Child(def + 1, rep + 1, depth + 2));
      }
      Finish(list);
      return list;
    }

    // MAP (or MAP_KEY_VALUE used in its place): one repeated group of a key
    // and maybe a value, known by position.
    if (IsMap(e) && children == 1 && RepetitionOf(Peek(next_)) == kRepeated &&
        (ChildrenOf(Peek(next_)) == 1 || ChildrenOf(Peek(next_)) == 2)) {
      const int32_t fields = ChildrenOf(Peek(next_));
      ++next_;
      const uint32_t map = NewNode(Kind::kMap, def, parent_def);
      tree_.nodes[map].elem_def = def + 1;
      tree_.nodes[map].rep = rep + 1;
      for (int32_t f = 0; f < fields; ++f) AddChild(map, Child(def + 1, rep + 1, depth + 2));
      Finish(map);
      return map;
    }

    // Any other group (including a LIST or MAP not shaped as one): a struct.
    const uint32_t node = NewNode(Kind::kStruct, def, parent_def);
    for (int32_t c = 0; c < children; ++c) {
      std::string key;
      AppendJsonString(key, Peek(next_).name);
      key += ':';
      const uint32_t child = Child(def, rep, depth + 1);
      tree_.nodes[child].key = std::move(key);
      AddChild(node, child);
    }
    Finish(node);
    return node;
  }

  uint32_t LeafNode(const SchemaElement& e, uint32_t def, uint32_t rep, uint32_t parent_def) {
    SLUICE_CHECK(next_leaf_ < leaves_.size(), "more leaves in the schema than given");
    const LeafColumn& column = *leaves_[next_leaf_];
    SLUICE_CHECK(!column.path.empty() && column.path.back() == e.name &&
                     column.max_def == static_cast<int>(def) && column.max_rep == static_cast<int>(rep),
                 "leaf '" + e.name + "' does not match its schema element");
    std::string name;
    for (const std::string& part : column.path) name += (name.empty() ? "" : ".") + part;
    if (column.type.id() == TypeId::kInvalid) {
      throw SluiceError(ErrorCode::kNotSupported, tree_.file + ": column '" + tree_.field + "': field " +
                                                      name + ": " + column.unsupported);
    }
    Leaf leaf;
    leaf.type = column.type;
    leaf.wide = column.type.IsDecimal() && column.type.width() > kMaxShortDecimalPrecision;
    leaf.max_def = def;
    leaf.max_rep = rep;
    leaf.name = std::move(name);
    tree_.leaves.push_back(std::move(leaf));
    const uint32_t node = NewNode(Kind::kLeaf, def, parent_def);
    tree_.nodes[node].leaf = static_cast<uint32_t>(next_leaf_++);
    Finish(node);
    return node;
  }

  const std::vector<SchemaElement>& schema_;
  const std::vector<const LeafColumn*>& leaves_;
  Tree& tree_;
  size_t next_ = 0;
  size_t next_leaf_ = 0;
};

// ---- Rendering ----

// One leaf's entries and the next one to consume.
struct Cursor {
  const uint32_t* def = nullptr;
  const uint32_t* rep = nullptr;
  size_t size = 0, pos = 0;
  const Vector* values = nullptr;
  size_t value_count = 0, value_pos = 0;
};

// A leaf value as JSON; as a map key (`key`), as the JSON string of DuckDB's
// VARCHAR cast of it.
void AppendScalar(TextBuffer& out, const Leaf& leaf, const Vector& v, size_t i, bool key) {
  const TypeId type = leaf.type.id();
  if (leaf.type.IsStringLike()) {  // bytes too, as the text they hold
    AppendJsonText(out, v.data<StringRef>()[i].view());
    return;
  }
  const bool quote = key || type == TypeId::kDate || type == TypeId::kTimestamp;
  if (quote) out += '"';
  switch (type) {
    case TypeId::kBoolean: out += v.data<uint8_t>()[i] ? "true" : "false"; break;
    case TypeId::kTinyint: AppendInteger(out, v.data<int8_t>()[i]); break;
    case TypeId::kSmallint: AppendInteger(out, v.data<int16_t>()[i]); break;
    case TypeId::kInteger: AppendInteger(out, v.data<int32_t>()[i]); break;
    case TypeId::kBigint: AppendInteger(out, v.data<int64_t>()[i]); break;
    case TypeId::kReal: {
      const float f = v.data<float>()[i];
      key ? AppendCastFloating(out, f) : AppendJsonDouble(out, f);
      break;
    }
    case TypeId::kDouble: {
      const double d = v.data<double>()[i];
      key ? AppendCastFloating(out, d) : AppendJsonDouble(out, d);
      break;
    }
    case TypeId::kDate: AppendDate(out, v.data<int32_t>()[i]); break;
    case TypeId::kTimestamp: AppendTimestamp(out, v.data<int64_t>()[i]); break;
    case TypeId::kDecimal: {
      const Int128 unscaled = LoadDecimal(v.data<uint8_t>(), i, leaf.wide);
      if (!key && leaf.type.width() <= 15) {
        // DuckDB's to_json prints decimals of up to 15 digits through double
        // (exact at that width: 12.50 → 12.5), wider ones as their text.
        AppendJsonDouble(out, DecimalToDouble(unscaled, leaf.type.scale()));
      } else {
        char buf[kMaxDecimalTextLength + 8];
        out.append(buf, FormatDecimal(unscaled, leaf.type.scale(), buf));
      }
      break;
    }
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
    case TypeId::kTimestampTz:  // Parquet leaves read as timestamps
    case TypeId::kArray:        // leaves are never nested
    case TypeId::kMap:
    case TypeId::kRow:
    case TypeId::kInvalid: out += "null"; break;
  }
  if (quote) out += '"';
}

class Renderer {
 public:
  Renderer(const Tree& tree, Cursor* cursors) : tree_(tree), c_(cursors) {}

  // Precondition: every leaf below `id` is at an entry (pos < size) that
  // starts this instance of the node.
  void Render(uint32_t id, TextBuffer& out) {
    const Node& n = tree_.nodes[id];
    Cursor& first = c_[n.first_leaf];
    const uint32_t d = first.def[first.pos];
    if (d < n.parent_def) Disagree(n.first_leaf);
    if (d < n.def) {
      Consume(n, n.parent_def, n.def);
      out += "null";
      return;
    }
    switch (n.kind) {
      case Kind::kLeaf: ConsumeValue(first, n, out, false); return;
      case Kind::kStruct: {
        out += '{';
        for (size_t i = 0; i < n.children.size(); ++i) {
          if (i) out += ',';
          out += tree_.nodes[n.children[i]].key;
          Render(n.children[i], out);
        }
        out += '}';
        return;
      }
      case Kind::kList:
      case Kind::kMap: {
        const bool list = n.kind == Kind::kList;
        if (d < n.elem_def) {
          Consume(n, n.def, n.elem_def);
          out += list ? "[]" : "{}";
          return;
        }
        out += list ? '[' : '{';
        if (list && tree_.nodes[n.children[0]].kind == Kind::kLeaf) {
          RenderLeafElements(n, tree_.nodes[n.children[0]], first, out);
          out += ']';
          return;
        }
        for (;;) {
          if (list) {
            Render(n.children[0], out);
          } else {
            RenderKey(n.children[0], out);
            out += ':';
            if (n.children.size() > 1) {
              Render(n.children[1], out);
            } else {
              out += "null";
            }
          }
          if (!NextElement(n)) break;
          out += ',';
        }
        out += list ? ']' : '}';
        return;
      }
    }
  }

  // Consumes the one entry each leaf below `n` has for a null or empty
  // instance, which must have lo <= def < hi.
  void Consume(const Node& n, uint32_t lo, uint32_t hi) {
    for (uint32_t l = n.first_leaf; l < n.end_leaf; ++l) {
      Cursor& c = c_[l];
      const uint32_t d = c.def[c.pos];
      if (d < lo || d >= hi) Disagree(l);
      ++c.pos;
    }
  }

 private:
  // The elements of list `n` whose element is leaf `e` (the common case), as
  // Render and NextElement would do them, without recursing per element.
  void RenderLeafElements(const Node& n, const Node& e, Cursor& c, TextBuffer& out) {
    for (;;) {
      const uint32_t d = c.def[c.pos];
      if (d < e.parent_def) Disagree(e.leaf);
      if (d < e.def) {
        out += "null";
        ++c.pos;
      } else {
        ConsumeValue(c, e, out, false);
      }
      if (c.pos == c.size) return;
      const uint32_t rep = c.rep[c.pos];
      if (rep < n.rep) return;
      if (rep > n.rep) BadRepetition(e.leaf);
      out += ',';
    }
  }

  // The value of a leaf's entry at max_def (levels above it were rejected up front).
  void ConsumeValue(Cursor& c, const Node& n, TextBuffer& out, bool key) {
    if (c.value_pos >= c.value_count) {
      tree_.Corrupt("leaf '" + tree_.leaves[n.leaf].name + "' has fewer values than defined entries");
    }
    AppendScalar(out, tree_.leaves[n.leaf], *c.values, c.value_pos++, key);
    ++c.pos;
  }

  void RenderKey(uint32_t id, TextBuffer& out) {
    const Node& k = tree_.nodes[id];
    Cursor& first = c_[k.first_leaf];
    const uint32_t d = first.def[first.pos];
    if (d < k.parent_def) Disagree(k.first_leaf);
    if (d < k.def) tree_.Corrupt("a map key is null");
    if (k.kind == Kind::kLeaf) {
      ConsumeValue(first, k, out, true);
      return;
    }
    TextBuffer text;  // a nested key (rare): its JSON text as the key string
    Render(id, text);
    AppendJsonText(out, text.view());
  }

  // After an element of list or map `n`: true when the leaves continue with
  // another element (all of them), false when the instance ends (all of them).
  bool NextElement(const Node& n) {
    const Cursor& first = c_[n.first_leaf];
    const bool more = first.pos < first.size && first.rep[first.pos] == n.rep;
    for (uint32_t l = n.first_leaf; l < n.end_leaf; ++l) {
      const Cursor& c = c_[l];
      const bool at_end = c.pos == c.size;
      if (more ? at_end || c.rep[c.pos] != n.rep : !at_end && c.rep[c.pos] >= n.rep) BadRepetition(l);
    }
    return more;
  }

  [[noreturn]] void BadRepetition(uint32_t leaf) {
    tree_.Corrupt("the repetition levels of leaf '" + tree_.leaves[leaf].name +
                  "' do not match the field's other leaves or its schema");
  }

  [[noreturn]] void Disagree(uint32_t leaf) {
    tree_.Corrupt("the definition levels of leaf '" + tree_.leaves[leaf].name +
                  "' do not match the field's other leaves or its schema");
  }

  const Tree& tree_;
  Cursor* c_;
};

}  // namespace

struct NestedAssembler::Impl : Tree {};

NestedAssembler::NestedAssembler(const std::vector<SchemaElement>& schema, size_t field,
                                 std::vector<const LeafColumn*> leaves, std::string file) {
  auto impl = std::make_shared<Impl>();
  impl->file = std::move(file);
  SLUICE_CHECK(field < schema.size(), "field index outside the schema");
  impl->field = schema[field].name;
  TreeBuilder(schema, leaves, *impl).BuildField(field);
  impl_ = std::move(impl);
}

void NestedAssembler::Assemble(const std::vector<LeafLevels>& levels, size_t records, Vector& out) const {
  const Tree& tree = *impl_;
  SLUICE_CHECK(levels.size() == tree.leaves.size(), "levels for " + std::to_string(levels.size()) +
                                                        " leaves, the field has " +
                                                        std::to_string(tree.leaves.size()));
  SLUICE_CHECK(out.type().id() == TypeId::kVarchar && out.capacity() >= records,
               "nested JSON needs a VARCHAR vector of " + std::to_string(records) + " rows");

  // Levels within their maxima and as many values as entries at max_def.
  std::vector<Cursor> cursors(levels.size());
  size_t entries = 0;
  for (size_t l = 0; l < levels.size(); ++l) {
    const LeafLevels& in = levels[l];
    const Leaf& leaf = tree.leaves[l];
    auto bad = [&](const std::string& what) { tree.Corrupt("leaf '" + leaf.name + "': " + what); };
    SLUICE_CHECK(in.values.type() == leaf.type, "leaf values of type " + in.values.type().ToString() +
                                                    ", expected " + leaf.type.ToString());
    if (in.def.size() != in.rep.size()) {
      bad(std::to_string(in.def.size()) + " definition levels but " + std::to_string(in.rep.size()) +
          " repetition levels");
    }
    uint32_t max_def = 0, max_rep = 0;
    size_t defined = 0;
    for (size_t i = 0; i < in.def.size(); ++i) {
      max_def = std::max(max_def, in.def[i]);
      max_rep = std::max(max_rep, in.rep[i]);
      defined += in.def[i] == leaf.max_def;
    }
    if (max_def > leaf.max_def) {
      bad("definition level " + std::to_string(max_def) + " exceeds the maximum " +
          std::to_string(leaf.max_def));
    }
    if (max_rep > leaf.max_rep) {
      bad("repetition level " + std::to_string(max_rep) + " exceeds the maximum " +
          std::to_string(leaf.max_rep));
    }
    if (in.value_count != defined || in.value_count > in.values.capacity()) {
      bad(std::to_string(in.value_count) + " values for " + std::to_string(defined) + " defined entries");
    }
    Cursor& c = cursors[l];
    c.def = in.def.data();
    c.rep = in.rep.data();
    c.size = in.def.size();
    c.values = &in.values;
    c.value_count = in.value_count;
    entries += c.size;
  }

  Renderer renderer(tree, cursors.data());
  const Node& root = tree.nodes[0];
  // The batch's text, in a buffer each thread keeps between batches.
  thread_local TextBuffer text;
  text.clear();
  text.Reserve(entries * 4 + records * 2);
  std::vector<size_t> ends(records);
  for (size_t r = 0; r < records; ++r) {
    for (size_t l = 0; l < cursors.size(); ++l) {
      const Cursor& c = cursors[l];
      if (c.pos == c.size) {
        tree.Corrupt("leaf '" + tree.leaves[l].name + "' holds " + std::to_string(r) + " records, not " +
                     std::to_string(records));
      }
      if (c.rep[c.pos] != 0) {
        tree.Corrupt("leaf '" + tree.leaves[l].name + "' starts a record with repetition level " +
                     std::to_string(c.rep[c.pos]));
      }
    }
    const Cursor& first = cursors[root.first_leaf];
    const bool null = first.def[first.pos] < root.def;
    if (null) {
      renderer.Consume(root, 0, root.def);
    } else {
      renderer.Render(0, text);
    }
    out.SetNull(r, null);
    ends[r] = null ? std::numeric_limits<size_t>::max() : text.size();
  }
  for (size_t l = 0; l < cursors.size(); ++l) {
    if (cursors[l].pos != cursors[l].size) {
      tree.Corrupt("leaf '" + tree.leaves[l].name + "' holds more than " + std::to_string(records) +
                   " records");
    }
  }

  // One copy of the batch's text into the vector's heap.
  const char* base = nullptr;
  if (text.size()) {
    char* dst = out.heap().Allocate(text.size());
    std::memcpy(dst, text.data(), text.size());
    base = dst;
  }
  constexpr size_t kKeepBytes = size_t{64} << 20;  // don't hold on to a huge batch's buffer
  if (text.capacity() > kKeepBytes) text.Release();
  StringRef* refs = out.data<StringRef>();
  size_t start = 0;
  for (size_t r = 0; r < records; ++r) {
    if (ends[r] == std::numeric_limits<size_t>::max()) {
      refs[r] = StringRef();
      continue;
    }
    const size_t length = ends[r] - start;
    if (length > std::numeric_limits<uint32_t>::max()) {
      throw SluiceError(ErrorCode::kNotSupported,
                        tree.file + ": column '" + tree.field + "': a value exceeds 4 GiB of JSON text");
    }
    refs[r] = StringRef(base + start, static_cast<uint32_t>(length));
    start = ends[r];
  }
}

}  // namespace sluice::parquet
