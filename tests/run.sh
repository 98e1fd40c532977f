#!/usr/bin/env bash
# tests/run.sh [ctest options...]
#
# Installs the Debian packages hpsearch needs (if missing), builds Debug with warnings as
# errors into build/ (or $HPSEARCH_BUILD_DIR), runs
# `ctest --test-dir build --output-on-failure [ctest options...]`,
# then checks the formatting of every C++ file under lib apps tests bench with clang-format
# (skipped with a warning when clang-format is not installed).
# Exit code: ctest's when it failed, else 1 when a file is not formatted, else 0.
# Example: tests/run.sh -L unit      (only the unit tests)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/../cmake/deps.sh
source "$root/cmake/deps.sh"

build=${HPSEARCH_BUILD_DIR:-$root/build}

hps_install_deps
hps_build "$build" Debug -DHPSEARCH_WERROR=ON

hps_log "ctest --test-dir $build --output-on-failure $*"
ctest_code=0
ctest --test-dir "$build" --output-on-failure "$@" || ctest_code=$?

format_code=0
if command -v clang-format >/dev/null 2>&1; then
  cd "$root"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked files plus new ones not yet added (but not ignored ones such as build/).
    mapfile -d '' files < <(git ls-files -z --cached --others --exclude-standard -- \
      'lib/*.cpp' 'lib/*.hpp' 'apps/*.cpp' 'apps/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
      'bench/*.cpp' 'bench/*.hpp')
  else
    mapfile -d '' files < <(find lib apps tests bench -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0)
  fi
  hps_log "clang-format check of ${#files[@]} files ($(clang-format --version))"
  unformatted=()
  for file in "${files[@]}"; do
    [[ -f $file ]] || continue # tracked but deleted in the work tree
    clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
  done
  if ((${#unformatted[@]} > 0)); then
    hps_log "error: ${#unformatted[@]} files are not formatted (see: clang-format --dry-run FILE;"
    hps_log "fix: clang-format -i FILE):"
    printf '[hpsearch]   %s\n' "${unformatted[@]}" >&2
    format_code=1
  fi
else
  hps_log "warning: clang-format not installed; formatting not checked"
fi

if ((ctest_code != 0)); then
  hps_log "ctest failed (exit $ctest_code)"
  exit "$ctest_code"
fi
exit "$format_code"
