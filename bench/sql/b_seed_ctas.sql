-- (b) The seed's CTAS, unchanged but for the names.
CREATE DATABASE IF NOT EXISTS bench;
CREATE EXTERNAL TABLE IF NOT EXISTS bench.feed (year string, month string, day string,
  customer_id string, product_code string, product_title string, instance_type string,
  region string, usage_unit_type string, usage_quantity double, estimated_revenue double,
  currency string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '${DATA_DIR}'
TBLPROPERTIES ('skip.header.line.count'='1');
CREATE TABLE bench.out_b WITH (format = 'Parquet', external_location = '${OUT_DIR}',
  partitioned_by = ARRAY['date'])
AS SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM (
SELECT year, month, day, product_code, estimated_revenue FROM bench.feed ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code;
