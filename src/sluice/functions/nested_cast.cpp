// CAST between nested types, as Trino allows it: array(T) to array(U) and
// map(K,V) to map(K2,V2) element by element, row(...) to row(...) with the
// same number of fields, field by field (names are the target's). Each
// level casts its whole child vector at once.
#include "sluice/functions/nested_cast.h"

#include "sluice/functions/cast.h"

namespace sluice::function {

bool NestedCastExists(const LogicalType& from, const LogicalType& to) {
  if (from.id() == TypeId::kInvalid) return true;
  if (from.id() != to.id() || from.Children().size() != to.Children().size()) return false;
  for (size_t i = 0; i < from.Children().size(); ++i) {
    if (!CastExists(from.Children()[i], to.Children()[i])) return false;
  }
  return true;
}

void CastNestedVector(const Vector& source, Vector& result, size_t count, bool try_cast) {
  for (size_t i = 0; i < count; ++i) result.SetNull(i, source.IsNull(i));
  if (result.type().id() == TypeId::kRow) {
    for (size_t f = 0; f < result.ChildCount(); ++f) {
      CastVector(source.child(f), result.child(f), count, try_cast);
    }
    return;
  }
  // Gather the rows' elements into one run first, so that only elements
  // some row holds are cast (child rows outside every entry are not values).
  Vector compact(source.type(), std::max<size_t>(count, 1));
  compact.CopyFrom(source, nullptr, count, 0);
  const size_t elements = compact.list_size();
  const size_t first = result.GrowList(elements);
  Vector& into = result.child();
  if (first == 0) {
    CastVector(compact.child(), into, elements, try_cast);
  } else {
    Vector cast(into.type(), std::max<size_t>(elements, 1));
    CastVector(compact.child(), cast, elements, try_cast);
    into.CopyFrom(cast, nullptr, elements, first);
  }
  const ListEntry* from = compact.data<ListEntry>();
  ListEntry* to = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    to[i] = ListEntry{static_cast<uint32_t>(from[i].offset + first), from[i].length};
  }
}

}  // namespace sluice::function
