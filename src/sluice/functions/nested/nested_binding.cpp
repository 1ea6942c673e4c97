#include "sluice/functions/nested/nested_binding.h"

#include "sluice/common/error.h"

namespace sluice::function {

BoundCall<ScalarFunction> MakeBoundCall(const std::string& name, std::vector<LogicalType> arg_types,
                                        LogicalType return_type, ScalarKernel kernel, bool null_propagating) {
  BoundCall<ScalarFunction> call;
  call.function.name = name;
  call.function.arg_types = arg_types;
  call.function.return_type = std::move(return_type);
  call.function.kernel = kernel;
  call.function.null_propagating = null_propagating;
  call.arg_types = std::move(arg_types);
  return call;
}

LogicalType CommonElementType(const std::vector<LogicalType>& types, const std::string& what) {
  LogicalType common;
  for (const LogicalType& t : types) {
    if (t.id() == TypeId::kInvalid) continue;
    if (common.id() == TypeId::kInvalid) {
      common = t;
      continue;
    }
    LogicalType next = CommonSuperType(common, t);
    if (next.id() == TypeId::kInvalid) {
      throw SluiceError(ErrorCode::kTypeMismatch,
                        what + " must be the same type: " + common.ToString() + ", " + t.ToString());
    }
    common = next;
  }
  return common;
}

}  // namespace sluice::function
