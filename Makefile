# tenderscore: `make demo` and `make test` on a fresh Debian 12 machine.
# The Debian packages the project needs, in one place. `make deps` installs the missing ones.
DEBIAN_PACKAGES := cmake g++ make pkg-config clang-format clang-tidy \
	libpoco-dev libpugixml-dev libxlsxwriter-dev libgmp-dev libssl-dev \
	googletest libgtest-dev libgmock-dev \
	libxml2-utils python3 python3-jsonschema python3-openpyxl libreoffice-calc-nogui poppler-utils chromium \
	chromium-driver python3-selenium \
	clang-14 libclang-rt-14-dev \
	libpq-dev postgresql-15

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# CI builds with warnings as errors.
WERROR ?= $(if $(CI),ON,OFF)

SAMPLE := samples/essex-2023-block
SOURCES = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)
# clang-tidy reads the product's sources with the compile commands of the build folder.
TIDY_SOURCES = $(shell git ls-files 'app/*.cpp' 'evaluation/*.cpp' 2>/dev/null)

# Fuzzing (clang's libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer) and the whole
# test suite under the sanitizers, each in its own build folder.
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= build-fuzz
SANITIZE_DIR ?= build-sanitize
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

BENCH_SIZES ?= 1000,10000,50000
BENCH_RUNS ?= 3

.PHONY: all deps configure build demo serve-demo test test-sanitize fuzz bench bench-server docs-images docs-server-images format format-check tidy clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTENDERSCORE_WARNINGS_AS_ERRORS=$(WERROR)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/tenderscore evaluate --tender $(SAMPLE)/tender.xml --bids $(SAMPLE)/bids \
		--scores $(SAMPLE)/scores.xml --out out/demo

# The panel server on the Essex sample: a fresh store, a panel of five users, scoring open.
serve-demo: build
	/usr/bin/python3 tests/tools/serve-demo.py $(BUILD_DIR)/tenderscore $(CURDIR)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENDERSCORE_WARNINGS_AS_ERRORS=$(WERROR) \
		-DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
		-DTENDERSCORE_FUZZ=ON -DTENDERSCORE_BUILD_TESTS=OFF \
		-DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	tests/fuzz/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

bench: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DTENDERSCORE_WARNINGS_AS_ERRORS=$(WERROR)
	cmake --build $(BUILD_DIR) -j $(JOBS)
	/usr/bin/python3 tests/bench/run-bench.py $(BUILD_DIR) $(CURDIR) --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

# The panel server under load: 20 evaluators scoring 200 bids x 6 questions at once, against
# SQLite and a throwaway PostgreSQL 15 cluster (docs/performance.md records the figures).
bench-server: build
	/usr/bin/python3 tests/tools/bench_server.py $(BUILD_DIR)/tenderscore $(CURDIR)

docs-images: build
	/usr/bin/python3 tests/tools/workbook-docs-images.py $(BUILD_DIR)/tenderscore $(CURDIR)

# Screenshots of every page of the panel server for docs/server.md (the browser test's walk).
docs-server-images: build
	/usr/bin/python3 tests/tools/server-docs-images.py $(BUILD_DIR)/tenderscore $(CURDIR)

format:
	clang-format -i $(SOURCES)

format-check:
	clang-format --dry-run --Werror $(SOURCES)

# Every check of the committed .clang-tidy, over every source file; any finding fails.
tidy: build
	printf '%s\n' $(TIDY_SOURCES) | xargs -P $(JOBS) -n 4 clang-tidy -p $(BUILD_DIR) --quiet --warnings-as-errors='*'

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) $(SANITIZE_DIR) out
