-- (d2) Every field of every row parsed: one count per column, all 12.
SELECT count(year), count(month), count(day), count(customer_id), count(product_code),
  count(product_title), count(instance_type), count(region), count(usage_unit_type),
  count(usage_quantity), count(estimated_revenue), count(currency)
FROM bench.feed;
