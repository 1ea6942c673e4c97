#include "sluice/types/time_zone.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"

namespace sluice {

namespace {

constexpr int kMaxOffsetMinutes = 14 * 60;
// Keys 1 .. 2 * kMaxOffsetMinutes + 1 are offsets (the one for 0 unused:
// a zero offset is UTC); named zones follow.
constexpr int kFirstNamedKey = 2 * kMaxOffsetMinutes + 2;

// Ids Trino reads as UTC itself (TimeZoneKey's normalisation).
constexpr std::string_view kUtcAliases[] = {"utc", "z", "ut", "uct", "ut1", "gmt", "gmt0", "gmt+0", "gmt-0",
                                            "greenwich", "universal", "zulu", "etc/utc", "etc/uct", "etc/ut",
                                            "etc/gmt", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "etc/greenwich",
                                            "etc/universal", "etc/zulu"};

// The tz database's zones, loaded once from the system's files (the OS
// tzdata, through the date library built with USE_OS_TZDB).
struct ZoneTable {
  std::vector<std::string> names;             // by key - kFirstNamedKey
  std::vector<const date::time_zone*> zones;  // the same order
  std::unordered_map<std::string, ZoneKey> by_lower_name;
  std::vector<std::string> offset_names;  // by key: "+02:00"; [0] = "UTC"

  ZoneTable() {
    offset_names.resize(kFirstNamedKey);
    offset_names[0] = "UTC";
    for (int minutes = -kMaxOffsetMinutes; minutes <= kMaxOffsetMinutes; ++minutes) {
      if (minutes == 0) continue;
      char buf[8];
      const int a = std::abs(minutes);
      std::snprintf(buf, sizeof(buf), "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
      offset_names[minutes + kMaxOffsetMinutes + 1] = buf;
    }
    std::vector<const date::time_zone*> all;
    for (const date::time_zone& z : date::get_tzdb().zones) all.push_back(&z);
    std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->name() < b->name(); });
    for (const date::time_zone* z : all) {
      const std::string lower = AsciiLower(std::string(z->name()));
      // Files beside the zones ("localtime", "posixrules") are no zone ids.
      const bool is_id = std::any_of(z->name().begin(), z->name().end(), [](char c) { return std::isupper(c); });
      if (!is_id || std::find(std::begin(kUtcAliases), std::end(kUtcAliases), lower) != std::end(kUtcAliases)) {
        continue;
      }
      if (kFirstNamedKey + names.size() >= (1u << kZoneKeyBits)) break;
      by_lower_name.emplace(lower, static_cast<ZoneKey>(kFirstNamedKey + names.size()));
      names.push_back(std::string(z->name()));
      zones.push_back(z);
    }
  }
};

const ZoneTable& Zones() {
  static const ZoneTable table;
  return table;
}

bool IsOffsetKey(ZoneKey key) { return key > 0 && key < kFirstNamedKey; }
int64_t OffsetMinutesOf(ZoneKey key) { return static_cast<int64_t>(key) - kMaxOffsetMinutes - 1; }

// "+02:00", "+0200", "+02", "+2", "-08:30": minutes east of UTC.
std::optional<int64_t> ParseOffset(std::string_view s) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::string digits;
  for (size_t i = 0; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      digits += s[i];
    } else if (s[i] != ':' || i != 2 || s.size() != 5) {
      return std::nullopt;
    }
  }
  int64_t hours, minutes = 0;
  if (digits.size() == 1 || digits.size() == 2) {
    hours = std::stoi(digits);
  } else if (digits.size() == 4) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2));
  } else {
    return std::nullopt;
  }
  if (minutes > 59) return std::nullopt;
  return sign * (hours * 60 + minutes);
}

}  // namespace

std::optional<ZoneKey> OffsetZoneKey(int64_t offset_minutes) {
  if (offset_minutes == 0) return kUtcZoneKey;
  if (offset_minutes < -kMaxOffsetMinutes || offset_minutes > kMaxOffsetMinutes) return std::nullopt;
  return static_cast<ZoneKey>(offset_minutes + kMaxOffsetMinutes + 1);
}

std::optional<ZoneKey> FindZoneKey(std::string_view id) {
  std::string lower = AsciiLower(std::string(id));
  if (std::find(std::begin(kUtcAliases), std::end(kUtcAliases), lower) != std::end(kUtcAliases)) return kUtcZoneKey;
  std::string_view rest = lower;
  for (std::string_view prefix : {"utc", "gmt", "ut"}) {
    if (rest.substr(0, prefix.size()) == prefix && rest.size() > prefix.size() &&
        (rest[prefix.size()] == '+' || rest[prefix.size()] == '-')) {
      rest.remove_prefix(prefix.size());
      break;
    }
  }
  if (const auto minutes = ParseOffset(rest)) return OffsetZoneKey(*minutes);
  const auto& names = Zones().by_lower_name;
  const auto it = names.find(lower);
  if (it == names.end()) return std::nullopt;
  return it->second;
}

ZoneKey ZoneKeyOrThrow(std::string_view id) {
  // A column's zones are mostly one: each thread remembers its last lookup.
  thread_local std::string last_id;
  thread_local ZoneKey last_key = kUtcZoneKey;
  if (!last_id.empty() && id == last_id) return last_key;
  const auto key = FindZoneKey(id);
  if (!key) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Time zone not supported: " + std::string(id));
  last_id.assign(id);
  last_key = *key;
  return *key;
}

std::string_view ZoneName(ZoneKey key) {
  const ZoneTable& t = Zones();
  if (key < kFirstNamedKey) return t.offset_names[key];
  return t.names[key - kFirstNamedKey];
}

int64_t ZoneOffsetSeconds(ZoneKey key, int64_t utc_seconds) {
  if (key == kUtcZoneKey) return 0;
  if (IsOffsetKey(key)) return OffsetMinutesOf(key) * 60;
  const date::time_zone* zone = Zones().zones[key - kFirstNamedKey];
  return zone->get_info(date::sys_seconds(std::chrono::seconds(utc_seconds))).offset.count();
}

int64_t LocalToUtcSeconds(ZoneKey key, int64_t local_seconds) {
  if (key == kUtcZoneKey) return local_seconds;
  if (IsOffsetKey(key)) return local_seconds - OffsetMinutesOf(key) * 60;
  const date::time_zone* zone = Zones().zones[key - kFirstNamedKey];
  const date::local_info info = zone->get_info(date::local_seconds(std::chrono::seconds(local_seconds)));
  // In a gap `first` is the offset before it, which moves the time forward
  // by the gap; in an overlap `first` is the earlier instant's offset.
  return local_seconds - info.first.offset.count();
}

int64_t LocalToUtcMillis(ZoneKey key, int64_t local_millis) {
  const int64_t seconds = local_millis >= 0 ? local_millis / 1000 : -((-(local_millis + 1)) / 1000) - 1;
  return LocalToUtcSeconds(key, seconds) * 1000 + (local_millis - seconds * 1000);
}

}  // namespace sluice
