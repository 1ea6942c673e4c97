CREATE TABLE awsmp.revenue WITH (format = 'PARQUET', external_location = 's3://bucket/out/',
  partitioned_by = ARRAY['date']) AS
SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') AS date FROM (
  SELECT year, month, day, product_code, estimated_revenue
  FROM "awsmp"."cas_daily_business_usage_by_instance_type" ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code;
