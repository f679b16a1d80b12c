# Loket: `make run` serves the demo, `make test` runs every suite. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run
JOBS ?= $(shell nproc)
DB ?= sqlite:var/loket.db
LISTEN ?= 127.0.0.1:8080
export CCACHE_DIR ?= $(CURDIR)/build/ccache

.PHONY: deps release debug run test bench bench-documents fuzz lint format clean

deps:
	@scripts/deps.sh

build/release/build.ninja:
	cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOKET_TESTS=OFF

build/test/build.ninja:
	cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLOKET_SANITIZE=ON

release: deps build/release/build.ninja
	cmake --build build/release -j $(JOBS)

debug: deps build/test/build.ninja
	cmake --build build/test -j $(JOBS)

run: release
	@mkdir -p var
	build/release/loket migrate --database $(DB)
	build/release/loket seed --database $(DB) --demo-cases
	build/release/loket serve --database $(DB) --listen $(LISTEN) --web-root web/public \
	  --templates web/templates --demo

# Unit tests (sanitised build), integration tests on SQLite and PostgreSQL, the OpenAPI lint.
test: debug
	@tests/run-all.sh

bench: release
	@bench/run.sh

# Upload and download of a 1 MiB document against a static file of that size (bench/README.md).
bench-documents: release
	@node bench/documents.mjs --content text,pdf

# libFuzzer targets (clang, build/fuzz), each run FUZZ_SECONDS from its corpus; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps.sh fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

lint: debug
	@scripts/lint.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')

clean:
	rm -rf build
