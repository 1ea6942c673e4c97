-- (a) CSV → Parquet partitioned by year, month: every column converted.
CREATE DATABASE IF NOT EXISTS bench;
CREATE EXTERNAL TABLE IF NOT EXISTS bench.feed (year string, month string, day string,
  customer_id string, product_code string, product_title string, instance_type string,
  region string, usage_unit_type string, usage_quantity double, estimated_revenue double,
  currency string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '${DATA_DIR}'
TBLPROPERTIES ('skip.header.line.count'='1');
CREATE TABLE bench.out_a WITH (format='PARQUET', external_location='${OUT_DIR}',
  partitioned_by=ARRAY['year','month'])
AS SELECT day, customer_id, product_code, product_title, instance_type, region,
  usage_unit_type, usage_quantity, estimated_revenue, currency, year, month
FROM bench.feed;
