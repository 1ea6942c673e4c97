#!/usr/bin/env bash
# make demo: generate the seed's feed into the local bucket, run demo/seed.sql.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build/release}
ROWS=${DEMO_ROWS:-200000}
RAW=demo/bucket/raw/awsmp/cas_daily_business_usage_by_instance_type

# A fresh run each time: the CTAS fails (like Athena) if its target exists.
rm -rf demo/bucket demo/warehouse
"$BUILD_DIR/bench/gen_feed" --rows "$ROWS" --files 4 --seed 42 --out "$RAW" > /dev/null
echo "generated $ROWS rows of the AWS Marketplace feed in $RAW/"
echo

"$BUILD_DIR/sluice" sql --warehouse demo/warehouse --local-buckets demo/bucket -f demo/seed.sql

echo
OUT=demo/bucket/demo-datalake/monthly_recurring_revenue
files=$(find "$OUT" -name '*.parquet' | sort)
echo "Parquet output: $(echo "$files" | wc -l) files in Hive-style folders under $OUT/, e.g."
echo "$files" | sed -n '1,3p'
