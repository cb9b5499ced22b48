# tenderscore: `make demo` and `make test` on a fresh Debian 12 machine.
# The Debian packages the project needs, in one place. `make deps` installs the missing ones.
DEBIAN_PACKAGES := cmake g++ make pkg-config clang-format \
	libpoco-dev libpugixml-dev libxlsxwriter-dev libgmp-dev \
	googletest libgtest-dev libgmock-dev \
	libxml2-utils python3 python3-jsonschema python3-openpyxl libreoffice-calc-nogui poppler-utils

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# CI builds with warnings as errors.
WERROR ?= $(if $(CI),ON,OFF)

SAMPLE := samples/essex-2023-block
SOURCES = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)

.PHONY: all deps configure build demo test docs-images format format-check clean

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

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

docs-images: build
	tests/tools/render-summary.sh $(BUILD_DIR)/tenderscore $(CURDIR)

format:
	clang-format -i $(SOURCES)

format-check:
	clang-format --dry-run --Werror $(SOURCES)

clean:
	rm -rf $(BUILD_DIR) out
