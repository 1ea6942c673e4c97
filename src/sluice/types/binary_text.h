#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Text forms of VARBINARY that Trino's functions and literals use.

// Upper-case hex, two digits per byte ("0AFF"), as to_hex writes it.
std::string HexEncode(std::string_view bytes);
// Hex digits of either case, an even number of them; nullopt otherwise.
std::optional<std::string> HexDecode(std::string_view hex);

// RFC 4648 base64 with padding: the standard alphabet, or with `url` the
// URL-safe one ('-' and '_' for '+' and '/').
std::string Base64Encode(std::string_view bytes, bool url);
// Java's Base64 decoders as Trino uses them: padding optional but correct
// when present; a final group of one character or a character outside the
// alphabet is an error (nullopt). Bits left over after the last byte are
// ignored, as Java does.
std::optional<std::string> Base64Decode(std::string_view text, bool url);

}  // namespace sluice
