#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sluice {

// Error codes follow Athena/Trino naming so that users (and, later, the Athena
// API) see the same names they know. User errors describe bad input; internal
// errors are bugs or environment failures.
enum class ErrorCode {
  kSyntaxError,
  kSchemaNotFound,
  kSchemaAlreadyExists,
  kTableNotFound,
  kTableAlreadyExists,
  kColumnNotFound,
  kAmbiguousName,
  kTypeMismatch,
  kFunctionNotFound,
  kInvalidFunctionArgument,
  kNotSupported,
  kBadData,              // HIVE_BAD_DATA: a data file does not match its table
  kCorruptFile,          // a file's bytes are not a valid file of its format
  kPathAlreadyExists,    // HIVE_PATH_ALREADY_EXISTS
  kNumericOverflow,
  kDivisionByZero,
  kInvalidCast,
  kIoError,
  kCancelled,
  kInvalidSessionProperty,
  // Window functions and FILTER (Trino's semantic error codes).
  kInvalidWindowFrame,
  kMissingOrderBy,
  kInvalidOrderBy,
  kInvalidPartitionBy,
  kNestedWindow,
  kInvalidWindowReference,
  kDuplicateWindowName,
  kExpressionNotScalar,
  kFunctionNotAggregate,
  kFunctionNotWindow,
  kNullTreatmentNotAllowed,
  kSubqueryMultipleRows,  // a scalar subquery returned more than one row
  kExceededFunctionMemoryLimit,  // a function's result is too large (listagg)
  kInvalidLiteral,        // a typed literal's text is not a value of its type
  kInternal,
  kRetryStatement,       // internal: the statement must run again (speculation failed)
};

// "SYNTAX_ERROR", "HIVE_BAD_DATA", ...
std::string_view ErrorCodeName(ErrorCode code);
bool IsUserError(ErrorCode code);

// A 1-based line and column in a SQL text or a data file.
struct SourcePosition {
  uint32_t line = 0;
  uint32_t column = 0;
};

// The one exception type that ends a statement. Thrown anywhere below the CLI
// or service; caught once at that boundary.
class SluiceError : public std::runtime_error {
 public:
  SluiceError(ErrorCode code, std::string message,
              std::optional<SourcePosition> position = std::nullopt);

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::optional<SourcePosition>& position() const { return position_; }

  // "line 3:14: SYNTAX_ERROR: mismatched input ..." (position only when known).
  std::string Describe() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::optional<SourcePosition> position_;
};

[[noreturn]] void ThrowInternal(const std::string& message);

}  // namespace sluice

// Programmer-error checks that stay on in release builds: a service must report
// a broken invariant as an internal error, not abort.
#define SLUICE_CHECK(cond, msg)                                          \
  do {                                                                   \
    if (!(cond)) ::sluice::ThrowInternal(std::string("check failed: ") + \
                                         #cond + ": " + (msg));          \
  } while (0)
