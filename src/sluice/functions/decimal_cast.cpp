// CASTs to and from DECIMAL. Every conversion goes through the unscaled
// 128-bit value; vectors of short decimals hold int64_t (types/decimal.h).
#include "sluice/functions/decimal_cast.h"

#include <cctype>
#include <string_view>

#include "sluice/common/ascii_trim.h"
#include "sluice/common/error.h"
#include "sluice/types/decimal.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/value.h"

namespace sluice::function {

std::string TypeNameForError(LogicalType type) {
  if (type.IsDecimal()) {
    return "DECIMAL(" + std::to_string(type.width()) + ", " + std::to_string(type.scale()) + ")";
  }
  std::string name = type.ToString();
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

namespace {

// Row i of an integer or boolean vector.
int64_t ReadInteger(const Vector& v, size_t i) {
  switch (v.type().id()) {
    case TypeId::kBoolean: return v.data<uint8_t>()[i];
    case TypeId::kTinyint: return v.data<int8_t>()[i];
    case TypeId::kSmallint: return v.data<int16_t>()[i];
    case TypeId::kInteger: return v.data<int32_t>()[i];
    case TypeId::kBigint: return v.data<int64_t>()[i];
    default: ThrowInternal("ReadInteger on " + v.type().ToString());
  }
}

// Stores `value` into integer row i; false when it does not fit the type.
bool StoreInteger(Vector& v, size_t i, Int128 value) {
  auto fits = [&](int64_t lo, int64_t hi) { return value >= lo && value <= hi; };
  switch (v.type().id()) {
    case TypeId::kTinyint:
      if (!fits(INT8_MIN, INT8_MAX)) return false;
      v.data<int8_t>()[i] = static_cast<int8_t>(value);
      return true;
    case TypeId::kSmallint:
      if (!fits(INT16_MIN, INT16_MAX)) return false;
      v.data<int16_t>()[i] = static_cast<int16_t>(value);
      return true;
    case TypeId::kInteger:
      if (!fits(INT32_MIN, INT32_MAX)) return false;
      v.data<int32_t>()[i] = static_cast<int32_t>(value);
      return true;
    case TypeId::kBigint:
      if (!fits(INT64_MIN, INT64_MAX)) return false;
      v.data<int64_t>()[i] = static_cast<int64_t>(value);
      return true;
    default: ThrowInternal("StoreInteger on " + v.type().ToString());
  }
}

// Converts row i; false when the value does not convert (the caller reports
// it). `message` receives the reason when the default one does not fit.
bool ToDecimal(const Vector& source, size_t i, LogicalType to, Int128* out, std::string* message) {
  const LogicalType from = source.type();
  const int p = to.width(), s = to.scale();
  switch (from.id()) {
    case TypeId::kVarchar: {
      std::string_view text = TrimBlanks(source.data<StringRef>()[i].view());
      DecimalParseResult r = ParseDecimal(text.data(), text.size(), p, s, out);
      if (r == DecimalParseResult::kOk) return true;
      *message = "Cannot cast VARCHAR '" + std::string(source.data<StringRef>()[i].view()) + "' to " +
                 TypeNameForError(to) +
                 (r == DecimalParseResult::kOverflow ? ". Value too large." : ". Value is not a number.");
      return false;
    }
    case TypeId::kDecimal: {
      const Int128 v = LoadDecimal(source.data<uint8_t>(), i, from.PhysicalSize() == 16);
      return RescaleDecimal(v, from.scale(), s, p, out);
    }
    case TypeId::kReal: {
      auto v = DecimalFromFloat(source.data<float>()[i], p, s);
      if (v) *out = *v;
      return v.has_value();
    }
    case TypeId::kDouble: {
      auto v = DecimalFromDouble(source.data<double>()[i], p, s);
      if (v) *out = *v;
      return v.has_value();
    }
    default: {
      Int128 v;
      if (!MultiplyByPowerOfTen(ReadInteger(source, i), s, &v) || !DecimalFits(v, p)) return false;
      *out = v;
      return true;
    }
  }
}

// Converts decimal row i into `result`'s row i; false when it does not fit.
bool FromDecimal(const Vector& source, size_t i, Vector& result) {
  const LogicalType from = source.type();
  const Int128 v = LoadDecimal(source.data<uint8_t>(), i, from.PhysicalSize() == 16);
  switch (result.type().id()) {
    case TypeId::kVarchar: {
      char buf[kMaxDecimalTextLength];
      result.SetString(i, std::string_view(buf, FormatDecimal(v, from.scale(), buf)));
      return true;
    }
    case TypeId::kBoolean: result.data<uint8_t>()[i] = v != 0; return true;
    case TypeId::kReal: result.data<float>()[i] = DecimalToFloat(v, from.scale()); return true;
    case TypeId::kDouble: result.data<double>()[i] = DecimalToDouble(v, from.scale()); return true;
    default:
      // Integers round half up, as Trino's casts from decimal do.
      return StoreInteger(result, i, from.scale() == 0 ? v : DivideRoundHalfUp(v, PowerOfTen(from.scale())));
  }
}

}  // namespace

void CastDecimalVector(const Vector& source, Vector& result, size_t count, bool try_cast) {
  const LogicalType from = source.type();
  const LogicalType to = result.type();
  const bool wide = to.PhysicalSize() == 16;
  std::string message;
  for (size_t i = 0; i < count; ++i) {
    if (source.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    bool ok;
    if (to.IsDecimal()) {
      Int128 v = 0;
      ok = ToDecimal(source, i, to, &v, &message);
      if (ok) StoreDecimal(result.data<uint8_t>(), i, wide, v);
    } else {
      ok = FromDecimal(source, i, result);
    }
    if (ok) continue;
    if (try_cast) {
      result.SetNull(i);
      continue;
    }
    if (message.empty()) {
      message = "Cannot cast " + TypeNameForError(from) + " '" + source.GetValue(i).ToString() + "' to " +
                TypeNameForError(to);
    }
    throw SluiceError(ErrorCode::kInvalidCast, message);
  }
}

}  // namespace sluice::function
