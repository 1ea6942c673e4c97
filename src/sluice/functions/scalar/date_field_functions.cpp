// Field functions (year, month, day_of_week, ...), the names EXTRACT is
// rewritten to, on DATE and TIMESTAMP with Trino's (ISO) definitions.
#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"

namespace sluice::function::datetime {

namespace {

using joda::Field;

template <Field F>
int64_t FromTimestamp(int64_t micros) {
  return joda::Get(F, TimestampMillis(micros));
}
template <Field F>
int64_t FromDate(int32_t days) {
  return joda::Get(F, DateMillis(days));
}

int64_t QuarterOfTimestamp(int64_t micros) { return (FromTimestamp<Field::kMonthOfYear>(micros) - 1) / 3 + 1; }
int64_t QuarterOfDate(int32_t days) { return (FromDate<Field::kMonthOfYear>(days) - 1) / 3 + 1; }

int32_t LastDayOfMonth(int64_t millis) {
  int64_t y = joda::Get(Field::kYear, millis);
  int m = static_cast<int>(joda::Get(Field::kMonthOfYear, millis));
  return static_cast<int32_t>(joda::DaysFromCivil(y, m, joda::DaysInMonth(y, m)));
}
int32_t LastDayOfMonthTimestamp(int64_t micros) { return LastDayOfMonth(TimestampMillis(micros)); }
int32_t LastDayOfMonthDate(int32_t days) { return LastDayOfMonth(DateMillis(days)); }

// EXTRACT(HOUR FROM date) is a type error in Trino ("Cannot extract HOUR
// from date"); the parser makes EXTRACT the call hour(x), so the DATE
// overload reports it rather than letting DATE widen to TIMESTAMP.
template <const char* kField, const char* kType>
void CannotExtract(const std::vector<const Vector*>&, size_t count, Vector&) {
  if (count == 0) return;
  throw SluiceError(ErrorCode::kTypeMismatch, std::string("Cannot extract ") + kField + " from " + kType);
}

constexpr char kHour[] = "HOUR", kMinute[] = "MINUTE", kSecond[] = "SECOND";
constexpr char kTimezoneHour[] = "TIMEZONE_HOUR", kTimezoneMinute[] = "TIMEZONE_MINUTE";
constexpr char kDate[] = "date", kTimestamp[] = "timestamp";

}  // namespace

void RegisterDateFieldFunctions(FunctionRegistry& r) {
  const LogicalType big = LogicalType::Bigint(), date = LogicalType::Date(), ts = LogicalType::AnyTimestamp();
  const LogicalType tz = LogicalType::AnyTimestampTz();
  // A timestamp with time zone's fields are those of its local date-time.
  auto all = [&](const char* name, ScalarKernel on_date, ScalarKernel on_timestamp, ScalarKernel on_zoned) {
    if (on_date) r.AddScalar({name, {date}, big, on_date});
    r.AddScalar({name, {ts}, big, on_timestamp});
    r.AddScalar({name, {tz}, big, on_zoned});
  };
#define SLUICE_TIMESTAMP_FIELD(field) UnaryKernel<int64_t, int64_t, FromTimestamp<Field::field>>
#define SLUICE_FIELD(name, field)                                                        \
  all(name, UnaryKernel<int64_t, int32_t, FromDate<Field::field>>, SLUICE_TIMESTAMP_FIELD(field), \
      OnLocalTime<SLUICE_TIMESTAMP_FIELD(field), 0>)
  SLUICE_FIELD("year", kYear);
  SLUICE_FIELD("month", kMonthOfYear);
  SLUICE_FIELD("week", kWeekOfWeekyear);
  SLUICE_FIELD("week_of_year", kWeekOfWeekyear);
  SLUICE_FIELD("day", kDayOfMonth);
  SLUICE_FIELD("day_of_month", kDayOfMonth);
  SLUICE_FIELD("day_of_week", kDayOfWeek);
  SLUICE_FIELD("dow", kDayOfWeek);
  SLUICE_FIELD("day_of_year", kDayOfYear);
  SLUICE_FIELD("doy", kDayOfYear);
  SLUICE_FIELD("year_of_week", kWeekyear);
  SLUICE_FIELD("yow", kWeekyear);
#undef SLUICE_FIELD
  all("quarter", UnaryKernel<int64_t, int32_t, QuarterOfDate>, UnaryKernel<int64_t, int64_t, QuarterOfTimestamp>,
      OnLocalTime<UnaryKernel<int64_t, int64_t, QuarterOfTimestamp>, 0>);
  // Hours and less: no date overload (below), and millisecond has no
  // EXTRACT form: a DATE widens to TIMESTAMP as in Trino.
#define SLUICE_TIME_FIELD(name, field) \
  all(name, nullptr, SLUICE_TIMESTAMP_FIELD(field), OnLocalTime<SLUICE_TIMESTAMP_FIELD(field), 0>)
  SLUICE_TIME_FIELD("hour", kHourOfDay);
  SLUICE_TIME_FIELD("minute", kMinuteOfHour);
  SLUICE_TIME_FIELD("second", kSecondOfMinute);
  SLUICE_TIME_FIELD("millisecond", kMillisOfSecond);
#undef SLUICE_TIME_FIELD
#undef SLUICE_TIMESTAMP_FIELD
  r.AddScalar({"hour", {date}, big, CannotExtract<kHour, kDate>});
  r.AddScalar({"minute", {date}, big, CannotExtract<kMinute, kDate>});
  r.AddScalar({"second", {date}, big, CannotExtract<kSecond, kDate>});
  // Time zone fields need TIMESTAMP WITH TIME ZONE (timestamp_tz_functions.cpp).
  r.AddScalar({"timezone_hour", {date}, big, CannotExtract<kTimezoneHour, kDate>});
  r.AddScalar({"timezone_hour", {ts}, big, CannotExtract<kTimezoneHour, kTimestamp>});
  r.AddScalar({"timezone_minute", {date}, big, CannotExtract<kTimezoneMinute, kDate>});
  r.AddScalar({"timezone_minute", {ts}, big, CannotExtract<kTimezoneMinute, kTimestamp>});
  r.AddScalar({"last_day_of_month", {date}, date, UnaryKernel<int32_t, int32_t, LastDayOfMonthDate>});
  r.AddScalar({"last_day_of_month", {ts}, date, UnaryKernel<int32_t, int64_t, LastDayOfMonthTimestamp>});
  r.AddScalar({"last_day_of_month", {tz}, date, OnLocalTime<UnaryKernel<int32_t, int64_t, LastDayOfMonthTimestamp>, 0>});
}

}  // namespace sluice::function::datetime
