// JSON functions with Trino's semantics, on JSON values or VARCHAR holding
// JSON text (each takes either). Extraction follows Trino's streaming
// reader: text that is not JSON, or a path that leads nowhere, gives NULL;
// the path itself must be valid. Extracted JSON is minified with numbers
// kept as written (Trino re-prints them, 1e2 as 100.0). json_parse (and
// JSON '...' literals) make the canonical text Trino's sorted mapper
// writes: object keys sorted (a repeated key keeps its last value), numbers
// as Java prints a long or a double (1.50 → 1.5, 1e2 → 100.0).
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/json_path.h"
#include "sluice/types/json_text.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/value.h"

namespace sluice::function {
namespace {

namespace od = simdjson::ondemand;

// Per thread: kernels of one expression run on several workers at once.
// simdjson reads up to 64 bytes past a text, so each text is copied into a
// padded buffer first.
struct JsonScratch {
  od::parser parser;
  simdjson::dom::parser validator;
  std::string padded;
  std::string path;  // the last path parsed, and its pointer
  std::string pointer;
  bool root_path = false;
  bool path_parsed = false;

  std::string_view Pad(std::string_view text) {
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
    return std::string_view(padded.data(), text.size());
  }
  // Whole-document validation (the DOM parser checks every byte).
  simdjson::error_code Validate(std::string_view text, simdjson::dom::element* root) {
    const std::string_view p = Pad(text);
    return validator.parse(p.data(), p.size(), false).get(*root);
  }
  void SetPath(std::string_view text) {
    if (path_parsed && text == path) return;
    path_parsed = false;
    const std::vector<std::string> steps = ParseJsonPath(text);
    path.assign(text);
    root_path = steps.empty();
    pointer = JsonPointerFor(steps);
    path_parsed = true;
  }
  // Finds the current path in `json`; false when the text is not JSON or
  // the path leads nowhere. Not for the root path.
  bool Find(std::string_view json, od::document& doc, od::value& out) {
    const std::string_view p = Pad(json);
    if (parser.iterate(p.data(), p.size(), padded.size()).get(doc)) return false;
    return doc.at_pointer(pointer).get(out) == simdjson::SUCCESS;
  }
};

JsonScratch& Scratch() {
  thread_local JsonScratch scratch;
  return scratch;
}

// Minified JSON text into the result's heap.
StringRef Minified(std::string_view text, Vector& result) {
  char* dst = result.heap().Allocate(text.size());
  size_t n = 0;
  if (simdjson::minify(text.data(), text.size(), dst, n)) n = 0;  // validated before: cannot fail
  return StringRef(dst, static_cast<uint32_t>(n));
}

void JsonExtractScalarKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  const StringRef* paths = args[1]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    s.SetPath(paths[i].view());
    bool found = false;
    if (s.root_path) {
      simdjson::dom::element root;
      if (!s.Validate(json[i].view(), &root)) {
        std::string_view text;
        if (root.is_string() && !root.get_string().get(text)) {
          out[i] = result.heap().Add(text);
          found = true;
        } else if (root.is_number() || root.is_bool()) {
          out[i] = result.heap().Add(TrimJsonSpace(json[i].view()));
          found = true;
        }
      }
    } else {
      od::document doc;
      od::value value;
      od::json_type type;
      if (s.Find(json[i].view(), doc, value) && !value.type().get(type)) {
        std::string_view text;
        bool b = false;
        switch (type) {
          case od::json_type::string:
            if (!value.get_string().get(text)) {
              out[i] = result.heap().Add(text);
              found = true;
            }
            break;
          case od::json_type::number:
            // The number as written, as Trino's reader gives it.
            text = TrimJsonSpace(value.raw_json_token());
            if (IsJsonNumber(text)) {
              out[i] = result.heap().Add(text);
              found = true;
            }
            break;
          case od::json_type::boolean:
            if (!value.get_bool().get(b)) {
              out[i] = StringRef(b ? "true" : "false", b ? 4 : 5);
              found = true;
            }
            break;
          default:  // null, objects and arrays
            break;
        }
      }
    }
    if (!found) result.SetNull(i);
  }
}

void JsonExtractKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  const StringRef* paths = args[1]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    s.SetPath(paths[i].view());
    simdjson::dom::element ignored;
    if (s.root_path) {
      if (s.Validate(json[i].view(), &ignored)) {
        result.SetNull(i);
      } else {
        out[i] = Minified(json[i].view(), result);
      }
      continue;
    }
    od::document doc;
    od::value value;
    od::json_type type;
    std::string_view raw;
    bool found = s.Find(json[i].view(), doc, value) && !value.type().get(type);
    if (found && type == od::json_type::object) {
      od::object o;
      found = !value.get_object().get(o) && !o.raw_json().get(raw);
    } else if (found && type == od::json_type::array) {
      od::array a;
      found = !value.get_array().get(a) && !a.raw_json().get(raw);
    } else if (found) {
      raw = TrimJsonSpace(value.raw_json_token());
    }
    // On-Demand only balanced the value's brackets: validate it fully. The
    // value lies inside the padded copy, so the parser may read past it.
    if (found && !s.validator.parse(raw.data(), raw.size(), false).get(ignored)) {
      out[i] = Minified(raw, result);
    } else {
      result.SetNull(i);
    }
  }
}

// Calls f(row, array) for each non-NULL row whose text is a JSON array;
// the other rows (not JSON, or not an array) become NULL.
template <typename F>
void ForEachJsonArray(const std::vector<const Vector*>& args, size_t count, Vector& result, F&& f) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    simdjson::dom::element root;
    simdjson::dom::array array;
    if (s.Validate(json[i].view(), &root) || root.get_array().get(array)) {
      result.SetNull(i);
      continue;
    }
    f(i, array);
  }
}

void JsonArrayLengthKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  int64_t* out = result.data<int64_t>();
  ForEachJsonArray(args, count, result, [&](size_t i, simdjson::dom::array array) {
    out[i] = static_cast<int64_t>(array.size());
  });
}

void JsonSizeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  const StringRef* paths = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    s.SetPath(paths[i].view());
    bool found = false;
    size_t size = 0;
    if (s.root_path) {
      simdjson::dom::element root;
      if (!s.Validate(json[i].view(), &root)) {
        found = true;
        if (root.is_array()) size = simdjson::dom::array(root).size();
        if (root.is_object()) size = simdjson::dom::object(root).size();
      }
    } else {
      od::document doc;
      od::value value;
      od::json_type type;
      if (s.Find(json[i].view(), doc, value) && !value.type().get(type)) {
        if (type == od::json_type::object) {
          found = !value.count_fields().get(size);
        } else if (type == od::json_type::array) {
          found = !value.count_elements().get(size);
        } else {
          found = true;  // a scalar has size 0
        }
      }
    }
    if (found) {
      out[i] = static_cast<int64_t>(size);
    } else {
      result.SetNull(i);
    }
  }
}

void IsJsonScalarKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  uint8_t* out = result.data<uint8_t>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    simdjson::dom::element root;
    if (s.Validate(json[i].view(), &root)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Invalid JSON value: " + json[i].str());
    }
    out[i] = root.is_array() || root.is_object() ? 0 : 1;
  }
}

// Java's String.compareTo, which orders Trino's sorted keys: by UTF-16
// code units, which differs from the byte order of UTF-8 only where a
// character beyond U+FFFF meets one in U+E000..U+FFFF.
bool Utf16Less(std::string_view a, std::string_view b) {
  auto units = [](std::string_view s) {
    std::u16string out;
    for (size_t i = 0; i < s.size();) {
      const auto lead = static_cast<unsigned char>(s[i]);
      const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      uint32_t cp = n == 1 ? lead : lead & (0x7F >> n);
      for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      i += n;
      if (cp >= 0x10000) {
        out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
        out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        out += static_cast<char16_t>(cp);
      }
    }
    return out;
  };
  return units(a) < units(b);
}

// Appends the canonical text of `e` (see the top of this file).
void AppendCanonical(const simdjson::dom::element& e, std::string& out) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
      for (auto field : simdjson::dom::object(e)) fields.emplace_back(field.key, field.value);
      // Stable, so that of equal keys the last one written stays last.
      std::stable_sort(fields.begin(), fields.end(), [](const auto& x, const auto& y) {
        return x.first != y.first && Utf16Less(x.first, y.first);
      });
      out += '{';
      bool first = true;
      for (size_t k = 0; k < fields.size(); ++k) {
        if (k + 1 < fields.size() && fields[k + 1].first == fields[k].first) continue;  // a later value wins
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, fields[k].first);
        out += ':';
        AppendCanonical(fields[k].second, out);
      }
      out += '}';
      return;
    }
    case simdjson::dom::element_type::ARRAY: {
      out += '[';
      bool first = true;
      for (simdjson::dom::element item : simdjson::dom::array(e)) {
        if (!first) out += ',';
        first = false;
        AppendCanonical(item, out);
      }
      out += ']';
      return;
    }
    case simdjson::dom::element_type::STRING: AppendJsonString(out, e.get_string().value()); return;
    case simdjson::dom::element_type::INT64: out += std::to_string(e.get_int64().value()); return;
    case simdjson::dom::element_type::UINT64: out += std::to_string(e.get_uint64().value()); return;
    case simdjson::dom::element_type::DOUBLE: out += FormatDouble(e.get_double().value()); return;
    case simdjson::dom::element_type::BOOL: out += e.get_bool().value() ? "true" : "false"; return;
    case simdjson::dom::element_type::NULL_VALUE: out += "null"; return;
  }
}

// json_parse(varchar) → json: the text checked and made canonical.
void JsonParseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  JsonScratch& s = Scratch();
  std::string canonical;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    simdjson::dom::element root;
    if (s.Validate(json[i].view(), &root)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Cannot convert value to JSON: '" + json[i].str() + "'");
    }
    canonical.clear();
    AppendCanonical(root, canonical);
    out[i] = result.heap().Add(canonical);
  }
}

// json_format(json) → varchar: the JSON's text as it is, as in Trino.
void JsonFormatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  ReinterpretStrings(*args[0], result, count);
}

// json_array_get(json, index): the element (from 0; negative counts from
// the end) as JSON; NULL when out of range, not an array or not JSON.
void JsonArrayGetKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const int64_t* index = args[1]->data<int64_t>();
  StringRef* out = result.data<StringRef>();
  ForEachJsonArray(args, count, result, [&](size_t i, simdjson::dom::array array) {
    const auto size = static_cast<int64_t>(array.size());
    const int64_t at = index[i] < 0 ? size + index[i] : index[i];
    simdjson::dom::element item;
    if (at < 0 || at >= size || array.at(static_cast<size_t>(at)).get(item)) {
      result.SetNull(i);
    } else {
      out[i] = result.heap().Add(simdjson::minify(item));
    }
  });
}

// json_array_contains(json, value): whether a top-level element equals
// `value` as Trino's typed overloads compare (bigint: integer numbers;
// double: any number; boolean; varchar: strings). NULL when not an array.
template <typename T>
void JsonArrayContainsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  uint8_t* out = result.data<uint8_t>();
  ForEachJsonArray(args, count, result, [&](size_t i, simdjson::dom::array array) {
    bool found = false;
    for (simdjson::dom::element item : array) {
      if constexpr (std::is_same_v<T, int64_t>) {
        found = item.is_int64() && item.get_int64().value() == args[1]->data<int64_t>()[i];
      } else if constexpr (std::is_same_v<T, double>) {
        found = item.is_number() && item.get_double().value() == args[1]->data<double>()[i];
      } else if constexpr (std::is_same_v<T, bool>) {
        found = item.is_bool() && item.get_bool().value() == (args[1]->data<uint8_t>()[i] != 0);
      } else {
        found = item.is_string() && item.get_string().value() == args[1]->data<StringRef>()[i].view();
      }
      if (found) break;
    }
    out[i] = found;
  });
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  const LogicalType json = LogicalType::Json();
  // Each reads JSON text, so one kernel serves json and varchar arguments.
  for (LogicalType text : {json, v}) {
    r.AddScalar({"json_extract_scalar", {text, v}, v, JsonExtractScalarKernel});
    r.AddScalar({"json_extract", {text, v}, json, JsonExtractKernel});
    r.AddScalar({"json_array_length", {text}, b, JsonArrayLengthKernel});
    r.AddScalar({"json_array_get", {text, b}, json, JsonArrayGetKernel});
    r.AddScalar({"json_array_contains", {text, b}, LogicalType::Boolean(), JsonArrayContainsKernel<int64_t>});
    r.AddScalar({"json_array_contains", {text, LogicalType::Double()}, LogicalType::Boolean(),
                 JsonArrayContainsKernel<double>});
    r.AddScalar({"json_array_contains", {text, LogicalType::Boolean()}, LogicalType::Boolean(),
                 JsonArrayContainsKernel<bool>});
    r.AddScalar({"json_array_contains", {text, v}, LogicalType::Boolean(), JsonArrayContainsKernel<std::string_view>});
    r.AddScalar({"json_size", {text, v}, b, JsonSizeKernel});
    r.AddScalar({"is_json_scalar", {text}, LogicalType::Boolean(), IsJsonScalarKernel});
  }
  r.AddScalar({"json_parse", {v}, json, JsonParseKernel});
  r.AddScalar({"json_format", {json}, v, JsonFormatKernel});
}

}  // namespace sluice::function
