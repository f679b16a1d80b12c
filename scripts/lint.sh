#!/usr/bin/env bash
# Formatting check (clang-format) and static analysis (clang-tidy, warnings are errors) over
# every C++ file, using the compile commands of the test build.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')
clang-format --dry-run --Werror $files
git ls-files 'src/*.cpp' 'fuzz/*.cpp' | xargs -P "$(nproc)" -n 1 clang-tidy -p build/test --quiet --extra-arg=-Wno-unknown-warning-option 2>/dev/null
echo "lint: clean"
