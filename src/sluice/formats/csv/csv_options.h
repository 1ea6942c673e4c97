#pragma once

#include <cstddef>
#include <string>

namespace sluice::csv {

// How a delimited text file is read (from the table's SerDe and properties).
struct CsvOptions {
  char delimiter = ',';
  char quote = '"';          // '\0' = no quoting (Hive LazySimpleSerDe)
  char escape = '\0';        // '\0' = none; inside quotes a doubled quote escapes
  std::string null_string;   // a field equal to this is NULL when null_string_set
  bool null_string_set = false;
  size_t skip_header_lines = 0;     // at the start of each file
  bool error_on_bad_value = false;  // false: unparsable value → NULL (Hive)
};

}  // namespace sluice::csv
