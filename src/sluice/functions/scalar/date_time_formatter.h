#pragma once

// A compiled date/time format in the shape of Joda-Time's
// DateTimeFormatterBuilder, which both Trino's MySQL-style (date_format,
// date_parse) and Joda-style (format_datetime, parse_datetime) functions use:
// printing and parsing follow Joda's rules (numbers read up to a maximum of
// digits, names match in their exact, lower or upper case, literals match
// ignoring case, the whole input must be consumed).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/functions/scalar/joda_fields.h"

namespace sluice::function {

class DateTimeFormatter {
 public:
  void AddLiteral(std::string text);
  // min_digits pads when printing; max_digits bounds parsing.
  void AddNumber(joda::Field field, int min_digits, int max_digits, bool is_signed = false);
  void AddText(joda::Field field, bool short_text);  // month, day of week, AM/PM
  // Fraction of second: prints max_digits trimmed of trailing zeros down to
  // min_digits, parses up to max_digits (kept to milliseconds).
  void AddFraction(int min_digits, int max_digits);
  // Two-digit year (or weekyear) around `pivot` (Joda's appendTwoDigitYear);
  // lenient also parses other digit counts as the full year.
  void AddTwoDigitYear(int pivot, bool lenient, joda::Field field = joda::Field::kYear);

  // A UTC offset (Joda's Z / ZZ): parses Z, +HH, +HHmm or +HH:mm; prints
  // +0000 or +00:00 (sluice timestamps are UTC).
  void AddOffset(bool with_colon);

  bool empty() const { return elements_.empty(); }

  std::string Print(int64_t millis) const;
  // Epoch milliseconds; throws INVALID_FUNCTION_ARGUMENT with Joda's message
  // ("Invalid format: "x" is malformed at "y"", "Cannot parse ...").
  int64_t Parse(std::string_view text) const;
  // Parses from `pos` without requiring the rest to be consumed: the new
  // position, or -1 - the position where it failed.
  int64_t ParseInto(std::string_view text, size_t pos, joda::ParsedFields& out) const;

 private:
  enum class Kind { kLiteral, kNumber, kText, kFraction, kTwoDigitYear, kOffset };
  struct Element {
    Kind kind = Kind::kLiteral;
    joda::Field field = joda::Field::kYear;
    int min_digits = 0;
    int max_digits = 0;
    bool is_signed = false;
    bool short_text = false;
    bool lenient = false;
    int pivot = 0;
    std::string literal;
  };
  // New position after `e` at `pos`, or -1 - failure position.
  static int64_t ParseElement(const Element& e, std::string_view text, size_t pos, joda::ParsedFields& out);

  std::vector<Element> elements_;
};

// Joda's message for a parse that failed at `error_pos` of `text`.
std::string InvalidFormatMessage(std::string_view text, size_t error_pos);

}  // namespace sluice::function
