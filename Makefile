# Entry points. Each builds what it needs and installs missing Debian
# packages first (scripts/install-deps is quiet when all are present).
BUILD_DIR ?= build/release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps node-deps build demo test test-release test-asan test-differential bench fuzz clean

all: build

deps:
	@bash scripts/install-deps

node-deps: deps
	@bash scripts/install-deps --node

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Generates the seed's feed into demo/bucket/raw/, runs demo/seed.sql
# (CREATE EXTERNAL TABLE, the seed's CTAS, a query over the result).
demo: build
	@bash demo/run.sh $(BUILD_DIR)

# Every test: C++ unit tests, .test SQL files and the DuckDB cross-checks,
# first under AddressSanitizer + UndefinedBehaviorSanitizer, then on the
# release build (whose ctest summary is the last line printed). The
# sanitizer build is -O1 with line tables (tests run 2-3x faster than at -O0,
# reports keep file:line); there the tests labelled `long` (the Parquet
# interop matrix) are left to the release run, the differential test runs 60
# queries rather than 300 and exhaustive GoogleTests sample fewer cases
# (tests/test_scale.h).
test: test-asan test-release

test-release: node-deps build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: node-deps
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
	  -DSLUICE_SANITIZE=ON > /dev/null
	@cmake --build build/asan -j $(JOBS)
	@cd build/asan && ctest --output-on-failure -j $(JOBS) -LE long

# The differential test against DuckDB at length: DIFF_QUERIES random queries
# for each seed in DIFF_SEEDS (make test runs 300 with seed 1).
DIFF_QUERIES ?= 5000
DIFF_SEEDS ?= 1 2 3
test-differential: node-deps build
	@for s in $(DIFF_SEEDS); do \
	  SLUICE_SOURCE_DIR=$(CURDIR) bash tests/integration/differential.sh $(BUILD_DIR)/sluice \
	    $(BUILD_DIR)/bench/gen_feed $(DIFF_QUERIES) $$s || exit 1; \
	done

# sluice vs DuckDB and Polars on generated data; see bench/README.md.
# (bench/run.sh installs Polars, the bench's own npm package, when missing.)
bench: node-deps build
	@bash bench/run.sh

# libFuzzer on the CSV, JSON and Parquet readers (tests/fuzz/*_reader_fuzzer.cpp)
# and the SQL parser (tests/fuzz/sql_parser_fuzzer.cpp), each
# for FUZZ_SECONDS, one process, built with clang under ASan + UBSan in build/fuzz.
# CSV seeds: tests/data/csv/{bad,fuzz-regressions}/ and tests/sql/data/feed/, as
# they are and behind three fixed settings headers; JSON and Parquet seeds:
# below. New inputs go to $(FUZZ_DIR)/*corpus, crashes to $(FUZZ_DIR)/crashes/;
# minimise one with `build/fuzz/csv_reader_fuzzer -minimize_crash=1 <file>`
# and commit it to tests/data/{csv,json,parquet,sql}/fuzz-regressions/, which
# every `make test` replays.
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= /tmp/sluice-fuzz
FUZZ_FLAGS ?= -max_len=4096 -timeout=10
FUZZ_PACKAGES = clang-14 libclang-rt-14-dev

fuzz: deps
	@missing=""; for p in $(FUZZ_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "fuzz: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing > /dev/null; \
	fi
	@cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DSLUICE_FUZZ=ON > /dev/null
	@cmake --build build/fuzz -j $(JOBS) --target csv_reader_fuzzer json_reader_fuzzer parquet_reader_fuzzer sql_parser_fuzzer
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	@# Headers (see the fuzzer's comment): 4 strings, 8-byte blocks, 32-byte
	@# splits; int,string,double,date after a header line; Hive text (\001, no
	@# quotes, '\' escapes, \N).
	@for f in tests/data/csv/bad/* tests/data/csv/fuzz-regressions/* tests/sql/data/feed/*; do \
	  [ -f "$$f" ] || continue; n=$$(echo "$$f" | tr / _); \
	  cp "$$f" $(FUZZ_DIR)/seeds/$$n; \
	  { printf '\000\000\000\000\003\210\210\000\000\007\040\000'; cat "$$f"; } > $(FUZZ_DIR)/seeds/a-$$n; \
	  { printf '\000\000\000\010\003\204\227\000\000\000\000\000'; cat "$$f"; } > $(FUZZ_DIR)/seeds/b-$$n; \
	  { printf '\004\003\002\002\001\210\000\000\000\003\020\000'; cat "$$f"; } > $(FUZZ_DIR)/seeds/c-$$n; \
	done
	build/fuzz/csv_reader_fuzzer $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds
	@# The JSON reader: its own corpus; seeds are the JSON fixtures behind an
	@# all-columns header (8 settings bytes, see json_reader_fuzzer.cpp).
	@rm -rf $(FUZZ_DIR)/json-seeds && mkdir -p $(FUZZ_DIR)/json-seeds $(FUZZ_DIR)/json-corpus
	@for f in tests/data/json/fuzz-regressions/* tests/sql/data/json/*/*; do \
	  [ -f "$$f" ] || continue; n=$$(echo "$$f" | tr / _); \
	  cp "$$f" $(FUZZ_DIR)/json-seeds/$$n; \
	  { printf '\013\167\063\000\000\007\040\001'; cat "$$f"; } > $(FUZZ_DIR)/json-seeds/a-$$n; \
	done
	build/fuzz/json_reader_fuzzer $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/json-corpus $(FUZZ_DIR)/json-seeds
	@# The Parquet reader: seeds are the committed regressions (2 settings
	@# bytes, then a file; see parquet_reader_fuzzer.cpp), files are larger.
	@mkdir -p $(FUZZ_DIR)/parquet-corpus
	build/fuzz/parquet_reader_fuzzer $(FUZZ_FLAGS) -max_len=16384 -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/parquet-corpus tests/data/parquet/fuzz-regressions
	@# The SQL parser: seeds are the committed regressions and every .test file
	@# (SQL among sqllogictest records); inputs up to 16 KiB reach the nesting
	@# and operator-chain limits.
	@mkdir -p $(FUZZ_DIR)/sql-corpus $(FUZZ_DIR)/sql-seeds
	@for f in $$(find tests/sql -name '*.test'); do cp "$$f" $(FUZZ_DIR)/sql-seeds/$$(echo "$$f" | tr / _); done
	build/fuzz/sql_parser_fuzzer $(FUZZ_FLAGS) -max_len=16384 -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/sql-corpus $(FUZZ_DIR)/sql-seeds tests/data/sql/fuzz-regressions

clean:
	rm -rf build demo/bucket demo/warehouse
