-- (r1) A full scan of the common Parquet input: count and two sums by region.
SELECT region, count(*), sum(estimated_revenue), sum(usage_quantity)
FROM bench.feed_parquet GROUP BY region ORDER BY region;
