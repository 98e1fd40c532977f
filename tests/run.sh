#!/usr/bin/env bash
# tests/run.sh [ctest options...]
#
# Installs the Debian packages hpsearch needs (if missing) and, when it can, the test-only
# ones of cmake/debian-test-packages.txt (shellcheck, a local Slurm for the job-script
# chain test, label `slurm`), builds Debug with warnings as
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
# The test-only packages (shellcheck, Slurm): optional, their tests are skipped without them.
HPS_PACKAGES_FILE=$root/cmake/debian-test-packages.txt hps_install_deps ||
  hps_log "warning: cmake/debian-test-packages.txt not installed: the job-script lint and the" \
    "real-Slurm test are skipped"
hps_build "$build" Debug -DHPSEARCH_WERROR=ON
# Configure again so that the test programs installed since the first configuration
# (sbatch, the linter) are found and their tests registered.
cmake "$build" >/dev/null

hps_log "ctest --test-dir $build --output-on-failure $*"
ctest_code=0
ctest --test-dir "$build" --output-on-failure "$@" || ctest_code=$?

# The parsers and the space under AddressSanitizer and UndefinedBehaviorSanitizer: the fuzz
# tests must end in clean errors with no sanitizer report (issue 3). Configured without
# LibTorch, as a build on a machine without it would be.
sanitize_code=0
sanitize_build=${HPSEARCH_SANITIZE_BUILD_DIR:-$root/build-sanitize}
if [[ ${HPSEARCH_SKIP_SANITIZE:-0} != 1 ]]; then
  hps_log "sanitizer build of the config and space tests in $sanitize_build"
  hps_build "$sanitize_build" Debug -DHPSEARCH_SANITIZE=ON -DHPSEARCH_BUILD_BENCH=OFF \
    -DHPSEARCH_WITH_TORCH=OFF \
    --target test_config test_space || sanitize_code=$?
  if ((sanitize_code == 0)); then
    for t in config space; do
      hps_log "sanitized test_$t"
      "$sanitize_build/tests/unit/$t/test_$t" --gtest_brief=1 || sanitize_code=$?
    done
  fi
fi

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

if ((sanitize_code != 0)); then
  hps_log "sanitized tests failed (exit $sanitize_code)"
  exit "$sanitize_code"
fi
if ((ctest_code != 0)); then
  hps_log "ctest failed (exit $ctest_code)"
  exit "$ctest_code"
fi
exit "$format_code"
