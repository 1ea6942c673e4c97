// TIMESTAMP WITH TIME ZONE functions with Trino's semantics: AT TIME ZONE
// (at_timezone), with_timezone, current_timezone, timezone_hour/minute,
// date_add / date_diff (units below a day on the instant, a day and up on
// the local date-time, as Joda's zoned chronology), ± intervals, tz - tz,
// to_unixtime, to_iso8601 and from_unixtime(x, zone). The field, date_trunc
// and formatting overloads run the timestamp kernels on local date-times
// (OnLocalTime / InLocalTime), registered beside them.
#include <cmath>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/scalar/date_units.h"
#include "sluice/functions/scalar/iso8601.h"
#include "sluice/types/date.h"
#include "sluice/types/time_zone.h"

namespace sluice::function::datetime {

Vector LocalTimes(const Vector& zoned, size_t count) {
  Vector local(LogicalType::Timestamp(zoned.type().precision()), std::max<size_t>(count, 1));
  const int64_t* in = zoned.data<int64_t>();
  int64_t* out = local.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (zoned.IsNull(i)) {
      local.SetNull(i);
      continue;
    }
    out[i] = UtcToLocalMillis(TimestampTzZone(in[i]), TimestampTzMillis(in[i])) * 1000;
  }
  return local;
}

namespace {

[[noreturn]] void OutOfRange() {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "timestamp with time zone out of range");
}

int64_t Pack(int64_t utc_millis, ZoneKey zone) {
  if (!TimestampTzMillisFit(utc_millis)) OutOfRange();
  return PackTimestampTz(utc_millis, zone);
}

// The instant of a local time in `zone`, on the side of a DST change that
// `hint` (an instant) is on when both fit (Joda's convertLocalToUTC with the
// original instant).
int64_t ZonedNear(ZoneKey zone, int64_t local_millis, int64_t hint) {
  const int64_t candidate = local_millis - (UtcToLocalMillis(zone, hint) - hint);
  if (UtcToLocalMillis(zone, candidate) == local_millis) return candidate;
  return LocalToUtcMillis(zone, local_millis);
}

int64_t LocalMillisOf(int64_t packed) { return UtcToLocalMillis(TimestampTzZone(packed), TimestampTzMillis(packed)); }

int64_t AtTimeZone(int64_t packed, std::string_view zone) {
  return PackTimestampTz(TimestampTzMillis(packed), ZoneKeyOrThrow(zone));
}
// AT TIME ZONE INTERVAL '…' HOUR TO MINUTE: a fixed offset.
int64_t AtOffset(int64_t packed, int64_t offset_millis) {
  const auto key = offset_millis % 60000 == 0 ? OffsetZoneKey(offset_millis / 60000) : std::nullopt;
  if (!key) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "Invalid time zone offset interval: interval must be between -14:00 and 14:00");
  }
  return PackTimestampTz(TimestampTzMillis(packed), *key);
}

int64_t WithTimeZone(int64_t micros, std::string_view zone) {
  const ZoneKey key = ZoneKeyOrThrow(zone);
  return Pack(LocalToUtcMillis(key, FloorDivMicros(RoundTimestampMicros(micros, 3), 1000)), key);
}

int64_t OffsetMinutes(int64_t packed) {
  const int64_t millis = TimestampTzMillis(packed);
  return (UtcToLocalMillis(TimestampTzZone(packed), millis) - millis) / 60000;
}
int64_t TimezoneHour(int64_t packed) { return OffsetMinutes(packed) / 60; }
int64_t TimezoneMinute(int64_t packed) { return OffsetMinutes(packed) % 60; }

double ToUnixtime(int64_t packed) { return static_cast<double>(TimestampTzMillis(packed)) / 1000; }

// 2020-05-11T11:15:05.055+01:00, Z for UTC itself.
void ToIso8601Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const int precision = args[0]->type().precision();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t packed = args[0]->data<int64_t>()[i];
    std::string text = FormatIso8601Timestamp(LocalMillisOf(packed) * 1000, precision);
    const int64_t offset = OffsetMinutes(packed);
    if (TimestampTzZone(packed) == kUtcZoneKey) {
      text += 'Z';
    } else {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%c%02lld:%02lld", offset < 0 ? '-' : '+',
                    static_cast<long long>(std::abs(offset) / 60), static_cast<long long>(std::abs(offset) % 60));
      text += buf;
    }
    Write(result, i, text);
  }
}

// Trino: Math.round(unixtime * 1000) milliseconds in the zone.
int64_t FromUnixtimeInZone(double seconds, std::string_view zone) {
  const double millis = std::floor(seconds * 1e3 + 0.5);
  if (!(std::fabs(millis) < 9e15)) OutOfRange();
  return Pack(static_cast<int64_t>(millis), ZoneKeyOrThrow(zone));
}

bool OnInstant(DateUnit unit) { return unit < DateUnit::kDay; }

// date_add(unit, n, tz), rounded to p digits when p < 3 as for timestamps.
void AddKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  int64_t round_to = 1;
  for (int p = result.type().precision(); p < 3; ++p) round_to *= 10;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const DateUnit unit = ParseDateUnit(args[0]->data<StringRef>()[i].view(), false);
    const int64_t n = args[1]->data<int64_t>()[i], packed = args[2]->data<int64_t>()[i];
    const ZoneKey zone = TimestampTzZone(packed);
    const int64_t millis = TimestampTzMillis(packed);
    int64_t out = OnInstant(unit) ? AddMillis(unit, n, millis)
                                  : ZonedNear(zone, AddMillis(unit, n, LocalMillisOf(packed)), millis);
    if (round_to > 1) out = joda::FloorDiv(out + round_to / 2, round_to) * round_to;
    result.data<int64_t>()[i] = Pack(out, zone);
  }
}

// date_diff(unit, a, b): whole units, days and up between the local
// date-times in a's zone (Trino uses a's chronology).
int64_t Diff(std::string_view unit_text, int64_t a, int64_t b) {
  const DateUnit unit = ParseDateUnit(unit_text, false);
  const int64_t from = TimestampTzMillis(a), to = TimestampTzMillis(b);
  if (OnInstant(unit)) return DiffMillis(unit, from, to);
  const ZoneKey zone = TimestampTzZone(a);
  return DiffMillis(unit, UtcToLocalMillis(zone, from), UtcToLocalMillis(zone, to));
}

// ± interval day to second moves the instant.
template <int kSign>
int64_t PlusDayTime(int64_t packed, int64_t millis) {
  int64_t out;
  if (__builtin_add_overflow(TimestampTzMillis(packed), kSign * millis, &out)) OutOfRange();
  return Pack(out, TimestampTzZone(packed));
}
int64_t DayTimePlus(int64_t millis, int64_t packed) { return PlusDayTime<1>(packed, millis); }

// ± interval year to month moves the local date-time.
template <int kSign>
int64_t PlusYearMonth(int64_t packed, int32_t months) {
  const int64_t millis = TimestampTzMillis(packed);
  const ZoneKey zone = TimestampTzZone(packed);
  const int64_t local = AddMillis(DateUnit::kMonth, kSign * int64_t{months}, LocalMillisOf(packed));
  return Pack(ZonedNear(zone, local, millis), zone);
}
int64_t YearMonthPlus(int32_t months, int64_t packed) { return PlusYearMonth<1>(packed, months); }

// tz - tz: the interval between the instants.
int64_t Minus(int64_t a, int64_t b) { return TimestampTzMillis(a) - TimestampTzMillis(b); }

void CurrentTimezoneKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  for (size_t i = 0; i < count; ++i) Write(result, i, std::string(ZoneName(kSessionZoneKey)));
}

// timestamp(p) with time zone ± interval day to second is (max(3, p)).
LogicalType AtLeastMillis(const std::vector<LogicalType>& args) {
  const LogicalType& ts = args[0].id() == TypeId::kTimestampTz ? args[0] : args[1];
  return LogicalType::TimestampTz(std::max(3, ts.precision()));
}

}  // namespace

void ToZoned(const Vector& zoned, const Vector& local, size_t count, Vector& result) {
  const int64_t* in = zoned.data<int64_t>();
  const int64_t* times = local.data<int64_t>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (local.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    const ZoneKey zone = TimestampTzZone(in[i]);
    out[i] = Pack(ZonedNear(zone, FloorDivMicros(times[i], 1000), TimestampTzMillis(in[i])), zone);
  }
}

void RegisterTimestampTzFunctions(FunctionRegistry& r) {
  const LogicalType tz = LogicalType::AnyTimestampTz(), ts = LogicalType::AnyTimestamp();
  const LogicalType v = LogicalType::Varchar(), big = LogicalType::Bigint();
  const LogicalType day_time = LogicalType::IntervalDayTime(), year_month = LogicalType::IntervalYearMonth();
  r.AddScalar({"at_timezone", {tz, v}, tz, BinaryKernel<int64_t, int64_t, std::string_view, AtTimeZone>});
  r.AddScalar({"at_timezone", {tz, day_time}, tz, BinaryKernel<int64_t, int64_t, int64_t, AtOffset>});
  r.AddScalar({"with_timezone", {ts, v}, tz, BinaryKernel<int64_t, int64_t, std::string_view, WithTimeZone>});
  r.AddScalar({"current_timezone", {}, v, CurrentTimezoneKernel});
  r.AddScalar({"timezone_hour", {tz}, big, UnaryKernel<int64_t, int64_t, TimezoneHour>});
  r.AddScalar({"timezone_minute", {tz}, big, UnaryKernel<int64_t, int64_t, TimezoneMinute>});
  r.AddScalar({"to_unixtime", {tz}, LogicalType::Double(), UnaryKernel<double, int64_t, ToUnixtime>});
  r.AddScalar({"to_iso8601", {tz}, v, ToIso8601Kernel});
  r.AddScalar({"from_unixtime", {LogicalType::Double(), v}, LogicalType::TimestampTz(3),
               BinaryKernel<int64_t, double, std::string_view, FromUnixtimeInZone>});
  r.AddScalar({"date_add", {v, big, tz}, tz, AddKernel});
  r.AddScalar({"date_diff", {v, tz, tz}, big, TernaryKernel<int64_t, std::string_view, int64_t, int64_t, Diff>});
  ScalarFunction plus_day_time[] = {
      {"add", {tz, day_time}, tz, BinaryKernel<int64_t, int64_t, int64_t, PlusDayTime<1>>},
      {"add", {day_time, tz}, tz, BinaryKernel<int64_t, int64_t, int64_t, DayTimePlus>},
      {"subtract", {tz, day_time}, tz, BinaryKernel<int64_t, int64_t, int64_t, PlusDayTime<-1>>}};
  for (ScalarFunction& f : plus_day_time) {
    f.bind_return_type = AtLeastMillis;
    r.AddScalar(f);
  }
  r.AddScalar({"add", {tz, year_month}, tz, BinaryKernel<int64_t, int64_t, int32_t, PlusYearMonth<1>>});
  r.AddScalar({"add", {year_month, tz}, tz, BinaryKernel<int64_t, int32_t, int64_t, YearMonthPlus>});
  r.AddScalar({"subtract", {tz, year_month}, tz, BinaryKernel<int64_t, int64_t, int32_t, PlusYearMonth<-1>>});
  r.AddScalar({"subtract", {tz, tz}, day_time, BinaryKernel<int64_t, int64_t, int64_t, Minus>});
}

}  // namespace sluice::function::datetime
