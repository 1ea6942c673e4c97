-- (w1) CSV → snappy Parquet, every column, no partitioning.
CREATE TABLE bench.out_w1 WITH (format='PARQUET', external_location='${OUT_DIR}')
AS SELECT * FROM bench.feed;
