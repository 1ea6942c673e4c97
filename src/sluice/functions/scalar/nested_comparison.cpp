// =, <>, <, <=, >, >= on arrays, maps (= and <> only) and rows, with Trino's
// NULL rules: equality is NULL when no part differs but some part is NULL;
// ordering is lexicographic and fails on a NULL element it has to look at.
#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/nested_binding.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::function {
namespace {

enum class Truth : uint8_t { kFalse, kTrue, kNull };

Truth EqualValues(const Vector& a, size_t i, const Vector& b, size_t j);

// Parts pairwise: FALSE as soon as one pair differs, else NULL if one was NULL.
template <typename PairAt>
Truth AllEqual(size_t n, const PairAt& pair_equal) {
  bool saw_null = false;
  for (size_t k = 0; k < n; ++k) {
    const Truth t = pair_equal(k);
    if (t == Truth::kFalse) return Truth::kFalse;
    saw_null |= t == Truth::kNull;
  }
  return saw_null ? Truth::kNull : Truth::kTrue;
}

Truth EqualValues(const Vector& a, size_t i, const Vector& b, size_t j) {
  if (a.IsNull(i) || b.IsNull(j)) return Truth::kNull;
  switch (a.type().id()) {
    case TypeId::kArray: {
      const ListEntry ea = a.data<ListEntry>()[i], eb = b.data<ListEntry>()[j];
      if (ea.length != eb.length) return Truth::kFalse;
      return AllEqual(ea.length, [&](size_t k) {
        return EqualValues(a.child(), ea.offset + k, b.child(), eb.offset + k);
      });
    }
    case TypeId::kMap: {
      // Same keys, and equal values under each key.
      const ListEntry ea = a.data<ListEntry>()[i], eb = b.data<ListEntry>()[j];
      if (ea.length != eb.length) return Truth::kFalse;
      const Vector& ka = a.child().child(0);
      const Vector& kb = b.child().child(0);
      return AllEqual(ea.length, [&](size_t k) {
        for (uint32_t m = 0; m < eb.length; ++m) {
          if (RowsEqual(ka, ea.offset + k, kb, eb.offset + m)) {
            return EqualValues(a.child().child(1), ea.offset + k, b.child().child(1), eb.offset + m);
          }
        }
        return Truth::kFalse;
      });
    }
    case TypeId::kRow:
      return AllEqual(a.ChildCount(), [&](size_t f) { return EqualValues(a.child(f), i, b.child(f), j); });
    default:
      return RowsEqual(a, i, b, j) ? Truth::kTrue : Truth::kFalse;
  }
}

// Three-way order of two non-NULL values; a NULL part it must compare fails.
int OrderValues(const Vector& a, size_t i, const Vector& b, size_t j) {
  auto part = [](const Vector& x, size_t xi, const Vector& y, size_t yj, const char* what) {
    if (x.IsNull(xi) || y.IsNull(yj)) {
      throw SluiceError(ErrorCode::kNotSupported, std::string(what) + " comparison not supported for " +
                                                      AsciiLower(what) + "s with null elements");
    }
    return OrderValues(x, xi, y, yj);
  };
  switch (a.type().id()) {
    case TypeId::kArray: {
      const ListEntry ea = a.data<ListEntry>()[i], eb = b.data<ListEntry>()[j];
      for (uint32_t k = 0; k < std::min(ea.length, eb.length); ++k) {
        const int c = part(a.child(), ea.offset + k, b.child(), eb.offset + k, "ARRAY");
        if (c) return c;
      }
      return ea.length < eb.length ? -1 : (ea.length > eb.length ? 1 : 0);
    }
    case TypeId::kRow:
      for (size_t f = 0; f < a.ChildCount(); ++f) {
        const int c = part(a.child(f), i, b.child(f), j, "ROW");
        if (c) return c;
      }
      return 0;
    default: return CompareRows(a, i, b, j);
  }
}

template <bool kNegate>
void EqualKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    const Truth t = EqualValues(*args[0], i, *args[1], i);
    if (t == Truth::kNull) {
      result.SetNull(i);
    } else {
      out[i] = (t == Truth::kTrue) != kNegate;
    }
  }
}

// kLess/kEqualOk: < is (true, false), <= (true, true), > (false, false), >= (false, true).
template <bool kLess, bool kEqualOk>
void OrderKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  uint8_t* out = result.data<uint8_t>();
  const bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int c = OrderValues(*args[0], i, *args[1], i);
    out[i] = c == 0 ? kEqualOk : ((c < 0) == kLess);
  }
}

template <ScalarKernel kKernel, bool kNeedsOrder>
BoundCall<ScalarFunction> BindComparison(const std::vector<LogicalType>& args) {
  if (args.size() != 2 || !(args[0] == args[1]) || !args[0].IsNested() ||
      (kNeedsOrder && !args[0].IsOrderable())) {
    std::string list;
    for (const auto& t : args) list += (list.empty() ? "" : ", ") + t.ToString();
    throw SluiceError(ErrorCode::kTypeMismatch, "Cannot apply comparison to " + list +
                                                    (kNeedsOrder ? " (type is not orderable)" : ""));
  }
  return MakeBoundCall("", {args[0], args[1]}, LogicalType::Boolean(), kKernel, !kNeedsOrder ? false : true);
}

}  // namespace

void RegisterNestedComparisonFunctions(FunctionRegistry& registry) {
  registry.AddGenericScalar("equal", &BindComparison<&EqualKernel<false>, false>);
  registry.AddGenericScalar("not_equal", &BindComparison<&EqualKernel<true>, false>);
  registry.AddGenericScalar("less_than", &BindComparison<&OrderKernel<true, false>, true>);
  registry.AddGenericScalar("less_than_or_equal", &BindComparison<&OrderKernel<true, true>, true>);
  registry.AddGenericScalar("greater_than", &BindComparison<&OrderKernel<false, false>, true>);
  registry.AddGenericScalar("greater_than_or_equal", &BindComparison<&OrderKernel<false, true>, true>);
}

}  // namespace sluice::function
