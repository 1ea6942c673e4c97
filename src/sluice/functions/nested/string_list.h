#pragma once

#include <string_view>

#include "sluice/vector/vector.h"

namespace sluice::function {

// Appends a string element to the list vector `list` (array(varchar), or a
// map's key or value field through AppendStringEntry) and returns its child
// row. The bytes are referenced, not copied: callers share the buffers of
// the vector they point into (Vector::ShareBuffersOf on the child).
inline uint32_t AppendStringElement(Vector& list, std::string_view s) {
  const size_t row = list.GrowList(1);
  Vector& child = list.child();
  child.data<StringRef>()[row] = StringRef(s.data(), static_cast<uint32_t>(s.size()));
  child.SetNull(row, false);
  return static_cast<uint32_t>(row);
}

}  // namespace sluice::function
