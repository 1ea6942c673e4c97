-- (r3) A hash join over the common Parquet input: every row with its
-- customer's revenue total (about 50,000 customers: the build side), kept
-- where that total is over 130,000 (about 45 % of the rows).
SELECT count(*), sum(c.total), sum(f.estimated_revenue)
FROM bench.feed_parquet f
JOIN (SELECT customer_id, sum(estimated_revenue) AS total FROM bench.feed_parquet GROUP BY customer_id) c
  ON f.customer_id = c.customer_id
WHERE c.total > 130000;
