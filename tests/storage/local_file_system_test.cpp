#include <gtest/gtest.h>

#include <filesystem>

#include "sluice/common/error.h"
#include "sluice/storage/bucket_directory_file_system.h"
#include "sluice/storage/local_file_system.h"

namespace sluice {
namespace {

class LocalFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-fs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& rel) { return (dir_ / rel).string(); }
  std::filesystem::path dir_;
  LocalFileSystem fs_;
};

TEST_F(LocalFileSystemTest, WriteIsInvisibleUntilClose) {
  auto out = fs_.OpenForWrite(Path("a/b/file.txt"));
  out->Write("hello", 5);
  EXPECT_FALSE(fs_.Exists(Path("a/b/file.txt")));
  EXPECT_TRUE(fs_.List(Path("a")).empty());  // the temp file is hidden
  out->Close();
  EXPECT_EQ(fs_.ReadAll(Path("a/b/file.txt")), "hello");
}

TEST_F(LocalFileSystemTest, AbortLeavesNothing) {
  {
    auto out = fs_.OpenForWrite(Path("x.txt"));
    out->Write("data", 4);
  }  // destroyed without Close
  EXPECT_TRUE(fs_.List(Path(""), true).empty());
}

TEST_F(LocalFileSystemTest, ListIsRecursiveSortedAndSkipsHidden) {
  fs_.WriteAll(Path("t/date=2/b.csv"), "2");
  fs_.WriteAll(Path("t/date=1/a.csv"), "1");
  fs_.WriteAll(Path("t/_staging/x.csv"), "x");
  fs_.WriteAll(Path("t/.hidden"), "h");
  auto files = fs_.List(Path("t"));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, Path("t/date=1/a.csv"));
  EXPECT_EQ(files[1].path, Path("t/date=2/b.csv"));
  EXPECT_EQ(files[0].size, 1u);
  EXPECT_EQ(fs_.List(Path("t"), true).size(), 4u);
}

TEST_F(LocalFileSystemTest, RangedReadsCountBytes) {
  fs_.WriteAll(Path("r.bin"), "0123456789");
  auto f = fs_.OpenForRead(Path("r.bin"));
  std::atomic<uint64_t> counter{0};
  f->AttachByteCounter(&counter);
  char buf[4];
  f->ReadAt(3, 4, buf);
  EXPECT_EQ(std::string(buf, 4), "3456");
  EXPECT_EQ(counter.load(), 4u);
  EXPECT_THROW(f->ReadAt(8, 4, buf), SluiceError);
}

TEST_F(LocalFileSystemTest, MoveNeverReplaces) {
  fs_.WriteAll(Path("a"), "a");
  fs_.WriteAll(Path("b"), "b");
  EXPECT_THROW(fs_.Move(Path("a"), Path("b")), SluiceError);
  fs_.Move(Path("a"), Path("sub/c"));
  EXPECT_EQ(fs_.ReadAll(Path("sub/c")), "a");
  EXPECT_FALSE(fs_.Exists(Path("a")));
}

TEST_F(LocalFileSystemTest, FileUrisWork) {
  fs_.WriteAll("file://" + Path("u.txt"), "u");
  auto files = fs_.List("file://" + dir_.string());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "file://" + Path("u.txt"));
}

TEST_F(LocalFileSystemTest, BucketDirectoryServesS3Uris) {
  BucketDirectoryFileSystem s3(dir_.string());
  s3.WriteAll("s3://lake/t/date=1/f.parquet", "p");
  EXPECT_EQ(fs_.ReadAll(Path("lake/t/date=1/f.parquet")), "p");
  auto files = s3.List("s3://lake/t/");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "s3://lake/t/date=1/f.parquet");
}

TEST(FileSystemForTest, S3WithoutConfigurationExplainsTheOption) {
  SetLocalBucketRoot("");
  try {
    FileSystemFor("s3://b/k");
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_NE(e.message().find("--local-buckets"), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice
