#include "sluice/formats/csv/csv_value_parser.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <type_traits>

#include "sluice/common/ascii_trim.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/padded_string_ref.h"
#include "sluice/types/date.h"
#include "sluice/types/decimal.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/timestamp_tz_text.h"

namespace sluice::csv {

namespace {

// Digits of a decimal integer, with its sign. Up to 19 digits fit in a
// uint64_t without overflow; more are accepted only as leading zeros.
template <typename T>
inline bool ParseInteger(const char* s, size_t n, T* out) {
  if (n == 0) return false;
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative || s[0] == '+') {
    if (n == 1) return false;
    i = 1;
  }
  if (n - i > 19) {
    while (i + 1 < n && s[i] == '0') ++i;
    if (n - i > 19) return false;
  }
  uint64_t v = 0;
  for (; i < n; ++i) {
    const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (digit > 9) return false;
    v = v * 10 + digit;
  }
  const uint64_t max = static_cast<uint64_t>(std::numeric_limits<T>::max());
  if (v > max + (negative ? 1 : 0)) return false;
  // Two's complement wrap-around gives the minimum for v == max + 1.
  *out = static_cast<T>(negative ? 0 - v : v);
  return true;
}

// SWAR digits: eight ASCII bytes in one uint64_t (first byte lowest).

// How many of the eight bytes, from the first, are ASCII digits. A byte
// above '9' overflows into bit 7 when 0x46 is added, one below '0' borrows
// into it when 0x30 is subtracted; carries and borrows only travel towards
// later bytes, past the first non-digit, so they do not matter.
inline size_t LeadingDigits(uint64_t v) {
  const uint64_t non_digits =
      ((v + 0x4646464646464646) | (v - 0x3030303030303030)) & 0x8080808080808080;
  return static_cast<size_t>(std::countr_zero(non_digits)) / 8;  // 8 when none
}

// The value of the first k (1..8) digits of v. Shifting left drops the bytes
// after them and leaves zeros (leading zero digits) in front; then pairs,
// quads and octets of digits are combined with one multiply each.
inline uint64_t DigitsValue(uint64_t v, size_t k) {
  uint64_t x = (v - 0x3030303030303030) << (8 * (8 - k));
  x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FF;
  x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFF;
  return (x * 10000 + (x >> 32)) & 0xFFFFFFFF;
}

inline uint64_t Load8(const char* s) {
  uint64_t v;
  std::memcpy(&v, s, 8);
  return v;
}

template <typename T>
inline bool ParseIntegerPadded(const char* s, size_t n, T* out) {
  const bool negative = n != 0 && s[0] == '-';
  const size_t sign = n != 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const size_t digits = n - sign;
  // Up to 8 digits fit every type but TINYINT and SMALLINT unchecked.
  if (digits == 0 || digits > 8 || LeadingDigits(Load8(s + sign)) < digits) return ParseInteger(s, n, out);
  const uint64_t v = DigitsValue(Load8(s + sign), digits);
  if (v > static_cast<uint64_t>(std::numeric_limits<T>::max()) + (negative ? 1 : 0)) return false;
  *out = static_cast<T>(negative ? 0 - v : v);
  return true;
}

// Clinger's fast path for plain decimals ("-123.4567"): with at most 19
// digits, a mantissa below 2^53 and at most 22 decimals, mantissa and power
// of ten are exact doubles and one IEEE division rounds correctly. Most CSV
// numbers qualify; the rest (exponents, long digit strings, NaN) go to
// fast_float. About twice as fast as fast_float for such values.
inline bool ParseDecimalFast(const char* s, size_t n, double* out) {
  static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char* p = s;
  const char* end = s + n;
  const bool negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) ++p;
  uint64_t mantissa = 0;
  const char* digits = p;
  while (p < end && static_cast<unsigned>(*p - '0') <= 9) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  size_t count = static_cast<size_t>(p - digits);
  size_t decimals = 0;
  if (p < end && *p == '.') {
    const char* fraction = ++p;
    while (p < end && static_cast<unsigned>(*p - '0') <= 9) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    decimals = static_cast<size_t>(p - fraction);
    count += decimals;
  }
  if (p != end || count == 0 || count > 19 || mantissa > (uint64_t{1} << 53)) return false;
  const double value = static_cast<double>(mantissa) / kPowersOfTen[decimals];
  *out = negative ? -value : value;
  return true;
}

// Anything but a short plain decimal: kept out of line so that the fast
// path inlines into the column loop.
[[gnu::noinline]] bool ParseDoubleOutOfLine(const char* s, size_t n, double* out) {
  if (ParseDecimalFast(s, n, out)) return true;
  const char* end = s + n;
  if (n > 1 && s[0] == '+' && s[1] != '-') ++s;
  const auto r = fast_float::from_chars(s, end, *out);
  return r.ec == std::errc() && r.ptr == end && n != 0;
}

// Plain decimals of up to 7 + 7 digits, with SWAR digits: the integer and
// fraction parts are independent multiply chains, and the mantissa stays
// below 10^14 < 2^53, so Clinger's one division applies. Anything else takes
// the byte loop and then fast_float.
inline bool ParseDecimalPadded(const char* s, size_t n, double* out) {
  static constexpr uint64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
  static constexpr double kDivisor[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
  const char* p = s;
  const char* end = s + n;
  const bool negative = n != 0 && *p == '-';
  if (n != 0 && (*p == '-' || *p == '+')) ++p;
  // Clamped to the field: the bytes after it may be digits (padding of a
  // decoded copy).
  const size_t int_digits = std::min(LeadingDigits(Load8(p)), static_cast<size_t>(end - p));
  if (int_digits == 8) return ParseDoubleOutOfLine(s, n, out);
  uint64_t mantissa = int_digits != 0 ? DigitsValue(Load8(p), int_digits) : 0;
  p += int_digits;
  size_t decimals = 0;
  if (p < end && *p == '.') {
    ++p;
    decimals = std::min(LeadingDigits(Load8(p)), static_cast<size_t>(end - p));
    if (decimals == 8) return ParseDoubleOutOfLine(s, n, out);
    if (decimals != 0) mantissa = mantissa * kScale[decimals] + DigitsValue(Load8(p), decimals);
    p += decimals;
  }
  if (p != end || int_digits + decimals == 0) return ParseDoubleOutOfLine(s, n, out);
  const double value = static_cast<double>(mantissa) / kDivisor[decimals];
  *out = negative ? -value : value;
  return true;
}

// Short decimals as CSV files write them ("-1234.5", up to 7 + 7 digits, no
// more fraction digits than the scale) with SWAR digits, into the unscaled
// int64_t. Anything else (rounding, exponents, leading zeros past the
// precision, garbage) takes ParseDecimal, which gives the same answer for
// these. Needs 8 readable bytes after the text, as the padded parsers above.
inline bool ParseShortDecimalPadded(const char* s, size_t n, int precision, int scale, int64_t* out) {
  static constexpr int64_t kScale[] = {1,          10,          100,          1000,          10000,
                                       100000,     1000000,     10000000,     100000000,     1000000000,
                                       10000000000, 100000000000, 1000000000000, 10000000000000,
                                       100000000000000, 1000000000000000, 10000000000000000,
                                       100000000000000000, 1000000000000000000};
  const char* p = s;
  const char* end = s + n;
  const bool negative = n != 0 && *p == '-';
  if (n != 0 && (*p == '-' || *p == '+')) ++p;
  const size_t int_digits = std::min(LeadingDigits(Load8(p)), static_cast<size_t>(end - p));
  uint64_t v = int_digits != 0 && int_digits < 8 ? DigitsValue(Load8(p), int_digits) : 0;
  p += int_digits;
  size_t decimals = 0;
  if (p < end && *p == '.') {
    ++p;
    decimals = std::min(LeadingDigits(Load8(p)), static_cast<size_t>(end - p));
    if (decimals != 0 && decimals < 8) v = v * static_cast<uint64_t>(kScale[decimals]) + DigitsValue(Load8(p), decimals);
    p += decimals;
  }
  const bool fast = p == end && int_digits < 8 && decimals < 8 && int_digits + decimals != 0 &&
                    static_cast<int>(decimals) <= scale && static_cast<int>(int_digits) <= precision - scale;
  if (!fast) {
    Int128 unscaled;
    if (ParseDecimal(s, n, precision, scale, &unscaled) != DecimalParseResult::kOk) return false;
    *out = static_cast<int64_t>(unscaled);
    return true;
  }
  // At most precision <= 18 digits: fits.
  const int64_t unscaled = static_cast<int64_t>(v) * kScale[scale - static_cast<int>(decimals)];
  *out = negative ? -unscaled : unscaled;
  return true;
}

template <typename T>
inline bool ParseFloating(const char* s, size_t n, T* out) {
  if constexpr (std::is_same_v<T, double>) {
    // (Not for float: rounding to double first could round twice.)
    if (ParseDecimalFast(s, n, out)) return true;
  }
  const char* end = s + n;
  // fast_float follows from_chars, which takes no '+'; Hive and Trino do.
  if (n > 1 && s[0] == '+' && s[1] != '-') ++s;
  const auto r = fast_float::from_chars(s, end, *out);
  return r.ec == std::errc() && r.ptr == end && n != 0;
}

bool ParseDateValue(const char* s, size_t n, int32_t* out) {
  const auto d = ParseDate(std::string_view(s, n));
  if (!d) return false;
  *out = *d;
  return true;
}

bool LooksLikeInteger(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool ParseBoolean(const char* s, size_t n, uint8_t* out) {
  // OR-ing 0x20 lowercases ASCII letters; for these letters no other byte
  // maps onto them, so the comparison stays exact.
  if (n == 4) {
    uint32_t w;
    std::memcpy(&w, s, 4);
    uint32_t t;
    std::memcpy(&t, "true", 4);
    if ((w | 0x20202020u) == t) {
      *out = 1;
      return true;
    }
  } else if (n == 5) {
    uint32_t w;
    std::memcpy(&w, s, 4);
    uint32_t f;
    std::memcpy(&f, "fals", 4);
    if ((w | 0x20202020u) == f && (s[4] | 0x20) == 'e') {
      *out = 0;
      return true;
    }
  }
  return false;
}

bool ParseInt8(const char* s, size_t n, int8_t* out) { return ParseInteger(s, n, out); }
bool ParseInt16(const char* s, size_t n, int16_t* out) { return ParseInteger(s, n, out); }
bool ParseInt32(const char* s, size_t n, int32_t* out) { return ParseInteger(s, n, out); }
bool ParseInt64(const char* s, size_t n, int64_t* out) { return ParseInteger(s, n, out); }
bool ParseFloat(const char* s, size_t n, float* out) { return ParseFloating(s, n, out); }
bool ParseDouble(const char* s, size_t n, double* out) { return ParseFloating(s, n, out); }
bool ParseInt8Padded(const char* s, size_t n, int8_t* out) { return ParseIntegerPadded(s, n, out); }
bool ParseInt16Padded(const char* s, size_t n, int16_t* out) { return ParseIntegerPadded(s, n, out); }
bool ParseInt32Padded(const char* s, size_t n, int32_t* out) { return ParseIntegerPadded(s, n, out); }
bool ParseInt64Padded(const char* s, size_t n, int64_t* out) { return ParseIntegerPadded(s, n, out); }
bool ParseDoublePadded(const char* s, size_t n, double* out) { return ParseDecimalPadded(s, n, out); }

CsvColumnParser::CsvColumnParser(const CsvOptions& options, LogicalType type, size_t field)
    : type_(type), field_(field), decoder_(options), null_string_(options.null_string),
      null_string_set_(options.null_string_set), error_on_bad_value_(options.error_on_bad_value) {
  switch (type_.id()) {
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
      return;
    case TypeId::kVarbinary:  // Hive's base64 text form is not read yet
    case TypeId::kJson:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
    case TypeId::kArray:  // Hive's collection delimiters are not read yet
    case TypeId::kMap:
    case TypeId::kRow:
    case TypeId::kInvalid:
      break;
  }
  throw SluiceError(ErrorCode::kNotSupported,
                    "CSV files cannot hold values of type " + type_.ToString());
}

size_t CsvColumnParser::Parse(const char* block, const RowBounds& rows, Vector& out, size_t offset) {
  switch (type_.id()) {
    case TypeId::kBoolean: return ParseFixed<uint8_t, ParseBoolean>(block, rows, out, offset);
    case TypeId::kTinyint: return ParseFixed<int8_t, ParseIntegerPadded<int8_t>>(block, rows, out, offset);
    case TypeId::kSmallint: return ParseFixed<int16_t, ParseIntegerPadded<int16_t>>(block, rows, out, offset);
    case TypeId::kInteger: return ParseFixed<int32_t, ParseIntegerPadded<int32_t>>(block, rows, out, offset);
    case TypeId::kBigint: return ParseFixed<int64_t, ParseIntegerPadded<int64_t>>(block, rows, out, offset);
    case TypeId::kReal: return ParseFixed<float, ParseFloat>(block, rows, out, offset);
    case TypeId::kDouble: return ParseFixed<double, ParseDecimalPadded>(block, rows, out, offset);
    case TypeId::kDate: return ParseFixed<int32_t, ParseDateValue>(block, rows, out, offset);
    case TypeId::kTimestamp: {
      // The column's precision rounds what the text wrote (Trino's Hive
      // tables are timestamp(3)).
      const int precision = type_.precision();
      return ParseColumn<int64_t>(block, rows, out, offset, [precision](const char* s, size_t n, int64_t* v) {
        const auto t = ParseTimestamp(std::string_view(s, n), precision);
        if (t) *v = *t;
        return t.has_value();
      });
    }
    case TypeId::kTimestampTz: {
      // '2022-08-01 10:00:00 Europe/Paris'; without a zone the session's (UTC).
      const int precision = type_.precision();
      return ParseColumn<int64_t>(block, rows, out, offset, [precision](const char* s, size_t n, int64_t* v) {
        const auto t = ParseTimestampTz(std::string_view(s, n), precision, kSessionZoneKey);
        if (t) *v = *t;
        return t.has_value();
      });
    }
    case TypeId::kVarchar: return ParseVarchar(block, rows, out, offset);
    case TypeId::kDecimal:
      return type_.PhysicalSize() == 16 ? ParseDecimalColumn<Int128>(block, rows, out, offset)
                                        : ParseDecimalColumn<int64_t>(block, rows, out, offset);
    case TypeId::kVarbinary:
    case TypeId::kJson:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kRow:
    case TypeId::kInvalid: break;
  }
  ThrowInternal("CsvColumnParser on an invalid type");
}

template <typename T, bool (*kParse)(const char*, size_t, T*)>
size_t CsvColumnParser::ParseFixed(const char* block, const RowBounds& rows, Vector& out,
                                   size_t offset) {
  return ParseColumn<T>(block, rows, out, offset, [](const char* s, size_t n, T* v) { return kParse(s, n, v); });
}

// Straight from the text into the unscaled integer (no double on the way),
// extra fraction digits rounded half up as Hive does.
template <typename T>
size_t CsvColumnParser::ParseDecimalColumn(const char* block, const RowBounds& rows, Vector& out, size_t offset) {
  const int precision = type_.width();
  const int scale = type_.scale();
  return ParseColumn<T>(block, rows, out, offset, [precision, scale](const char* s, size_t n, T* v) {
    if constexpr (sizeof(T) == 8) {
      return ParseShortDecimalPadded(s, n, precision, scale, v);
    } else {
      Int128 unscaled;
      if (ParseDecimal(s, n, precision, scale, &unscaled) != DecimalParseResult::kOk) return false;
      *v = unscaled;
      return true;
    }
  });
}

template <typename T, typename ParseFn>
size_t CsvColumnParser::ParseColumn(const char* block, const RowBounds& rows, Vector& out, size_t offset,
                                    const ParseFn& parse) {
  // Locals, so the loop does not reload them after every store.
  T* values = out.data<T>() + offset;
  ValidityMask& validity = out.validity();
  const size_t count = rows.rows();
  const size_t field = field_;
  const uint32_t* separators = rows.separators() + field;
  const uint32_t* firsts = rows.firsts();
  const uint32_t* row_starts = rows.row_starts();
  const uint32_t* field_counts = rows.field_counts();
  const bool null_string_set = null_string_set_;
  for (size_t r = 0; r < count; ++r) {
    if (field_counts[r] <= field) {  // a short row (Hive: missing fields are NULL)
      validity.SetInvalid(offset + r);
      continue;
    }
    const uint32_t* end = separators + firsts[r];
    const uint32_t start = field == 0 ? row_starts[r] : end[-1] + 1;
    const char* s = block + start;
    const size_t n = *end - start;
    // The null string first: it might parse ("0" as a null marker).
    if (null_string_set && IsNullString(std::string_view(s, n))) {
      validity.SetInvalid(offset + r);
      continue;
    }
    // The common case: plain text that parses.
    if (parse(s, n, &values[r])) continue;
    const Outcome outcome = ParseSlow<T>(s, n, &values[r], parse);
    if (outcome == Outcome::kValue) continue;
    validity.SetInvalid(offset + r);
    if (outcome == Outcome::kBad && error_on_bad_value_) return r;
  }
  return kNoBadValue;
}

template <typename T, typename ParseFn>
CsvColumnParser::Outcome CsvColumnParser::ParseSlow(const char* s, size_t n, T* value, const ParseFn& parse) {
  if (n == 0) return Outcome::kNull;
  std::string_view text;
  if (!decoder_.TryView(s, n, &text)) {
    scratch_.resize(n + 16);  // readable bytes after the text for the padded parsers
    text = std::string_view(scratch_.data(), decoder_.Decode(s, n, scratch_.data()));
  }
  if (text.data() != s) {
    // Quoted or escaped: the text was not tried yet.
    if (IsNullString(text)) return Outcome::kNull;
    if (parse(text.data(), text.size(), value)) return Outcome::kValue;
  }
  // Lenient about surrounding spaces, as Trino's casts from varchar are.
  const std::string_view trimmed = TrimBlanks(text);
  if (trimmed.empty()) return Outcome::kNull;
  if (trimmed.size() != text.size() && parse(trimmed.data(), trimmed.size(), value)) {
    return Outcome::kValue;
  }
  return Outcome::kBad;
}

size_t CsvColumnParser::ParseVarchar(const char* block, const RowBounds& rows, Vector& out,
                                     size_t offset) {
  // Locals, so the loop does not reload them after every store.
  StringRef* values = out.data<StringRef>() + offset;
  ValidityMask& validity = out.validity();
  const size_t count = rows.rows();
  const size_t field = field_;
  const uint32_t* separators = rows.separators() + field;
  const uint32_t* firsts = rows.firsts();
  const uint32_t* row_starts = rows.row_starts();
  const uint32_t* field_counts = rows.field_counts();
  const bool null_string_set = null_string_set_;
  const char quote = decoder_.quote();
  const char escape = decoder_.escape();
  for (size_t r = 0; r < count; ++r) {
    if (field_counts[r] <= field) {
      validity.SetInvalid(offset + r);
      continue;
    }
    const uint32_t* end = separators + firsts[r];
    const uint32_t start = field == 0 ? row_starts[r] : end[-1] + 1;
    const char* s = block + start;
    const size_t n = *end - start;
    if (null_string_set && IsNullString(std::string_view(s, n))) {
      validity.SetInvalid(offset + r);
      continue;
    }
    // Plain text (the common case) points into the block as it is. The
    // first byte of an empty field is its separator, never a quote.
    if ((quote == 0 || s[0] != quote) && (escape == 0 || std::memchr(s, escape, n) == nullptr)) {
      values[r] = PaddedStringRef(s, static_cast<uint32_t>(n));
      continue;
    }
    std::string_view text;
    if (decoder_.TryView(s, n, &text)) {
      values[r] = PaddedStringRef(text.data(), static_cast<uint32_t>(text.size()));
    } else {
      char* dst = out.heap().Allocate(n);
      text = std::string_view(dst, decoder_.Decode(s, n, dst));
      values[r] = StringRef(text);
    }
    if (IsNullString(text)) validity.SetInvalid(offset + r);
  }
  return kNoBadValue;
}

std::string CsvColumnParser::FieldText(const char* block, const RowBounds& rows, size_t row) const {
  if (rows.FieldCount(row) <= field_) return "";
  const uint32_t start = rows.FieldStart(row, field_);
  const size_t n = rows.FieldEnd(row, field_) - start;
  std::string text(n, '\0');
  text.resize(decoder_.Decode(block + start, n, text.data()));
  return text;
}

std::string CsvColumnParser::Complaint(std::string_view text) const {
  if (type_.IsInteger() && LooksLikeInteger(TrimBlanks(text))) {
    return "is out of range for " + type_.ToString();
  }
  if (type_.IsDecimal()) {
    const std::string_view trimmed = TrimBlanks(text);
    Int128 unused;
    if (ParseDecimal(trimmed.data(), trimmed.size(), type_.width(), type_.scale(), &unused) ==
        DecimalParseResult::kOverflow) {
      return "is out of range for " + type_.ToString();
    }
  }
  return "is not a valid " + type_.ToString();
}

}  // namespace sluice::csv
