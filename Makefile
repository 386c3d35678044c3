# Entry points. `make run` and `make test` work from a fresh Debian 12 machine: both bootstrap first.
PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= $(shell nproc)

.PHONY: all deps build web run test test-asan e2e bench fmt clean

all: build web

deps:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	cmake --preset $(PRESET)

build: deps $(BUILD)/build.ninja
	cmake --build --preset $(PRESET) -j $(JOBS)

# The SPA, built once per change of its sources; the server serves web/dist.
web: deps
	@if [ -f web/package.json ]; then scripts/build-web; fi

run: build web
	@mkdir -p var
	$(BUILD)/src/kenshu serve --config config/kenshu.toml

test: build web
	ctest --preset $(PRESET) -j $(JOBS) --timeout 900

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	$(MAKE) test PRESET=asan

e2e: build web
	ctest --preset $(PRESET) -L e2e

bench: deps
	$(MAKE) build PRESET=release
	bench/run-all

fmt:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
