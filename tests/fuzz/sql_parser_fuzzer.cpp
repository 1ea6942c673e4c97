// libFuzzer target for the SQL parser (built by `make fuzz`; replayed over
// the committed corpus by sql_parser_fuzz_replay on every `make test`).
//
// Input: SQL text, any bytes. SluiceError (a syntax error, NOT_SUPPORTED) is
// an expected outcome and must point inside the input. A crash, sanitizer
// report, hang, stack overflow or any other exception is a bug: the target
// aborts. Statements that parse are rendered and their own text re-parsed,
// which must succeed again (the parser cuts each statement's text itself).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sluice/common/error.h"
#include "sluice/sql/parser/parser.h"

namespace {

[[noreturn]] void Fail(const std::string& what) { sluice::fuzzing::Fail("sql_parser_fuzzer", what); }

// Lines and the longest line of `text`, for checking error positions.
void Extent(std::string_view text, size_t* lines, size_t* widest) {
  *lines = 1;
  *widest = 0;
  size_t width = 0;
  for (char c : text) {
    if (c == '\n') {
      ++*lines;
      width = 0;
    } else {
      *widest = std::max(*widest, ++width);
    }
  }
}

void CheckPosition(const sluice::SluiceError& e, std::string_view sql) {
  if (!e.position()) return;
  size_t lines, widest;
  Extent(sql, &lines, &widest);
  const auto& at = *e.position();
  // An error at the end of input points just past the last character.
  if (at.line < 1 || static_cast<size_t>(at.line) > lines + 1 || at.column < 1 ||
      static_cast<size_t>(at.column) > widest + 2) {
    Fail("error position " + std::to_string(at.line) + ":" + std::to_string(at.column) + " outside the input: " +
         e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  try {
    auto statements = sluice::sql::ParseScript(sql);
    for (const auto& s : statements) {
      try {
        sluice::sql::ParseScript(s->text);
      } catch (const sluice::SluiceError& e) {
        Fail("a parsed statement's own text does not parse again: " + std::string(e.what()) + "\n" + s->text);
      }
    }
  } catch (const sluice::SluiceError& e) {
    CheckPosition(e, sql);
  } catch (const std::exception& e) {
    Fail(std::string("unexpected exception: ") + e.what());
  }
  return 0;
}
