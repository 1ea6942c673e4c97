#include "sluice/exec/operators/physical_unnest.h"

#include <algorithm>

#include "sluice/expression/expression_executor.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

namespace {

constexpr uint32_t kPadding = UINT32_MAX;  // an output row without an element (LEFT JOIN)

struct UnnestState : LocalState {
  ExpressionExecutor executor;
  bool active = false;           // the current input batch has rows left to emit
  std::vector<Vector> lists;     // the expressions' values over the input
  std::vector<uint32_t> rows;    // per output row: its input row
  std::vector<uint32_t> positions;  // per output row: the element's position, or kPadding
  size_t emitted = 0;
  std::vector<uint32_t> sel;
};

// Output columns one expression gives.
size_t ColumnsOf(const LogicalType& t) {
  if (t.id() == TypeId::kMap) return 2;
  if (t.id() == TypeId::kArray && t.ElementType().id() == TypeId::kRow) return t.ElementType().Children().size();
  return 1;
}

}  // namespace

PhysicalUnnest::PhysicalUnnest(std::vector<LogicalType> types, std::vector<BoundExpressionPtr> exprs,
                               bool ordinality, bool left_outer)
    : PhysicalOperator(std::move(types)), exprs_(std::move(exprs)), ordinality_(ordinality), left_outer_(left_outer) {}

std::string PhysicalUnnest::Details() const {
  std::string s;
  for (size_t i = 0; i < exprs_.size(); ++i) s += (i ? ", " : "") + exprs_[i]->ToString();
  if (ordinality_) s += " WITH ORDINALITY";
  if (left_outer_) s += " (left)";
  return s;
}

std::unique_ptr<LocalState> PhysicalUnnest::InitLocalOperator(QueryContext&) {
  return std::make_unique<UnnestState>();
}

OperatorResult PhysicalUnnest::Execute(QueryContext&, DataChunk& input, DataChunk& out, LocalState& state) {
  auto& s = static_cast<UnnestState&>(state);
  const size_t count = input.size();
  if (!s.active) {
    // A new batch: evaluate the collections and lay out the output rows.
    s.lists.clear();
    for (const auto& e : exprs_) {
      s.lists.emplace_back(e->type, std::max(count, kVectorSize));
      s.executor.Execute(*e, input, s.lists.back());
    }
    s.rows.clear();
    s.positions.clear();
    for (size_t i = 0; i < count; ++i) {
      uint32_t longest = 0;
      for (const Vector& l : s.lists) {
        if (!l.IsNull(i)) longest = std::max(longest, l.data<ListEntry>()[i].length);
      }
      for (uint32_t k = 0; k < longest; ++k) {
        s.rows.push_back(static_cast<uint32_t>(i));
        s.positions.push_back(k);
      }
      if (longest == 0 && left_outer_) {
        s.rows.push_back(static_cast<uint32_t>(i));
        s.positions.push_back(kPadding);
      }
    }
    s.emitted = 0;
    s.active = true;
  }
  const size_t n = std::min(kVectorSize, s.rows.size() - s.emitted);
  const uint32_t* rows = s.rows.data() + s.emitted;
  const uint32_t* positions = s.positions.data() + s.emitted;
  const size_t width = input.ColumnCount();
  for (size_t c = 0; c < width; ++c) out.column(c).CopyFrom(input.column(c), rows, n, 0);
  size_t column = width;
  for (const Vector& list : s.lists) {
    // The element's child row, or NULL past this list's end.
    s.sel.resize(n);
    const ListEntry* entries = list.data<ListEntry>();
    for (size_t j = 0; j < n; ++j) {
      const ListEntry e = entries[rows[j]];
      const bool present = positions[j] != kPadding && !list.IsNull(rows[j]) && positions[j] < e.length;
      s.sel[j] = present ? e.offset + positions[j] : kNullRow;
    }
    const Vector& elements = list.child();
    const LogicalType& type = list.type();
    if (type.id() == TypeId::kArray && type.ElementType().id() != TypeId::kRow) {
      GatherWithNulls(elements, s.sel.data(), n, out.column(column++));
      continue;
    }
    // A map's entries and an array's rows spread into their fields; a NULL
    // row element gives NULL fields.
    for (size_t j = 0; j < n; ++j) {
      if (s.sel[j] != kNullRow && elements.IsNull(s.sel[j])) s.sel[j] = kNullRow;
    }
    std::vector<uint32_t> field_sel;
    for (size_t f = 0; f < ColumnsOf(type); ++f) {
      field_sel = s.sel;  // GatherWithNulls overwrites its selection
      GatherWithNulls(elements.child(f), field_sel.data(), n, out.column(column++));
    }
  }
  if (ordinality_) {
    Vector& ord = out.column(column);
    int64_t* values = ord.data<int64_t>();
    for (size_t j = 0; j < n; ++j) {
      if (positions[j] == kPadding) ord.SetNull(j);
      else values[j] = positions[j] + 1;
    }
  }
  out.SetSize(n);
  s.emitted += n;
  if (s.emitted < s.rows.size()) return OperatorResult::kHaveMoreOutput;
  s.active = false;
  return OperatorResult::kNeedMoreInput;
}

}  // namespace sluice::exec
