#!/usr/bin/env bash
# tests/fuzz/run_fuzzer.sh BUILD_DIR TARGET SECONDS [libFuzzer options...]
#
# Runs the libFuzzer program fuzz_TARGET of BUILD_DIR (a build configured with
# HPSEARCH_FUZZ=ON) for SECONDS, starting from the committed seeds
# (tests/fuzz/corpus/TARGET) and regression inputs (tests/fuzz/regressions/TARGET). New
# inputs go to BUILD_DIR/fuzz-corpus/TARGET (kept between runs, never committed); a crash,
# leak, sanitizer report, input slower than 10 s (-timeout) or over 2 GB of memory
# (-rss_limit_mb) is written to BUILD_DIR/fuzz-artifacts/TARGET/ and fails the run: copy it
# to tests/fuzz/regressions/TARGET/ once the bug is fixed (test_fuzz_replay replays it).
# The last lines are libFuzzer's statistics (-print_final_stats=1): stat::number_of_executed_units,
# stat::average_exec_per_sec, and the last "cov: N ft: M" line.
# Exit code: libFuzzer's (0: nothing found).
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 BUILD_DIR TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
build=$1 target=$2 seconds=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
program=$build/tests/fuzz/fuzz_$target
[[ -x $program ]] || {
  echo "$program not built (configure $build with -DHPSEARCH_FUZZ=ON)" >&2
  exit 2
}
corpus=$build/fuzz-corpus/$target
artifacts=$build/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"
inputs=("$here/corpus/$target")
[[ -d $here/regressions/$target ]] && inputs+=("$here/regressions/$target")
options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
  -artifact_prefix="$artifacts/")
[[ -f $here/$target.dict ]] && options+=(-dict="$here/$target.dict")
# Leaks are checked after every input (libFuzzer's -detect_leaks=1, the default), with the
# third-party suppressions of tests/sanitizers/lsan.supp, or for the checkpoint reader
# lsan_fuzz_hdf5.supp (libhdf5's own leaks on damaged files: see there).
suppressions=$here/../sanitizers/lsan.supp
[[ $target == checkpoint_file ]] && suppressions=$here/../sanitizers/lsan_fuzz_hdf5.supp
# Set here, not inherited: tests/run.sh exports the unit tests' strict LSAN_OPTIONS, which
# made the checkpoint target fail on libhdf5's own leak (rehearsal of 38fd0b8).
export LSAN_OPTIONS=suppressions=$suppressions:print_suppressions=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [[ $target != checkpoint_file ]]; then
  exec "$program" "${options[@]}" "$@" "$corpus" "${inputs[@]}"
fi

# checkpoint_file: libhdf5 (Debian 12: 1.10.8) itself crashes on some damaged files (e.g. a
# global-heap object whose size runs past its collection: H5HG_read copies it anyway), and
# hpsearch cannot stop it short of parsing the HDF5 format itself. So this target runs in
# libFuzzer's fork mode, which goes on after a crash (-ignore_crashes=1) and keeps each
# crashing input; every one is then replayed and fails this run unless the crash happened
# inside libhdf5 (the first stack frame outside the sanitizer runtime, libFuzzer and libc is
# in libhdf5*.so). Inputs that time out are judged the same way by the stack libFuzzer
# prints (libhdf5 also hangs on some, e.g. in H5HG__protect); leaks and out-of-memory
# inputs always fail the run.
known=$build/fuzz-artifacts/$target.libhdf5
mkdir -p "$known"
code=0
"$program" "${options[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=0 "$@" \
  "$corpus" "${inputs[@]}" || code=$?
# first_frame REPORT: the first stack frame that is neither the sanitizer runtime, libFuzzer
# (a timeout's stack starts in its alarm handler) nor libc (a memcpy that libhdf5 called
# with a bad size faults inside libc's memcpy).
first_frame() {
  grep -E '^ +#[0-9]+ 0x' "$1" |
    grep -vE ' in (__interceptor_|__asan|__sanitizer|__lsan|__ubsan|fuzzer::|malloc|calloc|realloc|free|memmove|memcpy|memset|operator new|operator delete)' |
    grep -vE 'sysdeps/|/libc\.so' |
    head -n 1
}
ours=0
triaged=0
shopt -s nullglob
for input in "$artifacts"/crash-* "$artifacts"/timeout-*; do
  [[ $input == *.report ]] && continue
  triaged=$((triaged + 1))
  report=$input.report
  if "$program" -timeout=10 "$input" >"$report" 2>&1; then
    echo "crashed once but not when replayed: $input"
    ours=1
    continue
  fi
  if first_frame "$report" | grep -q 'libhdf5[^/]*\.so'; then
    echo "known third-party crash or hang inside libhdf5: $(basename "$input") (moved to $known):"
    grep -m1 'ERROR: ' "$report" || true
    first_frame "$report"
    mv "$input" "$report" "$known/"
  else
    echo "crash outside libhdf5: $input (report: $report)"
    ours=1
  fi
done
for input in "$artifacts"/leak-* "$artifacts"/oom-*; do
  echo "failed: $input"
  ours=1
done
if ((ours != 0)); then
  exit 1
fi
known_count=$(find "$known" -type f ! -name '*.report' | wc -l)
echo "crashes and hangs inside libhdf5 (third-party, not failing this run): $known_count inputs in $known"
# Fork mode's exit code is non-zero after an ignored crash: then the triage above decides.
if ((code != 0 && triaged == 0)); then
  echo "libFuzzer failed (exit $code) without a crashing input"
  exit "$code"
fi
exit 0
