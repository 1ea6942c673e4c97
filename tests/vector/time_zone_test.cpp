#include "sluice/types/time_zone.h"

#include <gtest/gtest.h>

#include "sluice/common/error.h"

namespace sluice {
namespace {

TEST(TimeZoneTest, KeysAndNames) {
  EXPECT_EQ(FindZoneKey("UTC"), kUtcZoneKey);
  EXPECT_EQ(FindZoneKey("z"), kUtcZoneKey);
  EXPECT_EQ(FindZoneKey("Etc/UTC"), kUtcZoneKey);
  EXPECT_EQ(FindZoneKey("+00:00"), kUtcZoneKey);
  EXPECT_EQ(ZoneName(*FindZoneKey("+02:00")), "+02:00");
  EXPECT_EQ(ZoneName(*FindZoneKey("-0830")), "-08:30");
  EXPECT_EQ(ZoneName(*FindZoneKey("+5")), "+05:00");
  EXPECT_EQ(ZoneName(*FindZoneKey("GMT+3")), "+03:00");
  EXPECT_EQ(ZoneName(*FindZoneKey("europe/paris")), "Europe/Paris");
  EXPECT_EQ(ZoneName(*FindZoneKey("US/Eastern")), "US/Eastern");
  EXPECT_FALSE(FindZoneKey("Mars/Olympus").has_value());
  EXPECT_FALSE(FindZoneKey("+15:00").has_value());
  EXPECT_FALSE(FindZoneKey("localtime").has_value());
  EXPECT_THROW(ZoneKeyOrThrow("Nowhere"), SluiceError);
}

TEST(TimeZoneTest, PackingKeepsInstantOrder) {
  const ZoneKey paris = *FindZoneKey("Europe/Paris");
  const int64_t a = PackTimestampTz(-1, paris), b = PackTimestampTz(0, kUtcZoneKey);
  EXPECT_LT(a, b);
  EXPECT_EQ(TimestampTzMillis(a), -1);
  EXPECT_EQ(TimestampTzZone(a), paris);
}

TEST(TimeZoneTest, DaylightSavingEdges) {
  const ZoneKey ny = *FindZoneKey("America/New_York");
  // 2022-03-13 02:30 does not exist in New York: it moves forward an hour,
  // to 03:30 EDT = 07:30 UTC.
  const int64_t gap = 1647138600;  // 2022-03-13 02:30:00 as local seconds
  EXPECT_EQ(LocalToUtcSeconds(ny, gap), gap + 5 * 3600);
  // 2022-11-06 01:30 happens twice: the earlier (EDT, -04:00) is taken.
  const int64_t overlap = 1667698200;  // 2022-11-06 01:30:00 as local seconds
  EXPECT_EQ(LocalToUtcSeconds(ny, overlap), overlap + 4 * 3600);
  EXPECT_EQ(ZoneOffsetSeconds(ny, overlap + 4 * 3600), -4 * 3600);
  EXPECT_EQ(ZoneOffsetSeconds(ny, overlap + 5 * 3600), -5 * 3600);
  EXPECT_EQ(UtcToLocalMillis(ny, -1), -1 - 5 * 3600 * 1000);
  EXPECT_EQ(LocalToUtcMillis(*FindZoneKey("+01:00"), 1500), 1500 - 3600 * 1000);
}

}  // namespace
}  // namespace sluice
