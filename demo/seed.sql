-- The seed pipeline (Builder's Diary Vol. 2): raw CSV from data providers
-- in a bucket → the seed's CTAS → monthly recurring revenue as
-- Hive-partitioned Parquet. The bucket is the folder demo/bucket/ (make demo
-- runs sluice with --local-buckets demo/bucket), so the s3:// locations below
-- are exactly what runs against S3.

CREATE DATABASE IF NOT EXISTS awsmp;

-- The AWS Marketplace "daily business usage by instance type" feed.
CREATE EXTERNAL TABLE IF NOT EXISTS awsmp.cas_daily_business_usage_by_instance_type (
  year string,
  month string,
  day string,
  customer_id string,
  product_code string,
  product_title string,
  instance_type string,
  region string,
  usage_unit_type string,
  usage_quantity double,
  estimated_revenue double,
  currency string
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
LOCATION 's3://raw/awsmp/cas_daily_business_usage_by_instance_type/'
TBLPROPERTIES ('skip.header.line.count'='1');

-- The seed's statement, unchanged.
CREATE TABLE monthly_recurring_revenue WITH (
format = 'Parquet',
external_location = 's3://demo-datalake/monthly_recurring_revenue/',
partitioned_by = ARRAY['date']
) AS SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM (
SELECT year, month, day, product_code, estimated_revenue FROM "awsmp"."cas_daily_business_usage_by_instance_type" ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code;

-- Monthly recurring revenue, from the Parquet just written.
SELECT date, count(*) AS products, round(sum(revenue), 2) AS revenue
FROM monthly_recurring_revenue
GROUP BY date
ORDER BY date;

-- One month: only the date=2022-08-01 partition is read.
SELECT product_code, round(revenue, 2) AS revenue
FROM monthly_recurring_revenue
WHERE date = '2022-08-01'
ORDER BY revenue DESC
LIMIT 5;
