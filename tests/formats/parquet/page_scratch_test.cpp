#include "sluice/formats/parquet/page_scratch.h"

#include <gtest/gtest.h>

#include <thread>

namespace sluice::parquet {
namespace {

PageScratch Filled(const LogicalType& type, size_t values, size_t page_bytes) {
  PageScratch s;
  s.page = std::make_shared<std::string>(page_bytes, 'x');
  s.indices.resize(values);
  s.values = std::make_unique<Vector>(type, values);
  return s;
}

// Each test runs on a fresh thread, so it sees an empty pool.
template <typename F>
void OnFreshThread(F f) {
  std::thread t(f);
  t.join();
}

TEST(PageScratchTest, ReturnedBuffersAreTakenOverByTheNextReaderOfTheType) {
  OnFreshThread([] {
    EXPECT_EQ(AcquirePageScratch(LogicalType::Double()).page, nullptr);  // empty pool
    ReleasePageScratch(Filled(LogicalType::Varchar(), 1000, 4096));
    ReleasePageScratch(Filled(LogicalType::Double(), 2000, 8192));
    PageScratch d = AcquirePageScratch(LogicalType::Double());
    ASSERT_NE(d.values, nullptr);
    EXPECT_EQ(d.values->type(), LogicalType::Double());
    EXPECT_GE(d.page->capacity(), 8192u);
    // No entry of the type left: another's buffers, without its values.
    PageScratch i = AcquirePageScratch(LogicalType::Integer());
    EXPECT_EQ(i.values, nullptr);
    EXPECT_GE(i.page->capacity(), 4096u);
    EXPECT_EQ(AcquirePageScratch(LogicalType::Integer()).page, nullptr);
  });
}

TEST(PageScratchTest, PinnedPagesAndOversizedBuffersAreNotKept) {
  OnFreshThread([] {
    PageScratch pinned = Filled(LogicalType::Varchar(), 10, 100);
    auto held_by_a_batch = pinned.page;  // strings still point into it
    ReleasePageScratch(std::move(pinned));
    EXPECT_EQ(AcquirePageScratch(LogicalType::Varchar()).page, nullptr);
    ReleasePageScratch(Filled(LogicalType::Bigint(), 10, size_t{16} << 20));
    EXPECT_EQ(AcquirePageScratch(LogicalType::Bigint()).page, nullptr);
  });
}

TEST(PageScratchTest, AThreadKeepsABoundedAmount) {
  OnFreshThread([] {
    // 7 MiB each: only 9 fit the 64 MiB a thread may keep.
    for (int k = 0; k < 20; ++k) ReleasePageScratch(Filled(LogicalType::Double(), 10, size_t{7} << 20));
    int kept = 0;
    while (AcquirePageScratch(LogicalType::Double()).page) ++kept;
    EXPECT_EQ(kept, 9);
  });
}

}  // namespace
}  // namespace sluice::parquet
