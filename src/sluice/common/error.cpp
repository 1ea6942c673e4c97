#include "sluice/common/error.h"

namespace sluice {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kSyntaxError: return "SYNTAX_ERROR";
    case ErrorCode::kSchemaNotFound: return "SCHEMA_NOT_FOUND";
    case ErrorCode::kSchemaAlreadyExists: return "SCHEMA_ALREADY_EXISTS";
    case ErrorCode::kTableNotFound: return "TABLE_NOT_FOUND";
    case ErrorCode::kTableAlreadyExists: return "TABLE_ALREADY_EXISTS";
    case ErrorCode::kColumnNotFound: return "COLUMN_NOT_FOUND";
    case ErrorCode::kAmbiguousName: return "AMBIGUOUS_NAME";
    case ErrorCode::kTypeMismatch: return "TYPE_MISMATCH";
    case ErrorCode::kFunctionNotFound: return "FUNCTION_NOT_FOUND";
    case ErrorCode::kInvalidFunctionArgument: return "INVALID_FUNCTION_ARGUMENT";
    case ErrorCode::kNotSupported: return "NOT_SUPPORTED";
    case ErrorCode::kBadData: return "HIVE_BAD_DATA";
    case ErrorCode::kCorruptFile: return "HIVE_CANNOT_OPEN_SPLIT";
    case ErrorCode::kPathAlreadyExists: return "HIVE_PATH_ALREADY_EXISTS";
    case ErrorCode::kNumericOverflow: return "NUMERIC_VALUE_OUT_OF_RANGE";
    case ErrorCode::kDivisionByZero: return "DIVISION_BY_ZERO";
    case ErrorCode::kInvalidCast: return "INVALID_CAST_ARGUMENT";
    case ErrorCode::kIoError: return "IO_ERROR";
    case ErrorCode::kCancelled: return "USER_CANCELED";
    case ErrorCode::kInvalidSessionProperty: return "INVALID_SESSION_PROPERTY";
    case ErrorCode::kInvalidWindowFrame: return "INVALID_WINDOW_FRAME";
    case ErrorCode::kMissingOrderBy: return "MISSING_ORDER_BY";
    case ErrorCode::kInvalidOrderBy: return "INVALID_ORDER_BY";
    case ErrorCode::kInvalidPartitionBy: return "INVALID_PARTITION_BY";
    case ErrorCode::kNestedWindow: return "NESTED_WINDOW";
    case ErrorCode::kInvalidWindowReference: return "INVALID_WINDOW_REFERENCE";
    case ErrorCode::kDuplicateWindowName: return "DUPLICATE_WINDOW_NAME";
    case ErrorCode::kExpressionNotScalar: return "EXPRESSION_NOT_SCALAR";
    case ErrorCode::kFunctionNotAggregate: return "FUNCTION_NOT_AGGREGATE";
    case ErrorCode::kFunctionNotWindow: return "FUNCTION_NOT_WINDOW";
    case ErrorCode::kNullTreatmentNotAllowed: return "NULL_TREATMENT_NOT_ALLOWED";
    case ErrorCode::kSubqueryMultipleRows: return "SUBQUERY_MULTIPLE_ROWS";
    case ErrorCode::kExceededFunctionMemoryLimit: return "EXCEEDED_FUNCTION_MEMORY_LIMIT";
    case ErrorCode::kInvalidLiteral: return "INVALID_LITERAL";
    case ErrorCode::kInternal: return "GENERIC_INTERNAL_ERROR";
    case ErrorCode::kRetryStatement: return "GENERIC_INTERNAL_ERROR";
  }
  return "GENERIC_INTERNAL_ERROR";
}

bool IsUserError(ErrorCode code) {
  return code != ErrorCode::kInternal && code != ErrorCode::kIoError;
}

SluiceError::SluiceError(ErrorCode code, std::string message,
                         std::optional<SourcePosition> position)
    : std::runtime_error(message), code_(code), message_(std::move(message)),
      position_(position) {}

std::string SluiceError::Describe() const {
  std::string out;
  if (position_) {
    out += "line " + std::to_string(position_->line) + ":" +
           std::to_string(position_->column) + ": ";
  }
  out += ErrorCodeName(code_);
  out += ": ";
  out += message_;
  return out;
}

void ThrowInternal(const std::string& message) {
  throw SluiceError(ErrorCode::kInternal, message);
}

}  // namespace sluice
