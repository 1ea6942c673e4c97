#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sluice/formats/csv/byte_source.h"
#include "sluice/formats/csv/csv_block.h"

namespace sluice::csv {

// The input of one reader as a sequence of blocks: each new block starts with
// the unconsumed tail of the previous one (the row that straddles the
// boundary), followed by the next read. Memory stays at a few blocks whatever
// the file size; a block grows only to hold a row longer than itself. One
// thread.
class BlockStream {
 public:
  // About the size of a core's L2 cache: the read's copy out of the page
  // cache stays in cache for the tokenizer and the parsers (measured on the
  // d1/d2 bench: 8 MiB blocks were 10-15% slower).
  static constexpr size_t kDefaultBlockSize = size_t{1} << 20;

  // `first_offset` is the stream offset of the first byte the source returns.
  BlockStream(std::unique_ptr<ByteSource> source, uint64_t first_offset,
              size_t block_size = kDefaultBlockSize, bool count_lines = false);
  // Hands its unreferenced blocks to the next stream of the same thread.
  ~BlockStream();
  BlockStream(const BlockStream&) = delete;
  BlockStream& operator=(const BlockStream&) = delete;

  const std::shared_ptr<CsvBlock>& block() const { return block_; }
  const char* data() const { return block_->data.get(); }
  size_t size() const { return block_->size; }
  // Stream offset of data()[0].
  uint64_t offset() const { return offset_; }
  // True once the source is exhausted: no byte will follow data()[size()).
  bool at_eof() const { return at_eof_; }

  // Drops data()[0, keep_from) (or keeps it, when the block still has room
  // and the next read is appended in place) and reads more. Returns where the
  // byte that was at keep_from is now. at_eof() tells whether anything came.
  size_t Advance(size_t keep_from);

  // With count_lines: newlines in the stream before data()[0].
  uint64_t lines_before() const { return lines_before_; }

 private:
  std::shared_ptr<CsvBlock> TakeBlock(size_t capacity);

  std::unique_ptr<ByteSource> source_;
  size_t block_size_;
  bool count_lines_;
  std::shared_ptr<CsvBlock> block_;
  // Earlier blocks, reused once no vector refers to them any more.
  std::vector<std::shared_ptr<CsvBlock>> spares_;
  uint64_t offset_;
  uint64_t lines_before_ = 0;
  bool at_eof_ = false;
};

// Number of '\n' bytes in data[0, size).
uint64_t CountNewlines(const char* data, size_t size);

}  // namespace sluice::csv
