#pragma once

#include <memory>

#include "sluice/formats/csv/byte_source.h"

namespace sluice::csv {

// Streaming decompressors over a whole file: compressed bytes come in 1 MiB
// reads, so memory stays bounded whatever the file size. Corrupt or truncated
// input throws SluiceError(kCorruptFile) naming the file.

// gzip (also zlib-wrapped deflate); concatenated members (`cat a.gz b.gz`)
// are read one after another, as gzip(1) does.
std::unique_ptr<ByteSource> OpenGzipSource(std::shared_ptr<RandomAccessFile> file);
// zstd; concatenated and skippable frames are read as zstd(1) does.
std::unique_ptr<ByteSource> OpenZstdSource(std::shared_ptr<RandomAccessFile> file);

}  // namespace sluice::csv
