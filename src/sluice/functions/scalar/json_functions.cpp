// JSON functions with Trino's semantics, on VARCHAR holding JSON text (the
// engine has no JSON type: json_extract, json_parse and json_format return
// VARCHAR). Extraction follows Trino's streaming reader: text that is not
// JSON, or a path that leads nowhere, gives NULL; the path itself must be
// valid. Extracted JSON is minified with numbers kept as written (Trino
// re-prints them, 1e2 as 100.0), and json_parse keeps object keys in their
// order (Trino sorts them).
#include <simdjson.h>

#include <cstdint>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/json_path.h"
#include "sluice/types/json_text.h"
#include "sluice/types/string_ref.h"

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

void JsonArrayLengthKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    simdjson::dom::element root;
    simdjson::dom::array array;
    if (s.Validate(json[i].view(), &root) || root.get_array().get(array)) {
      result.SetNull(i);
    } else {
      out[i] = static_cast<int64_t>(array.size());
    }
  }
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

// json_parse and json_format: the text, checked and minified.
void JsonParseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* json = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  JsonScratch& s = Scratch();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    simdjson::dom::element root;
    if (s.Validate(json[i].view(), &root)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Cannot convert value to JSON: '" + json[i].str() + "'");
    }
    out[i] = Minified(json[i].view(), result);
  }
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  r.AddScalar({"json_extract_scalar", {v, v}, v, JsonExtractScalarKernel});
  r.AddScalar({"json_extract", {v, v}, v, JsonExtractKernel});
  r.AddScalar({"json_array_length", {v}, b, JsonArrayLengthKernel});
  r.AddScalar({"json_size", {v, v}, b, JsonSizeKernel});
  r.AddScalar({"is_json_scalar", {v}, LogicalType::Boolean(), IsJsonScalarKernel});
  r.AddScalar({"json_parse", {v}, v, JsonParseKernel});
  r.AddScalar({"json_format", {v}, v, JsonParseKernel});
}

}  // namespace sluice::function
