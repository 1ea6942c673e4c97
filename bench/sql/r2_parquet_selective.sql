-- (r2) One month of the sorted Parquet input: row-group statistics on year
-- and month can skip most of the file.
SELECT count(*), sum(estimated_revenue) FROM bench.feed_parquet
WHERE year = '2022' AND month = '08';
