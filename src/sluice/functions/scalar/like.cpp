// LIKE with '%' (any sequence) and '_' (one code point), optional ESCAPE.
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/utf8.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

using utf8::CodePointLength;

// Iterative matcher with backtracking to the last '%': linear in practice.
bool Like(std::string_view s, std::string_view p, char escape) {
  size_t si = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
      if (escape && pc == escape && pi + 1 < p.size()) {
        if (s[si] == p[pi + 1]) {
          si++;
          pi += 2;
          continue;
        }
      } else if (pc == '%') {
        star_p = ++pi;
        star_s = si;
        continue;
      } else if (pc == '_') {
        si += CodePointLength(static_cast<unsigned char>(s[si]));
        pi++;
        continue;
      } else if (pc == s[si]) {
        si++;
        pi++;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_s += CodePointLength(static_cast<unsigned char>(s[star_s]));
    si = star_s;
    pi = star_p;
  }
  while (pi < p.size() && p[pi] == '%') pi++;
  return pi == p.size();
}

template <bool kEscape>
void LikeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* s = args[0]->data<StringRef>();
  const StringRef* p = args[1]->data<StringRef>();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    char escape = 0;
    if constexpr (kEscape) {
      StringRef e = args[2]->data<StringRef>()[i];
      if (e.size() != 1) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Escape string must be a single character");
      }
      escape = e.data()[0];
    }
    out[i] = Like(s[i].view(), p[i].view(), escape);
  }
}

}  // namespace

void RegisterLikeFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  r.AddScalar({"like", {v, v}, LogicalType::Boolean(), LikeKernel<false>});
  r.AddScalar({"like", {v, v, v}, LogicalType::Boolean(), LikeKernel<true>});
}

}  // namespace sluice::function
