#pragma once

#include <string>
#include <vector>

#include "sluice/functions/function_registry.h"

// Helpers the generic binders of the nested functions share: building a
// BoundCall and Trino's errors for arguments that do not fit.
namespace sluice::function {

BoundCall<ScalarFunction> MakeBoundCall(const std::string& name, std::vector<LogicalType> arg_types,
                                        LogicalType return_type, ScalarKernel kernel,
                                        bool null_propagating = true);

// The type all of `types` coerce to (untyped NULLs fit anything, a date
// meets a timestamp as timestamp); kInvalid when all are NULL. Throws
// TYPE_MISMATCH "`what` must be the same type: a, b" when two do not meet.
LogicalType CommonElementType(const std::vector<LogicalType>& types, const std::string& what);

// Whether `t` is an integer type an index may have (cast to bigint).
inline bool IsIndexType(const LogicalType& t) { return t.IsInteger() || t.id() == TypeId::kInvalid; }

}  // namespace sluice::function
