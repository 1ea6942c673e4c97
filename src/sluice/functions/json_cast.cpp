// CAST to and from JSON with Trino's rules (JsonOperators): a value becomes
// the JSON text of it (a varchar becomes a JSON string, not parsed JSON:
// that is json_parse); a JSON scalar becomes a value of the target type as
// the corresponding SQL value would cast (a JSON string parses as varchar
// does, a JSON number converts as bigint or double does, true is 1), JSON
// null is NULL, and arrays and objects are INVALID_CAST_ARGUMENT.
#include "sluice/functions/json_cast.h"

#include <simdjson.h>

#include <cmath>
#include <optional>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/types/decimal.h"
#include "sluice/types/json_text.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/value.h"

namespace sluice::function {

namespace {

// The JSON text of row i of a non-JSON vector (not NULL).
void AppendJsonOf(const Vector& v, size_t i, std::string& out) {
  switch (v.type().id()) {
    case TypeId::kVarchar: AppendJsonString(out, v.data<StringRef>()[i].view()); return;
    case TypeId::kBoolean: out += v.data<uint8_t>()[i] ? "true" : "false"; return;
    case TypeId::kReal:
    case TypeId::kDouble: {
      const double d = v.type().id() == TypeId::kReal ? v.data<float>()[i] : v.data<double>()[i];
      const std::string text = v.type().id() == TypeId::kReal ? FormatReal(v.data<float>()[i]) : FormatDouble(d);
      // Jackson quotes what JSON has no number for.
      if (std::isfinite(d)) out += text; else out += "\"" + text + "\"";
      return;
    }
    case TypeId::kDecimal:
      out += FormatDecimal(LoadDecimal(v.data<uint8_t>(), i, v.type().PhysicalSize() == 16), v.type().scale());
      return;
    default: out += v.GetValue(i).ToString(); return;  // integers
  }
}

[[noreturn]] void CannotCastJson(std::string_view json, LogicalType to) {
  throw SluiceError(ErrorCode::kInvalidCast, "Cannot cast '" + std::string(json) + "' to " + to.ToString());
}

// The SQL value a JSON scalar stands for: string → varchar, integer →
// bigint, other numbers → double, booleans; NULL for JSON null. nullopt
// for arrays, objects and text that is not JSON.
std::optional<Value> JsonScalarValue(simdjson::dom::parser& parser, std::string& padded, std::string_view json) {
  padded.assign(json);
  padded.resize(json.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  if (parser.parse(padded.data(), json.size(), false).get(root)) return std::nullopt;
  switch (root.type()) {
    case simdjson::dom::element_type::STRING: return Value::Varchar(std::string(root.get_string().value()));
    case simdjson::dom::element_type::INT64: return Value::Bigint(root.get_int64().value());
    case simdjson::dom::element_type::UINT64: return Value::Double(static_cast<double>(root.get_uint64().value()));
    case simdjson::dom::element_type::DOUBLE: return Value::Double(root.get_double().value());
    case simdjson::dom::element_type::BOOL: return Value::Boolean(root.get_bool().value());
    case simdjson::dom::element_type::NULL_VALUE: return Value();
    default: return std::nullopt;
  }
}

}  // namespace

void CastJsonVector(const Vector& source, Vector& result, size_t count, bool try_cast) {
  const LogicalType to = result.type();
  if (to.id() == TypeId::kJson) {
    std::string text;
    for (size_t i = 0; i < count; ++i) {
      if (source.IsNull(i)) {
        result.SetNull(i);
        continue;
      }
      text.clear();
      AppendJsonOf(source, i, text);
      result.SetString(i, text);
    }
    return;
  }
  // From JSON: each scalar as the SQL value it stands for, then the cast of
  // that value, so that every target follows its own cast's rules.
  thread_local simdjson::dom::parser parser;
  thread_local std::string padded;
  const StringRef* json = source.data<StringRef>();
  Vector one(LogicalType::Varchar(), 1), converted(to, 1);
  for (size_t i = 0; i < count; ++i) {
    if (source.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    std::optional<Value> value = JsonScalarValue(parser, padded, json[i].view());
    if (!value) {
      if (try_cast) { result.SetNull(i); continue; }
      CannotCastJson(json[i].view(), to);
    }
    if (value->is_null()) {
      result.SetNull(i);
      continue;
    }
    if (to.id() == TypeId::kVarchar && value->type().id() == TypeId::kDouble) {
      // Numbers print as Java prints the double they parse to.
      result.SetString(i, FormatDouble(value->double_value()));
      continue;
    }
    one = Vector(value->type(), 1);
    one.SetValue(0, *value);
    converted.Reset();
    CastVector(one, converted, 1, try_cast);
    if (converted.IsNull(0)) {
      result.SetNull(i);
    } else {
      result.SetValue(i, converted.GetValue(0));
    }
  }
}

}  // namespace sluice::function
