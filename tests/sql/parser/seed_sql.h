#pragma once

// The seed's CTAS (../shared/seed/), as its users wrote it: the parser tests
// parse it, the statement tests classify it.
namespace sluice::sql::test {

constexpr const char* kSeedCtas = R"(CREATE TABLE monthly_recurring_revenue WITH (
format = 'Parquet',
external_location = 's3://demo-datalake/monthly_recurring_revenue/',
partitioned_by = ARRAY['date']
) AS SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM (
SELECT year, month, day, product_code, estimated_revenue FROM "awsmp"."cas_daily_business_usage_by_instance_type" ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code)";

}  // namespace sluice::sql::test
