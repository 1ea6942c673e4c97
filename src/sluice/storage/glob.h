#pragma once

#include <string>
#include <string_view>

namespace sluice {

// File name patterns in paths and URIs, as shells and DuckDB read them:
// `*` matches any run of characters but '/', `?` one character but '/',
// `[abc]`, `[a-z]` and `[!a]` one character of (or not of) a set, and `**`
// any run of characters including '/' (any depth of folders).

// True when `path` has a wildcard (*, ? or [).
bool HasGlob(std::string_view path);

// The part of `pattern` before the folder holding its first wildcard, ending
// in '/': what to list ("s3://b/raw/2022-*/x.csv" → "s3://b/raw/"). The
// pattern itself when it has no wildcard.
std::string GlobListingPrefix(std::string_view pattern);

// Whether all of `text` matches `pattern`.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace sluice
