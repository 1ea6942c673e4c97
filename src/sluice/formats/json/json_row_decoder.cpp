#include "sluice/formats/json/json_row_decoder.h"

#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/csv_value_parser.h"
#include "sluice/types/date.h"
#include "sluice/types/decimal.h"
#include "sluice/types/json_text.h"
#include "sluice/types/timestamp_tz_text.h"

namespace sluice::json {

namespace od = simdjson::ondemand;

namespace {

enum class Outcome { kValue, kNull, kBad, kMalformed };

// Strings that hold numbers or dates are read as Trino casts varchar:
// surrounding spaces are ignored.
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return TrimTrailingJsonSpace(s);
}

template <typename T>
bool IntegerFromDouble(double d, T* out) {
  // 2^63 is exact as a double; the maximum of int64 is not.
  constexpr double kLimit = static_cast<double>(uint64_t{1} << 63);
  if (!std::isfinite(d) || std::trunc(d) != d || d >= kLimit || d < -kLimit) return false;
  const int64_t v = static_cast<int64_t>(d);
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return false;
  *out = static_cast<T>(v);
  return true;
}

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  if constexpr (sizeof(T) == 1) return csv::ParseInt8(s.data(), s.size(), out);
  if constexpr (sizeof(T) == 2) return csv::ParseInt16(s.data(), s.size(), out);
  if constexpr (sizeof(T) == 4) return csv::ParseInt32(s.data(), s.size(), out);
  if constexpr (sizeof(T) == 8) return csv::ParseInt64(s.data(), s.size(), out);
}

// An integer column accepts integers in range and numbers with an integral
// value (1.0, 1e3); anything else is a bad value.
template <typename T>
bool ParseIntegral(std::string_view s, T* out) {
  if (ParseInteger(s, out)) return true;
  double d;
  return csv::ParseDouble(s.data(), s.size(), &d) && IntegerFromDouble(d, out);
}

// Text (a JSON number's token, or a JSON string's content) → the column's
// type. False when it does not convert.
bool ParseText(TypeId type, std::string_view s, Vector& v, size_t row) {
  switch (type) {
    case TypeId::kBoolean: return csv::ParseBoolean(s.data(), s.size(), v.data<uint8_t>() + row);
    case TypeId::kTinyint: return ParseIntegral(s, v.data<int8_t>() + row);
    case TypeId::kSmallint: return ParseIntegral(s, v.data<int16_t>() + row);
    case TypeId::kInteger: return ParseIntegral(s, v.data<int32_t>() + row);
    case TypeId::kBigint: return ParseIntegral(s, v.data<int64_t>() + row);
    case TypeId::kReal: return csv::ParseFloat(s.data(), s.size(), v.data<float>() + row);
    case TypeId::kDouble: return csv::ParseDouble(s.data(), s.size(), v.data<double>() + row);
    case TypeId::kDate: {
      const auto d = ParseDate(s);
      if (d) v.data<int32_t>()[row] = *d;
      return d.has_value();
    }
    case TypeId::kTimestamp: {
      const auto t = ParseTimestamp(s, v.type().precision());
      if (t) v.data<int64_t>()[row] = *t;
      return t.has_value();
    }
    case TypeId::kTimestampTz: {  // without a zone the session's (UTC)
      const auto t = ParseTimestampTz(s, v.type().precision(), kSessionZoneKey);
      if (t) v.data<int64_t>()[row] = *t;
      return t.has_value();
    }
    case TypeId::kDecimal: {
      // Straight from the text, so 0.1 stays exactly 0.1.
      Int128 value;
      if (ParseDecimal(s.data(), s.size(), v.type().width(), v.type().scale(), &value) != DecimalParseResult::kOk) {
        return false;
      }
      StoreDecimal(v.data<uint8_t>(), row, v.type().PhysicalSize() == 16, value);
      return true;
    }
    default: break;  // VARCHAR is not parsed; other types are refused up front
  }
  return false;
}

std::string MalformedWhat(simdjson::error_code e) {
  return std::string("is not valid JSON (") + simdjson::error_message(e) + ")";
}

}  // namespace

struct JsonRowDecoder::Impl {
  Impl(const JsonOptions& o, std::vector<LogicalType> t, std::vector<std::string> k)
      : options(o), types(std::move(t)), assigned(types.size(), 0) {
    for (size_t c = 0; c < k.size(); ++c) {
      std::string key = options.case_insensitive ? AsciiLower(k[c]) : k[c];
      auto [it, inserted] = column_by_key.emplace(key, c);
      if (!inserted) {
        throw SluiceError(ErrorCode::kNotSupported,
                          "two columns read the same JSON key '" + key + "' (check the mapping.* properties)");
      }
    }
  }

  // The output column reading `key`, or -1. Rows of a file usually list
  // their keys in the same order, so the key seen at the same position in
  // the previous row is tried before the hash table.
  int Lookup(std::string_view key, size_t position) {
    if (options.case_insensitive) {
      folded.assign(key);
      for (char& ch : folded) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      }
      key = folded;
    }
    if (position < hint_keys.size() && hint_keys[position] == key) return hint_columns[position];
    auto it = column_by_key.find(std::string(key));
    const int column = it == column_by_key.end() ? -1 : static_cast<int>(it->second);
    if (position >= hint_keys.size()) {
      // Bounded, in case rows carry ever new keys.
      if (position < 1024) {
        hint_keys.resize(position + 1);
        hint_columns.resize(position + 1, -1);
      } else {
        return column;
      }
    }
    hint_keys[position].assign(key);
    hint_columns[position] = column;
    return column;
  }

  Outcome FromBool(bool b, Vector& v, size_t row) {
    switch (v.type().id()) {
      case TypeId::kBoolean: v.data<uint8_t>()[row] = b ? 1 : 0; return Outcome::kValue;
      case TypeId::kVarchar: v.data<StringRef>()[row] = StringRef(b ? "true" : "false", b ? 4 : 5); return Outcome::kValue;
      default: bad_text = b ? "true" : "false"; return Outcome::kBad;
    }
  }

  Outcome FromNumber(od::value& value, Vector& v, size_t row) {
    const std::string_view raw = TrimTrailingJsonSpace(value.raw_json_token());
    if (!IsJsonNumber(raw)) {
      what = "is not valid JSON (bad number '" + std::string(raw.substr(0, 40)) + "')";
      return Outcome::kMalformed;
    }
    const TypeId type = v.type().id();
    if (type == TypeId::kVarchar) {
      // The number as written, not as re-formatted from a double.
      v.data<StringRef>()[row] = StringRef(raw);
      return Outcome::kValue;
    }
    if (type == TypeId::kDate || type == TypeId::kTimestamp || type == TypeId::kTimestampTz ||
        !ParseText(type, raw, v, row)) {
      bad_text = raw;
      return Outcome::kBad;
    }
    return Outcome::kValue;
  }

  Outcome FromString(od::value& value, Vector& v, size_t row) {
    const std::string_view raw = TrimTrailingJsonSpace(value.raw_json_token());
    std::string_view text;
    const bool in_place = raw.size() >= 2 && raw.back() == '"' &&
                          std::memchr(raw.data() + 1, '\\', raw.size() - 2) == nullptr;
    if (in_place) {
      text = raw.substr(1, raw.size() - 2);
    } else if (auto e = value.get_string().get(text)) {
      what = MalformedWhat(e);
      return Outcome::kMalformed;
    }
    const TypeId type = v.type().id();
    if (type == TypeId::kVarchar) {
      // Unescaped text lives in the parser's buffer, which the next line reuses.
      if (in_place) {
        v.data<StringRef>()[row] = StringRef(text);
      } else {
        v.SetString(row, text);
      }
      return Outcome::kValue;
    }
    const std::string_view trimmed = TrimSpaces(text);
    if (trimmed.empty()) return Outcome::kNull;  // as an empty CSV field
    if (!ParseText(type, trimmed, v, row)) {
      bad_text = text;
      return Outcome::kBad;
    }
    return Outcome::kValue;
  }

  Outcome FromNested(od::value& value, od::json_type type, Vector& v, size_t row) {
    std::string_view raw;
    simdjson::error_code e;
    if (type == od::json_type::object) {
      od::object o;
      e = value.get_object().get(o);
      if (!e) e = o.raw_json().get(raw);
    } else {
      od::array a;
      e = value.get_array().get(a);
      if (!e) e = a.raw_json().get(raw);
    }
    if (e) {
      what = MalformedWhat(e);
      return Outcome::kMalformed;
    }
    if (v.type().id() != TypeId::kVarchar) {
      bad_text = raw;
      return Outcome::kBad;
    }
    // On-Demand only balanced the brackets of the value: validate it fully,
    // in place (the line's padding covers the parser's over-read).
    simdjson::dom::element ignored;
    if (auto invalid = validator.parse(raw.data(), raw.size(), false).get(ignored)) {
      what = MalformedWhat(invalid);
      return Outcome::kMalformed;
    }
    char* dst = v.heap().Allocate(raw.size());
    size_t n = 0;
    if (auto bad = simdjson::minify(raw.data(), raw.size(), dst, n)) {
      what = MalformedWhat(bad);
      return Outcome::kMalformed;
    }
    v.data<StringRef>()[row] = StringRef(dst, static_cast<uint32_t>(n));
    return Outcome::kValue;
  }

  Outcome Convert(od::value& value, Vector& v, size_t row) {
    od::json_type type;
    if (auto e = value.type().get(type)) {
      what = MalformedWhat(e);
      return Outcome::kMalformed;
    }
    switch (type) {
      case od::json_type::null: {
        bool is_null = false;
        if (value.is_null().get(is_null) || !is_null) break;
        return Outcome::kNull;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (value.get_bool().get(b)) break;
        return FromBool(b, v, row);
      }
      case od::json_type::number: return FromNumber(value, v, row);
      case od::json_type::string: return FromString(value, v, row);
      case od::json_type::object:
      case od::json_type::array: return FromNested(value, type, v, row);
    }
    what = "is not valid JSON (bad literal '" +
           std::string(TrimTrailingJsonSpace(value.raw_json_token()).substr(0, 40)) + "')";
    return Outcome::kMalformed;
  }

  JsonOptions options;
  std::vector<LogicalType> types;
  std::unordered_map<std::string, size_t> column_by_key;
  std::vector<std::string> hint_keys;
  std::vector<int> hint_columns;
  std::vector<uint8_t> assigned;
  od::parser parser;
  simdjson::dom::parser validator;
  std::string folded;
  std::string what;      // of the last kMalformed
  std::string bad_text;  // of the last kBad
};

JsonRowDecoder::JsonRowDecoder(const JsonOptions& options, std::vector<LogicalType> types,
                               std::vector<std::string> keys)
    : impl_(std::make_unique<Impl>(options, std::move(types), std::move(keys))) {
  for (const LogicalType& t : impl_->types) {
    switch (t.id()) {
      case TypeId::kBoolean:
      case TypeId::kTinyint:
      case TypeId::kSmallint:
      case TypeId::kInteger:
      case TypeId::kBigint:
      case TypeId::kReal:
      case TypeId::kDouble:
      case TypeId::kVarchar:
      case TypeId::kDate:
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz:
      case TypeId::kDecimal:
        continue;
      default:
        throw SluiceError(ErrorCode::kNotSupported, "JSON files cannot hold values of type " + t.ToString() + " yet");
    }
  }
}

JsonRowDecoder::~JsonRowDecoder() = default;

bool JsonRowDecoder::Decode(const char* line, size_t size, DataChunk& out, size_t row,
                            DecodeProblem* problem) {
  Impl& m = *impl_;
  auto malformed = [&](std::string what) {
    problem->kind = DecodeProblem::Kind::kMalformed;
    problem->what = std::move(what);
    return false;
  };
  std::fill(m.assigned.begin(), m.assigned.end(), 0);
  od::document doc;
  if (auto e = m.parser.iterate(line, size, size + simdjson::SIMDJSON_PADDING).get(doc)) {
    return malformed(MalformedWhat(e));
  }
  od::json_type root_type;
  if (auto e = doc.type().get(root_type)) return malformed(MalformedWhat(e));
  if (root_type != od::json_type::object) return malformed("is not a JSON object");
  od::object object;
  if (auto e = doc.get_object().get(object)) return malformed(MalformedWhat(e));
  size_t position = 0;
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return malformed(MalformedWhat(e));
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return malformed(MalformedWhat(e));
    const int column = m.Lookup(key, position++);
    if (column < 0) continue;  // On-Demand skips the value
    Vector& v = out.column(static_cast<size_t>(column));
    od::value value = field.value();
    switch (m.Convert(value, v, row)) {
      case Outcome::kValue:
        v.validity().SetValid(row);
        break;
      case Outcome::kNull:
        v.SetNull(row);
        break;
      case Outcome::kBad:
        v.SetNull(row);
        if (m.options.error_on_bad_value) {
          problem->kind = DecodeProblem::Kind::kBadValue;
          problem->column = static_cast<size_t>(column);
          problem->value = m.bad_text;
          return false;
        }
        break;
      case Outcome::kMalformed:
        return malformed(m.what);
    }
    // A repeated key: the last one wins, as in a JSON object read into a map.
    m.assigned[static_cast<size_t>(column)] = 1;
  }
  // Anything after the object's closing brace.
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) {
    return malformed("has text after the JSON object");
  }
  for (size_t c = 0; c < m.assigned.size(); ++c) {
    if (!m.assigned[c]) out.column(c).SetNull(row);
  }
  return true;
}

}  // namespace sluice::json
