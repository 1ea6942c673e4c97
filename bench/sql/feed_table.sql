-- The generated feed as an external table; prepended to each workload.
CREATE DATABASE IF NOT EXISTS bench;
CREATE EXTERNAL TABLE IF NOT EXISTS bench.feed (year string, month string, day string,
  customer_id string, product_code string, product_title string, instance_type string,
  region string, usage_unit_type string, usage_quantity double, estimated_revenue double,
  currency string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '${DATA_DIR}'
TBLPROPERTIES ('skip.header.line.count'='1');
