-- (r4) Window functions over the common Parquet input: a row number per
-- customer (50,000 partitions), a rank per product by revenue (200, with
-- ties) and a running revenue total per region by date (20, peers included:
-- Trino's default frame), summed so that the answer is one row.
SELECT count(*), sum(rn), sum(rk), sum(running)
FROM (SELECT row_number() OVER (PARTITION BY customer_id ORDER BY year, month, day) AS rn,
             rank() OVER (PARTITION BY product_code ORDER BY estimated_revenue DESC) AS rk,
             sum(estimated_revenue) OVER (PARTITION BY region ORDER BY year, month, day) AS running
      FROM bench.feed_parquet);
