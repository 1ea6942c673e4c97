-- (b) The seed's CTAS, unchanged but for the names.
CREATE TABLE bench.out_b WITH (format = 'Parquet', external_location = '${OUT_DIR}',
  partitioned_by = ARRAY['date'])
AS SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM (
SELECT year, month, day, product_code, estimated_revenue FROM bench.feed ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code;
