# Entry points. Each builds what it needs and installs missing Debian
# packages first (scripts/install-deps is quiet when all are present).
BUILD_DIR ?= build/release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps node-deps build demo test test-release test-asan bench clean

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
# release build (whose ctest summary is the last line printed).
test: test-asan test-release

test-release: node-deps build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: node-deps
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSLUICE_SANITIZE=ON > /dev/null
	@cmake --build build/asan -j $(JOBS)
	@cd build/asan && ctest --output-on-failure -j $(JOBS)

# sluice vs DuckDB on generated data; see bench/README.md.
bench: node-deps build
	@bash bench/run.sh

clean:
	rm -rf build demo/bucket demo/warehouse
