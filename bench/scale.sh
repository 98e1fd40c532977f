#!/usr/bin/env bash
# bench/scale.sh: issue 16's scale table through `hpsearch simulate` (virtual workers, the
# real manager, strategy, scheduler and checkpoint journal; the manager's compute measured
# on this machine and charged to virtual time).
#
#   bench/scale.sh [BUILD_DIR]
#
# Environment (the full table takes hours of real time; reduce it with these):
#   SIZES="128 640 1920 4096 16384"   virtual workers of the 60 s table ("" skips it)
#   ASHA_SIZES="160 640 1920"         virtual workers of the ASHA+AMBS table ("": none)
#   SCALE=1                           budget scale: max_evals = SCALE x 20 x N, and
#                                     max_time = SCALE x 3 h (virtual)
#   PROBLEMS="hartmann6 mixed7"       problems of the 60 s table
#   STRATEGIES="ambs random"          AMBS with defaults; random search is the ceiling
#   RATE_SIZES="1000 20000 100000"    observations at which the sustained AMBS decision
#                                     rate is printed ("": none); from bench/ask_latency
#                                     --rate (built in BUILD_DIR with HPSEARCH_BUILD_BENCH):
#                                     proposals/s with instant evaluations, and the share
#                                     the model made when results arrive at 2,000/s
#
# 60 s table: durations lognormal mean 60 s, sigma 0.5. ASHA table: ASHA (min 1, max 27
# steps, reduction 3) with AMBS as its sampler on curve_hartmann6, steps (epochs) lognormal
# mean 6 s, sigma 0.5. Each row prints utilization, evaluations, the manager's busy
# fraction, p99 dispatch latency (worker free -> job sent) and DeepHyper's published
# centralized figures where they exist (Egele et al. 2023: BO 0.978 @ 40, 0.728 @ 640,
# 0.267 @ 1,920; SHA 0.514 @ 160, 0.092 @ 1,920).
#
# mixed7 stands in for the suite's mixed 7-parameter space (3 reals, 2 ints, 2
# categoricals): `hpsearch simulate` evaluates built-in test functions, which take numeric
# parameters only, so mixed7 is 3 reals and 4 ints (Ackley), the same 7 dimensions without
# the categoricals' one-hot columns.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build-bench}
hpsearch=$build/apps/hpsearch
[[ -x $hpsearch ]] || { echo "scale.sh: $hpsearch not built (cmake --build $build --target hpsearch)" >&2; exit 2; }
sizes=${SIZES-128 640 1920 4096 16384}
asha_sizes=${ASHA_SIZES-160 640 1920}
scale=${SCALE:-1}
problems=${PROBLEMS-hartmann6 mixed7}
strategies=${STRATEGIES:-ambs random}
rate_sizes=${RATE_SIZES-1000 20000 100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

space_of() {
  case $1 in
    hartmann6)
      for i in 1 2 3 4 5 6; do echo "  x$i: {type: real, low: 0.0, high: 1.0}"; done ;;
    mixed7)
      for i in 1 2 3; do echo "  x$i: {type: real, low: 0.0, high: 1.0}"; done
      for i in 1 2 3 4; do echo "  n$i: {type: int, low: 0, high: 10}"; done ;;
    curve)
      for i in 1 2 3 4 5 6; do echo "  x$i: {type: real, low: 0.0, high: 1.0}"; done ;;
  esac
}
function_of() {
  case $1 in hartmann6) echo hartmann6 ;; mixed7) echo ackley ;; curve) echo curve_hartmann6 ;; esac
}

# problem NAME STRATEGY N -> path of a problem file
problem() {
  local name=$1 strategy=$2 n=$3 file=$tmp/$1-$2-$3.yaml
  local evals max_time
  evals=$(awk -v s="$scale" -v n="$n" 'BEGIN { printf "%d", s * 20 * n }')
  max_time=$(awk -v s="$scale" 'BEGIN { printf "%d", s * 3 * 3600 }')
  {
    echo "space:"
    space_of "$name"
    echo "objective:"
    echo "  kind: function"
    echo "  name: $(function_of "$name")"
    echo "search:"
    if [[ $strategy == asha ]]; then
      echo "  strategy: asha"
      echo "  sampler: ambs"
      echo "  min_fidelity: 1"
      echo "  max_fidelity: 27"
      echo "  reduction_factor: 3"
    else
      echo "  strategy: $strategy"
    fi
    echo "run:"
    echo "  max_evals: $evals"
    echo "  max_time: $max_time"
    echo "  seed: 1"
  } >"$file"
  echo "$file"
}

deephyper() { # kind N -> published figure or -
  case "$1:$2" in
    bo:40) echo 0.978 ;; bo:640) echo 0.728 ;; bo:1920) echo 0.267 ;;
    sha:160) echo 0.514 ;; sha:1920) echo 0.092 ;; *) echo - ;;
  esac
}

# row PROBLEM STRATEGY N DURATION DEEPHYPER_KIND
row() {
  local file out util steady evals busy p99 real
  file=$(problem "$1" "$2" "$3")
  out=$(nice -n 5 "$hpsearch" simulate "$file" --workers "$3" --duration "$4" \
        --progress-interval 600)
  util=$(sed -nE 's/^utilization ([0-9.]+).*/\1/p' <<<"$out")
  steady=$(sed -nE 's/^steady-state utilization ([0-9.]+).*/\1/p' <<<"$out")
  evals=$(sed -nE 's/^evaluations ([0-9]+),.*/\1/p' <<<"$out")
  busy=$(sed -nE 's/^manager busy fraction ([0-9.]+).*/\1/p' <<<"$out")
  p99=$(sed -nE 's/^dispatch .*p99 (.*)$/\1/p' <<<"$out")
  real=$(sed -nE 's/^simulation took ([0-9.]+) s.*/\1/p' <<<"$out")
  printf '%-10s %-9s %6s %9s %11s %7s %9s %12s %9s %8s\n' "$1" "$2" "$3" "$evals" "$util" \
    "$steady" "$busy" "$p99" "$(deephyper "$5" "$3")" "$real"
}

header() {
  printf '%-10s %-9s %6s %9s %11s %7s %9s %12s %9s %8s\n' problem strategy N evals utilization \
    steady "mgr busy" "p99 dispatch" DeepHyper "real s"
}

echo "bench/scale.sh: $("$hpsearch" --version 2>/dev/null || echo hpsearch) | SCALE=$scale" \
  "(max_evals SCALE x 20 x N, max_time SCALE x 3 h virtual) | $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "60 s evaluations (lognormal:60,0.5); DeepHyper: centralized BO"
header
for problem_name in $problems; do
  for strategy in $strategies; do
    for n in $sizes; do
      row "$problem_name" "$strategy" "$n" lognormal:60,0.5 bo
    done
  done
done
if [[ -n $asha_sizes ]]; then
  echo
  echo "ASHA + AMBS on curve_hartmann6, 6 s steps (lognormal:6,0.5 per step); DeepHyper: centralized SHA"
  header
  for n in $asha_sizes; do
    row curve asha "$n" lognormal:6,0.5 sha
  done
fi
if [[ -n $rate_sizes ]]; then
  echo
  echo "sustained AMBS decision rate (bench/ask_latency --rate): the manager thread tells one result"
  echo "and asks one proposal, the helper thread fits; model/s and share: proposals the model made"
  echo "(prepared or from its reserve), the rest are the fallback's neighbours of the best result"
  if [[ -x $build/bench/ask_latency ]]; then
    rates=$(tr ' ' , <<<"$rate_sizes")
    echo "as fast as the manager thread can (instant evaluations, 64 in flight):"
    nice -n 5 "$build/bench/ask_latency" --rate "$rates" --seconds 3 | tail -n +2
    echo "results arriving at 2,000/s (1,920 in flight):"
    nice -n 5 "$build/bench/ask_latency" --rate "$rates" --seconds 5 --arrivals 2000 \
      --workers 1920 | tail -n +3
  else
    echo "  $build/bench/ask_latency is not built (cmake --build $build --target ask_latency)"
  fi
fi
echo
echo "targets: utilization >= 0.99 @ 1,920 and >= 0.97 @ 16,384 (AMBS, 60 s); >= 0.95 ASHA @ 1,920;"
echo "         >= 2,000 proposals/s at 20,000 observations (the share the model made at that rate)"
echo "utilization includes the final drain (workers left idle once the budget is handed out);"
echo "random search, whose manager costs next to nothing, shows that ceiling at each N;"
echo "steady: busy worker-time / (workers x time until the last job reached its worker), the"
echo "drain left out (hpsearch simulate --help)"
