# Thin wrapper over CMake + ctest. See README.md.
#   make demo   install what is missing, build, run the main job on examples/
#   make test   install what is missing, build, run every test (plain build
#               with gcc, then the same suite under ASan+UBSan with clang)
#   make install    build and install under PREFIX (default /usr/local), staged
#               under DESTDIR when set: program, libnewsgraph.so.0 and .a,
#               headers, newsgraph.pc, man page, data in share/newsgraph
#   make uninstall  remove what the last install wrote (build/install_manifest.txt)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CC_ASAN ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo gcc)

PREFIX ?= /usr/local

.PHONY: all deps build test test-plain test-asan demo fuzz bench clean install uninstall

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc >/dev/null
	@cmake --build build -j $(JOBS)

test: test-plain test-asan

test-plain: build
	cd build && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNG_SANITIZE=ON \
		-DCMAKE_C_COMPILER=$(CC_ASAN) >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

install: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc \
		-DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --build build -j $(JOBS)
	DESTDIR=$(DESTDIR) cmake --install build

uninstall:
	@./scripts/uninstall build/install_manifest.txt $(DESTDIR)

demo: build
	@./scripts/demo

fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DNG_FUZZ=ON -DNG_SANITIZE=ON \
		-DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@./scripts/fuzz build-fuzz $(or $(SECONDS),60)

bench: build
	@./bench/run.sh

clean:
	rm -rf build build-asan build-fuzz
