-- The common Parquet input of r1 and r2 (one snappy file that DuckDB wrote
-- from the CSV, sorted by year, month, day); prepended to those workloads.
CREATE EXTERNAL TABLE IF NOT EXISTS bench.feed_parquet (year string, month string, day string,
  customer_id string, product_code string, product_title string, instance_type string,
  region string, usage_unit_type string, usage_quantity double, estimated_revenue double,
  currency string)
STORED AS PARQUET LOCATION '${PARQUET_DIR}';
