#include "sluice/formats/parquet/compression.h"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>

#include "sluice/common/error.h"

namespace sluice::parquet {

int CodecThriftId(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return 0;
    case Codec::kSnappy: return 1;
    case Codec::kGzip: return 2;
    case Codec::kZstd: return 6;
    case Codec::kLz4Raw: return 7;
  }
  return 0;
}

const char* CodecName(int id) {
  static const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  return id >= 0 && id < 8 ? kNames[id] : "UNKNOWN";
}

void Compress(Codec codec, int level, std::string_view in, std::string& out) {
  switch (codec) {
    case Codec::kUncompressed:
      out.assign(in.data(), in.size());
      return;
    case Codec::kSnappy: {
      out.resize(snappy::MaxCompressedLength(in.size()));
      size_t n;
      snappy::RawCompress(in.data(), in.size(), out.data(), &n);
      out.resize(n);
      return;
    }
    case Codec::kZstd: {
      out.resize(ZSTD_compressBound(in.size()));
      size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), level ? level : ZSTD_CLEVEL_DEFAULT);
      if (ZSTD_isError(n)) ThrowInternal(std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return;
    }
    case Codec::kLz4Raw: {
      out.resize(static_cast<size_t>(LZ4_compressBound(static_cast<int>(in.size()))));
      int n = LZ4_compress_default(in.data(), out.data(), static_cast<int>(in.size()),
                                   static_cast<int>(out.size()));
      if (n <= 0) ThrowInternal("lz4 compression failed");
      out.resize(static_cast<size_t>(n));
      return;
    }
    case Codec::kGzip: {
      z_stream z{};
      if (deflateInit2(&z, level ? level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        ThrowInternal("gzip init failed");
      }
      out.resize(deflateBound(&z, in.size()) + 32);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z.avail_in = static_cast<uInt>(in.size());
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&z, Z_FINISH);
      deflateEnd(&z);
      if (rc != Z_STREAM_END) ThrowInternal("gzip compression failed");
      out.resize(z.total_out);
      return;
    }
  }
}

bool Decompress(int codec, std::string_view in, std::string& out) {
  switch (codec) {
    case 0:
      if (in.size() != out.size()) return false;
      std::memcpy(out.data(), in.data(), in.size());
      return true;
    case 1: {
      size_t n;
      if (!snappy::GetUncompressedLength(in.data(), in.size(), &n) || n != out.size()) return false;
      return snappy::RawUncompress(in.data(), in.size(), out.data());
    }
    case 2: {
      z_stream z{};
      if (inflateInit2(&z, 32 + MAX_WBITS) != Z_OK) return false;
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z.avail_in = static_cast<uInt>(in.size());
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      int rc = inflate(&z, Z_FINISH);
      size_t n = z.total_out;
      inflateEnd(&z);
      return (rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR) && n == out.size();
    }
    case 6: {
      size_t n = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
      return !ZSTD_isError(n) && n == out.size();
    }
    case 5: {
      // The deprecated LZ4 codec: Hadoop's framing (big-endian uncompressed
      // and compressed sizes before each block), or a bare block as some
      // writers produced.
      size_t in_pos = 0, out_pos = 0;
      auto be32 = [&](size_t at) {
        const auto* p = reinterpret_cast<const uint8_t*>(in.data()) + at;
        return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
      };
      bool framed = true;
      while (in_pos < in.size()) {
        if (in.size() - in_pos < 8) { framed = false; break; }
        const uint32_t raw = be32(in_pos), packed = be32(in_pos + 4);
        if (packed > in.size() - in_pos - 8 || raw > out.size() - out_pos) { framed = false; break; }
        const int n = LZ4_decompress_safe(in.data() + in_pos + 8, out.data() + out_pos, static_cast<int>(packed),
                                          static_cast<int>(raw));
        if (n < 0 || static_cast<uint32_t>(n) != raw) { framed = false; break; }
        in_pos += 8 + packed;
        out_pos += raw;
      }
      if (framed && out_pos == out.size()) return true;
      const int n = LZ4_decompress_safe(in.data(), out.data(), static_cast<int>(in.size()),
                                        static_cast<int>(out.size()));
      return n >= 0 && static_cast<size_t>(n) == out.size();
    }
    case 7: {
      int n = LZ4_decompress_safe(in.data(), out.data(), static_cast<int>(in.size()),
                                  static_cast<int>(out.size()));
      return n >= 0 && static_cast<size_t>(n) == out.size();
    }
    default:
      throw SluiceError(ErrorCode::kNotSupported,
                        std::string("Parquet compression ") + CodecName(codec) + " is not supported");
  }
}

}  // namespace sluice::parquet
