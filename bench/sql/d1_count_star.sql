-- (d1) count(*) over the CSV: how fast the reader finds the rows.
SELECT count(*) FROM bench.feed;
