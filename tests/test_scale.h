#pragma once

#include <algorithm>

// Exhaustive and randomised tests run fewer cases under AddressSanitizer,
// where each costs 20-100x more (large buffers are mapped and poisoned on
// every allocation): the release build, which `make test` runs too, runs
// them all.
namespace sluice::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

// n cases in release builds; n / divisor (at least 1) under sanitizers.
constexpr int ScaledCases(int n, int divisor = 4) { return kSanitized ? std::max(1, n / divisor) : n; }

}  // namespace sluice::test
