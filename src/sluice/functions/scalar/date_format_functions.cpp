// Formatting and parsing: date_format / date_parse (MySQL specifiers),
// format_datetime / parse_datetime (Joda patterns), ISO 8601 and unix time.
#include <cmath>
#include <limits>
#include <optional>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/scalar/iso8601.h"
#include "sluice/functions/scalar/joda_date_format.h"
#include "sluice/functions/scalar/mysql_date_format.h"

namespace sluice::function::datetime {

namespace {

// Formats are usually constant: compile once per distinct consecutive value.
class FormatCache {
 public:
  explicit FormatCache(DateTimeFormatter (*compile)(std::string_view)) : compile_(compile) {}
  const DateTimeFormatter& Get(std::string_view format) {
    if (!compiled_ || format != text_) {
      compiled_ = compile_(format);
      text_.assign(format);
    }
    return *compiled_;
  }

 private:
  DateTimeFormatter (*compile_)(std::string_view);
  std::optional<DateTimeFormatter> compiled_;
  std::string text_;
};

// Trino formats with millisecond precision, rounding the microseconds.
int64_t RoundedMillis(int64_t micros) { return joda::FloorDiv(micros + 500, 1000); }

DateTimeFormatter CompileJodaForPrinting(std::string_view pattern) {
  if (JodaPatternHasZone(pattern)) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not "
                      "contain TZ information");
  }
  return CompileJodaPattern(pattern);
}

template <DateTimeFormatter (*Compile)(std::string_view)>
void FormatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const int64_t* ts = args[0]->data<int64_t>();
  const StringRef* format = args[1]->data<StringRef>();
  FormatCache cache(Compile);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    Write(result, i, cache.Get(format[i].view()).Print(RoundedMillis(ts[i])));
  }
}

template <DateTimeFormatter (*Compile)(std::string_view)>
void ParseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* text = args[0]->data<StringRef>();
  const StringRef* format = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  FormatCache cache(Compile);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const DateTimeFormatter& f = cache.Get(format[i].view());
    try {
      out[i] = f.Parse(text[i].view()) * 1000;
    } catch (const SluiceError& e) {
      // Trino's message names the value; the format helps find the mismatch.
      throw SluiceError(e.code(), e.message() + " (format '" + std::string(format[i].view()) + "')");
    }
  }
}

std::string ToIso8601Date(int32_t days) { return FormatIso8601Date(days); }
void ToIso8601TimestampKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const int precision = args[0]->type().precision();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    Write(result, i, FormatIso8601Timestamp(args[0]->data<int64_t>()[i], precision));
  }
}
int32_t FromIso8601Date(std::string_view s) { return ParseIso8601Date(s); }
int64_t FromIso8601Timestamp(std::string_view s) { return ParseIso8601Timestamp(s); }

// Trino: Math.round(unixtime * 1000) milliseconds (Java's round: NaN is 0,
// saturating), a timestamp(3).
int64_t FromUnixtime(double seconds) {
  double millis = std::floor(seconds * 1e3 + 0.5);
  if (std::isnan(millis)) return 0;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 1000;
  if (millis >= static_cast<double>(kMax)) return kMax * 1000;
  if (millis <= -static_cast<double>(kMax)) return -kMax * 1000;
  return static_cast<int64_t>(millis) * 1000;
}

double ToUnixtime(int64_t micros) { return static_cast<double>(micros) / 1e6; }

}  // namespace

void RegisterDateFormatFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar(), ts = LogicalType::AnyTimestamp(), date = LogicalType::Date();
  const LogicalType millis = LogicalType::Timestamp(3);
  // A DATE argument widens to TIMESTAMP (midnight), as Trino's implicit cast.
  r.AddScalar({"date_format", {ts, v}, v, FormatKernel<CompileMySqlFormat>});
  r.AddScalar({"date_parse", {v, v}, millis, ParseKernel<CompileMySqlFormat>});
  r.AddScalar({"format_datetime", {ts, v}, v, FormatKernel<CompileJodaForPrinting>});
  // A timestamp with time zone formats its local date-time.
  const LogicalType tz = LogicalType::AnyTimestampTz();
  r.AddScalar({"format_datetime", {tz, v}, v, OnLocalTime<FormatKernel<CompileJodaForPrinting>, 0>});
  r.AddScalar({"date_format", {tz, v}, v, OnLocalTime<FormatKernel<CompileMySqlFormat>, 0>});
  r.AddScalar({"parse_datetime", {v, v}, millis, ParseKernel<CompileJodaPattern>});
  r.AddScalar({"to_iso8601", {date}, v, UnaryKernel<std::string, int32_t, ToIso8601Date>});
  r.AddScalar({"to_iso8601", {ts}, v, ToIso8601TimestampKernel});
  r.AddScalar({"from_iso8601_date", {v}, date, UnaryKernel<int32_t, std::string_view, FromIso8601Date>});
  r.AddScalar({"from_iso8601_timestamp", {v}, millis, UnaryKernel<int64_t, std::string_view, FromIso8601Timestamp>});
  r.AddScalar({"from_unixtime", {LogicalType::Double()}, millis, UnaryKernel<int64_t, double, FromUnixtime>});
  r.AddScalar({"to_unixtime", {ts}, LogicalType::Double(), UnaryKernel<double, int64_t, ToUnixtime>});
}

}  // namespace sluice::function::datetime
