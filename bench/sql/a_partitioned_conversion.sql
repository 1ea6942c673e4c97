-- (a) CSV → Parquet partitioned by year, month: every column converted.
CREATE TABLE bench.out_a WITH (format='PARQUET', external_location='${OUT_DIR}',
  partitioned_by=ARRAY['year','month'])
AS SELECT day, customer_id, product_code, product_title, instance_type, region,
  usage_unit_type, usage_quantity, estimated_revenue, currency, year, month
FROM bench.feed;
