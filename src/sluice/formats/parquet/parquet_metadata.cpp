#include "sluice/formats/parquet/parquet_metadata.h"

namespace sluice::parquet {

namespace {

using T = CompactWriter;

void WriteStatistics(int16_t id, const Statistics& s, bool legacy, CompactWriter& w) {
  w.FieldStructBegin(id);
  if (legacy && s.max_value) w.FieldBinary(1, *s.max_value);  // for old readers
  if (legacy && s.min_value) w.FieldBinary(2, *s.min_value);
  if (s.null_count) w.FieldI64(3, *s.null_count);
  if (s.distinct_count) w.FieldI64(4, *s.distinct_count);
  if (s.max_value) w.FieldBinary(5, *s.max_value);
  if (s.min_value) w.FieldBinary(6, *s.min_value);
  w.StructEnd();
}

void WriteLogicalType(const LogicalTypeInfo& l, CompactWriter& w) {
  w.FieldStructBegin(10);
  switch (l.kind) {
    case LogicalTypeInfo::kString: w.FieldStructBegin(1); w.StructEnd(); break;
    case LogicalTypeInfo::kDate: w.FieldStructBegin(6); w.StructEnd(); break;
    case LogicalTypeInfo::kJson: w.FieldStructBegin(12); w.StructEnd(); break;
    case LogicalTypeInfo::kDecimal:
      w.FieldStructBegin(5);
      w.FieldI32(1, l.scale);
      w.FieldI32(2, l.precision);
      w.StructEnd();
      break;
    case LogicalTypeInfo::kTimestamp:
      w.FieldStructBegin(8);
      w.FieldBool(1, l.utc);
      w.FieldStructBegin(2);
      w.FieldStructBegin(static_cast<int16_t>(l.time_unit));
      w.StructEnd();
      w.StructEnd();
      w.StructEnd();
      break;
    case LogicalTypeInfo::kInteger: {
      w.FieldStructBegin(10);
      // bitWidth is an i8: a raw byte in the compact protocol.
      w.buffer().push_back(static_cast<char>((1 << 4) | T::kByte));
      w.buffer().push_back(static_cast<char>(l.bit_width));
      // Field 2 follows field 1: delta 1.
      w.buffer().push_back(static_cast<char>((1 << 4) | (l.is_signed ? T::kBoolTrue : T::kBoolFalse)));
      w.StructEnd();  // writes the stop byte
      break;
    }
    default: break;
  }
  w.StructEnd();
}

}  // namespace

void WriteFileMetaData(const FileMetaData& m, CompactWriter& w) {
  w.StructBegin();
  w.FieldI32(1, m.version);
  w.FieldListBegin(2, T::kStruct, m.schema.size());
  for (const auto& s : m.schema) {
    w.StructBegin();
    if (s.type) w.FieldI32(1, *s.type);
    if (s.type_length) w.FieldI32(2, *s.type_length);
    if (s.repetition) w.FieldI32(3, *s.repetition);
    w.FieldBinary(4, s.name);
    if (s.num_children) w.FieldI32(5, *s.num_children);
    if (s.converted_type) w.FieldI32(6, *s.converted_type);
    if (s.scale) w.FieldI32(7, *s.scale);
    if (s.precision) w.FieldI32(8, *s.precision);
    if (s.logical.kind != LogicalTypeInfo::kNone) WriteLogicalType(s.logical, w);
    w.StructEnd();
  }
  w.FieldI64(3, m.num_rows);
  w.FieldListBegin(4, T::kStruct, m.row_groups.size());
  for (const auto& rg : m.row_groups) {
    w.StructBegin();
    w.FieldListBegin(1, T::kStruct, rg.columns.size());
    for (const auto& c : rg.columns) {
      w.StructBegin();
      w.FieldI64(2, c.file_offset);
      w.FieldStructBegin(3);
      const ColumnMetaData& md = c.meta;
      w.FieldI32(1, md.type);
      w.FieldListBegin(2, T::kI32, md.encodings.size());
      for (int32_t e : md.encodings) w.ListI32(e);
      w.FieldListBegin(3, T::kBinary, md.path.size());
      for (const auto& p : md.path) w.ListBinary(p);
      w.FieldI32(4, md.codec);
      w.FieldI64(5, md.num_values);
      w.FieldI64(6, md.total_uncompressed_size);
      w.FieldI64(7, md.total_compressed_size);
      w.FieldI64(9, md.data_page_offset);
      if (md.dictionary_page_offset) w.FieldI64(11, *md.dictionary_page_offset);
      bool legacy = md.type != kByteArrayType && md.type != kFixedLenByteArrayType;
      WriteStatistics(12, md.statistics, legacy, w);
      w.StructEnd();
      if (c.offset_index_offset) w.FieldI64(4, *c.offset_index_offset);
      if (c.offset_index_length) w.FieldI32(5, *c.offset_index_length);
      if (c.column_index_offset) w.FieldI64(6, *c.column_index_offset);
      if (c.column_index_length) w.FieldI32(7, *c.column_index_length);
      w.StructEnd();
    }
    w.FieldI64(2, rg.total_byte_size);
    w.FieldI64(3, rg.num_rows);
    w.FieldI64(5, rg.file_offset);
    w.FieldI64(6, rg.total_compressed_size);
    w.FieldI32(7, rg.ordinal);  // i16 and i32 share the zigzag varint form
    w.StructEnd();
  }
  if (!m.key_value.empty()) {
    w.FieldListBegin(5, T::kStruct, m.key_value.size());
    for (const auto& [k, v] : m.key_value) {
      w.StructBegin();
      w.FieldBinary(1, k);
      w.FieldBinary(2, v);
      w.StructEnd();
    }
  }
  w.FieldBinary(6, m.created_by);
  // column_orders: TYPE_ORDER for every column, so readers trust min/max.
  size_t leaves = m.schema.empty() ? 0 : m.schema.size() - 1;
  w.FieldListBegin(7, T::kStruct, leaves);
  for (size_t i = 0; i < leaves; ++i) {
    w.StructBegin();
    w.FieldStructBegin(1);
    w.StructEnd();
    w.StructEnd();
  }
  w.StructEnd();
}

void WritePageHeader(const PageHeader& h, CompactWriter& w) {
  w.StructBegin();
  w.FieldI32(1, h.type);
  w.FieldI32(2, h.uncompressed_size);
  w.FieldI32(3, h.compressed_size);
  if (h.type == kDataPage) {
    w.FieldStructBegin(5);
    w.FieldI32(1, h.data.num_values);
    w.FieldI32(2, h.data.encoding);
    w.FieldI32(3, kRle);
    w.FieldI32(4, kRle);
    w.StructEnd();
  } else if (h.type == kDataPageV2) {
    w.FieldStructBegin(8);
    w.FieldI32(1, h.data.num_values);
    w.FieldI32(2, h.data.num_nulls);
    w.FieldI32(3, h.data.num_rows);
    w.FieldI32(4, h.data.encoding);
    w.FieldI32(5, h.data.definition_levels_length);
    w.FieldI32(6, h.data.repetition_levels_length);
    w.FieldBool(7, h.data.is_compressed);
    w.StructEnd();
  } else if (h.type == kDictionaryPage) {
    w.FieldStructBegin(7);
    w.FieldI32(1, h.dictionary_num_values);
    w.FieldI32(2, h.dictionary_encoding);
    w.StructEnd();
  }
  w.StructEnd();
}

void WriteOffsetIndex(const OffsetIndex& index, CompactWriter& w) {
  w.StructBegin();
  w.FieldListBegin(1, T::kStruct, index.page_locations.size());
  for (const PageLocation& p : index.page_locations) {
    w.StructBegin();
    w.FieldI64(1, p.offset);
    w.FieldI32(2, p.compressed_page_size);
    w.FieldI64(3, p.first_row_index);
    w.StructEnd();
  }
  w.StructEnd();
}

void WriteColumnIndex(const ColumnIndex& index, CompactWriter& w) {
  w.StructBegin();
  w.FieldListBegin(1, T::kBoolTrue, index.null_pages.size());
  for (bool b : index.null_pages) w.ListBool(b);
  w.FieldListBegin(2, T::kBinary, index.min_values.size());
  for (const auto& v : index.min_values) w.ListBinary(v);
  w.FieldListBegin(3, T::kBinary, index.max_values.size());
  for (const auto& v : index.max_values) w.ListBinary(v);
  w.FieldI32(4, index.boundary_order);
  if (!index.null_counts.empty()) {
    w.FieldListBegin(5, T::kI64, index.null_counts.size());
    for (int64_t n : index.null_counts) w.ListI64(n);
  }
  w.StructEnd();
}

// ---------------------------------------------------------------- reading

namespace {

Statistics ReadStatistics(CompactReader& r) {
  Statistics s;
  r.StructBegin();
  for (;;) {
    auto f = r.ReadField();
    if (f.type == 0) break;
    if (f.id == 1 && f.type == T::kBinary) s.legacy_max = r.ReadBinary();
    else if (f.id == 2 && f.type == T::kBinary) s.legacy_min = r.ReadBinary();
    else if (f.id == 3 && f.type == T::kI64) s.null_count = r.ReadI64();
    else if (f.id == 4 && f.type == T::kI64) s.distinct_count = r.ReadI64();
    else if (f.id == 5 && f.type == T::kBinary) s.max_value = r.ReadBinary();
    else if (f.id == 6 && f.type == T::kBinary) s.min_value = r.ReadBinary();
    else r.Skip(f.type);
  }
  r.StructEnd();
  return s;
}

LogicalTypeInfo ReadLogicalType(CompactReader& r) {
  LogicalTypeInfo l;
  r.StructBegin();
  for (;;) {
    auto f = r.ReadField();
    if (f.type == 0) break;
    if (f.type != T::kStruct) {
      r.Skip(f.type);
      continue;
    }
    switch (f.id) {
      case 1: l.kind = LogicalTypeInfo::kString; r.Skip(f.type); break;
      case 2: l.kind = LogicalTypeInfo::kMap; r.Skip(f.type); break;
      case 3: l.kind = LogicalTypeInfo::kList; r.Skip(f.type); break;
      case 4: l.kind = LogicalTypeInfo::kEnum; r.Skip(f.type); break;
      case 11: l.kind = LogicalTypeInfo::kNull; r.Skip(f.type); break;
      case 13: l.kind = LogicalTypeInfo::kBson; r.Skip(f.type); break;
      case 14: l.kind = LogicalTypeInfo::kUuid; r.Skip(f.type); break;
      case 15: l.kind = LogicalTypeInfo::kFloat16; r.Skip(f.type); break;
      case 5:
        l.kind = LogicalTypeInfo::kDecimal;
        r.StructBegin();
        for (;;) {
          auto g = r.ReadField();
          if (g.type == 0) break;
          if (g.id == 1 && g.type == T::kI32) l.scale = r.ReadI32();
          else if (g.id == 2 && g.type == T::kI32) l.precision = r.ReadI32();
          else r.Skip(g.type);
        }
        r.StructEnd();
        break;
      case 6: l.kind = LogicalTypeInfo::kDate; r.Skip(f.type); break;
      case 12: l.kind = LogicalTypeInfo::kJson; r.Skip(f.type); break;
      case 7:
      case 8: {
        // TIME and TIMESTAMP share their fields: isAdjustedToUTC, unit.
        l.kind = f.id == 7 ? LogicalTypeInfo::kTime : LogicalTypeInfo::kTimestamp;
        r.StructBegin();
        for (;;) {
          auto g = r.ReadField();
          if (g.type == 0) break;
          if (g.id == 1) l.utc = r.ReadBool(g);
          else if (g.id == 2 && g.type == T::kStruct) {
            r.StructBegin();
            for (;;) {
              auto u = r.ReadField();
              if (u.type == 0) break;
              l.time_unit = u.id;
              r.Skip(u.type);
            }
            r.StructEnd();
          } else {
            r.Skip(g.type);
          }
        }
        r.StructEnd();
        break;
      }
      case 10: {
        l.kind = LogicalTypeInfo::kInteger;
        r.StructBegin();
        for (;;) {
          auto g = r.ReadField();
          if (g.type == 0) break;
          if (g.id == 1 && g.type == T::kByte) {
            // A raw byte: read it through Skip's byte path by hand.
            const uint8_t* before = r.position();
            r.Skip(g.type);
            l.bit_width = static_cast<int8_t>(*before);
          } else if (g.id == 2) {
            l.is_signed = r.ReadBool(g);
          } else {
            r.Skip(g.type);
          }
        }
        r.StructEnd();
        break;
      }
      default: l.kind = LogicalTypeInfo::kOther; r.Skip(f.type); break;
    }
  }
  r.StructEnd();
  return l;
}

template <typename F>
void ReadStruct(CompactReader& r, F&& on_field) {
  r.StructBegin();
  for (;;) {
    auto f = r.ReadField();
    if (f.type == 0) break;
    if (!on_field(f)) r.Skip(f.type);
  }
  r.StructEnd();
}

template <typename F>
void ReadList(CompactReader& r, F&& on_element) {
  auto [elem, n] = r.ReadListHeader();
  for (size_t i = 0; i < n; ++i) on_element(elem);
}

ColumnMetaData ReadColumnMetaData(CompactReader& r) {
  ColumnMetaData md;
  ReadStruct(r, [&](const CompactReader::Field& f) {
    switch (f.id) {
      case 1: md.type = r.ReadI32(); return true;
      case 2: ReadList(r, [&](uint8_t) { md.encodings.push_back(r.ReadI32()); }); return true;
      case 3: ReadList(r, [&](uint8_t) { md.path.push_back(r.ReadBinary()); }); return true;
      case 4: md.codec = r.ReadI32(); return true;
      case 5: md.num_values = r.ReadI64(); return true;
      case 6: md.total_uncompressed_size = r.ReadI64(); return true;
      case 7: md.total_compressed_size = r.ReadI64(); return true;
      case 9: md.data_page_offset = r.ReadI64(); return true;
      case 11: md.dictionary_page_offset = r.ReadI64(); return true;
      case 12:
        if (f.type != T::kStruct) return false;
        md.statistics = ReadStatistics(r);
        return true;
      default: return false;
    }
  });
  return md;
}

}  // namespace

FileMetaData ReadFileMetaData(CompactReader& r) {
  FileMetaData m;
  ReadStruct(r, [&](const CompactReader::Field& f) {
    switch (f.id) {
      case 1: m.version = r.ReadI32(); return true;
      case 2:
        ReadList(r, [&](uint8_t) {
          SchemaElement s;
          ReadStruct(r, [&](const CompactReader::Field& g) {
            switch (g.id) {
              case 1: s.type = r.ReadI32(); return true;
              case 2: s.type_length = r.ReadI32(); return true;
              case 3: s.repetition = r.ReadI32(); return true;
              case 4: s.name = r.ReadBinary(); return true;
              case 5: s.num_children = r.ReadI32(); return true;
              case 6: s.converted_type = r.ReadI32(); return true;
              case 7: s.scale = r.ReadI32(); return true;
              case 8: s.precision = r.ReadI32(); return true;
              case 10:
                if (g.type != T::kStruct) return false;
                s.logical = ReadLogicalType(r);
                return true;
              default: return false;
            }
          });
          m.schema.push_back(std::move(s));
        });
        return true;
      case 3: m.num_rows = r.ReadI64(); return true;
      case 4:
        ReadList(r, [&](uint8_t) {
          RowGroup rg;
          ReadStruct(r, [&](const CompactReader::Field& g) {
            switch (g.id) {
              case 1:
                ReadList(r, [&](uint8_t) {
                  ColumnChunk c;
                  ReadStruct(r, [&](const CompactReader::Field& h) {
                    if (h.id == 2) { c.file_offset = r.ReadI64(); return true; }
                    if (h.id == 3 && h.type == T::kStruct) { c.meta = ReadColumnMetaData(r); return true; }
                    if (h.id == 4 && h.type == T::kI64) { c.offset_index_offset = r.ReadI64(); return true; }
                    if (h.id == 5 && h.type == T::kI32) { c.offset_index_length = r.ReadI32(); return true; }
                    if (h.id == 6 && h.type == T::kI64) { c.column_index_offset = r.ReadI64(); return true; }
                    if (h.id == 7 && h.type == T::kI32) { c.column_index_length = r.ReadI32(); return true; }
                    if (h.id == 1) r.Corrupt("column chunks in other files are not supported");
                    return false;
                  });
                  rg.columns.push_back(std::move(c));
                });
                return true;
              case 2: rg.total_byte_size = r.ReadI64(); return true;
              case 3: rg.num_rows = r.ReadI64(); return true;
              default: return false;
            }
          });
          m.row_groups.push_back(std::move(rg));
        });
        return true;
      case 5:
        if (f.type != T::kList) return false;
        ReadList(r, [&](uint8_t elem) {
          if (elem != T::kStruct) r.Corrupt("key_value_metadata holds a non-struct");
          std::pair<std::string, std::string> kv;
          ReadStruct(r, [&](const CompactReader::Field& g) {
            if (g.id == 1 && g.type == T::kBinary) { kv.first = r.ReadBinary(); return true; }
            if (g.id == 2 && g.type == T::kBinary) { kv.second = r.ReadBinary(); return true; }
            return false;
          });
          m.key_value.push_back(std::move(kv));
        });
        return true;
      case 6: m.created_by = r.ReadBinary(); return true;
      default: return false;
    }
  });
  return m;
}

OffsetIndex ReadOffsetIndex(CompactReader& r) {
  OffsetIndex index;
  ReadStruct(r, [&](const CompactReader::Field& f) {
    if (f.id != 1 || f.type != T::kList) return false;
    ReadList(r, [&](uint8_t elem) {
      if (elem != T::kStruct) r.Corrupt("page location is not a struct");
      PageLocation p;
      ReadStruct(r, [&](const CompactReader::Field& g) {
        if (g.id == 1 && g.type == T::kI64) { p.offset = r.ReadI64(); return true; }
        if (g.id == 2 && g.type == T::kI32) { p.compressed_page_size = r.ReadI32(); return true; }
        if (g.id == 3 && g.type == T::kI64) { p.first_row_index = r.ReadI64(); return true; }
        return false;
      });
      index.page_locations.push_back(p);
    });
    return true;
  });
  return index;
}

ColumnIndex ReadColumnIndex(CompactReader& r) {
  ColumnIndex index;
  ReadStruct(r, [&](const CompactReader::Field& f) {
    if (f.type == T::kList && f.id == 1) {
      ReadList(r, [&](uint8_t) { index.null_pages.push_back(r.ReadListBool()); });
      return true;
    }
    if (f.type == T::kList && (f.id == 2 || f.id == 3)) {
      auto& out = f.id == 2 ? index.min_values : index.max_values;
      ReadList(r, [&](uint8_t elem) {
        if (elem != T::kBinary) r.Corrupt("page index bound is not binary");
        out.push_back(r.ReadBinary());
      });
      return true;
    }
    if (f.id == 4 && f.type == T::kI32) { index.boundary_order = r.ReadI32(); return true; }
    if (f.id == 5 && f.type == T::kList) {
      ReadList(r, [&](uint8_t) { index.null_counts.push_back(r.ReadI64()); });
      return true;
    }
    return false;
  });
  const size_t pages = index.null_pages.size();
  if (index.min_values.size() != pages || index.max_values.size() != pages ||
      (!index.null_counts.empty() && index.null_counts.size() != pages)) {
    r.Corrupt("column index lists differ in length");
  }
  return index;
}

PageHeader ReadPageHeader(CompactReader& r) {
  PageHeader h;
  ReadStruct(r, [&](const CompactReader::Field& f) {
    switch (f.id) {
      case 1: h.type = r.ReadI32(); return true;
      case 2: h.uncompressed_size = r.ReadI32(); return true;
      case 3: h.compressed_size = r.ReadI32(); return true;
      case 5:
        ReadStruct(r, [&](const CompactReader::Field& g) {
          if (g.id == 1) { h.data.num_values = r.ReadI32(); return true; }
          if (g.id == 2) { h.data.encoding = r.ReadI32(); return true; }
          if (g.id == 3) { h.data.definition_level_encoding = r.ReadI32(); return true; }
          if (g.id == 4) { h.data.repetition_level_encoding = r.ReadI32(); return true; }
          return false;
        });
        return true;
      case 7:
        ReadStruct(r, [&](const CompactReader::Field& g) {
          if (g.id == 1) { h.dictionary_num_values = r.ReadI32(); return true; }
          if (g.id == 2) { h.dictionary_encoding = r.ReadI32(); return true; }
          return false;
        });
        return true;
      case 8:
        ReadStruct(r, [&](const CompactReader::Field& g) {
          switch (g.id) {
            case 1: h.data.num_values = r.ReadI32(); return true;
            case 2: h.data.num_nulls = r.ReadI32(); return true;
            case 3: h.data.num_rows = r.ReadI32(); return true;
            case 4: h.data.encoding = r.ReadI32(); return true;
            case 5: h.data.definition_levels_length = r.ReadI32(); return true;
            case 6: h.data.repetition_levels_length = r.ReadI32(); return true;
            case 7: h.data.is_compressed = r.ReadBool(g); return true;
            default: return false;
          }
        });
        return true;
      default: return false;
    }
  });
  return h;
}

}  // namespace sluice::parquet
