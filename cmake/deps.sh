# shellcheck shell=bash
# cmake/deps.sh: sourced by jobscripts/local.sh and tests/run.sh (never run directly).
#
#   hps_missing_packages             print the packages of cmake/debian-packages.txt that
#                                    are not installed, one per line
#   hps_install_deps                 install the missing ones with apt-get (as root, or via
#                                    `sudo -n`); otherwise print the command and return 1
#   hps_build DIR TYPE [-DNAME=VALUE...] [--target T...]
#                                    build DIR, configuring it first (with a fresh cache)
#                                    when it has no cache, belongs to another source tree,
#                                    or its cache differs from TYPE or a NAME=VALUE given
#   hps_binary DIR                   print the path of the hpsearch executable built in DIR
#   hps_mpirun_flags [ARRAY]         print the mpirun flags this machine needs (or store
#                                    them in the array ARRAY); as root, also export
#                                    OMPI_ALLOW_RUN_AS_ROOT{,_CONFIRM}=1 in the calling shell
#
# Progress goes to stderr, prefixed [hpsearch].

HPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HPS_PACKAGES_FILE=$HPS_ROOT/cmake/debian-packages.txt

hps_log() { echo "[hpsearch] $*" >&2; }

# The package names of cmake/debian-packages.txt, without comments and blank lines.
hps_packages() {
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%%#*}
    line=${line//[[:space:]]/}
    [[ -n $line ]] && printf '%s\n' "$line"
  done <"$HPS_PACKAGES_FILE"
}

hps_missing_packages() {
  local package status
  while IFS= read -r package; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$package"
  done < <(hps_packages)
}

hps_install_deps() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    hps_log "warning: dpkg-query not found (not Debian?); cannot check the packages of" \
      "$HPS_PACKAGES_FILE: make sure they (or their equivalents) are installed"
    return 0
  fi
  local -a missing
  mapfile -t missing < <(hps_missing_packages)
  if ((${#missing[@]} == 0)); then
    hps_log "dependencies: all packages of cmake/debian-packages.txt are installed"
    return 0
  fi
  hps_log "dependencies: missing ${missing[*]}"
  local -a apt=(apt-get -o DPkg::Lock::Timeout=600)
  local -a prefix=()
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      prefix=(sudo -n)
    else
      hps_log "error: missing packages and no root or passwordless sudo to install them."
      hps_log "Run as root:"
      hps_log "  ${apt[*]} update"
      hps_log "  DEBIAN_FRONTEND=noninteractive ${apt[*]} install -y --no-install-recommends ${missing[*]}"
      return 1
    fi
  fi
  hps_log "dependencies: installing them with ${prefix[*]:+${prefix[*]} }apt-get"
  "${prefix[@]}" "${apt[@]}" update &&
    "${prefix[@]}" env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y \
      --no-install-recommends "${missing[@]}"
}

# The value of NAME in the CMake cache of DIR (empty when unset).
hps_cache_value() {
  local dir=$1 name=$2 line
  line=$(grep -m1 -E "^${name}(:[A-Z]+)?=" "$dir/CMakeCache.txt" 2>/dev/null) || return 0
  printf '%s' "${line#*=}"
}

# Why DIR must be configured afresh for TYPE and the -DNAME[:TYPE]=VALUE settings given,
# or nothing when its cache already has them (settings not asked for are kept).
hps_stale_reason() {
  local dir=$1 type=$2
  shift 2
  [[ -f $dir/CMakeCache.txt ]] || { echo "no CMakeCache.txt"; return; }
  [[ -f $dir/Makefile || -f $dir/build.ninja ]] || { echo "no build system generated"; return; }
  local source
  source=$(hps_cache_value "$dir" CMAKE_HOME_DIRECTORY)
  [[ $source -ef $HPS_ROOT ]] || { echo "configured for another source tree ($source)"; return; }
  local cached
  cached=$(hps_cache_value "$dir" CMAKE_BUILD_TYPE)
  [[ $cached == "$type" ]] || { echo "build type $cached -> $type"; return; }
  local arg name value
  for arg in "$@"; do
    [[ $arg == -D*=* ]] || continue
    name=${arg#-D}
    name=${name%%=*}
    name=${name%%:*}
    value=${arg#*=}
    cached=$(hps_cache_value "$dir" "$name")
    [[ $cached == "$value" ]] || { echo "$name ${cached:-unset} -> $value"; return; }
  done
}

hps_build() {
  if (($# < 2)); then
    hps_log "usage: hps_build BUILD_DIR BUILD_TYPE [-DNAME=VALUE...] [--target T...]"
    return 2
  fi
  local dir=$1 type=$2
  shift 2
  local -a settings=() targets=()
  while (($# > 0)); do
    if [[ $1 == --target ]]; then
      shift
      targets=(--target "$@")
      break
    fi
    settings+=("$1")
    shift
  done
  local reason
  reason=$(hps_stale_reason "$dir" "$type" "${settings[@]}")
  if [[ -n $reason ]]; then
    hps_log "configuring $dir ($type${settings[*]:+ ${settings[*]}}): $reason"
    # A fresh cache, so settings of an earlier configuration (e.g. -Werror) do not linger.
    rm -f "$dir/CMakeCache.txt"
    cmake -S "$HPS_ROOT" -B "$dir" "-DCMAKE_BUILD_TYPE=$type" "${settings[@]}" >&2 || return
  fi
  hps_log "building $dir ($type${targets[*]:+ ${targets[*]}}) with $(nproc) jobs"
  cmake --build "$dir" -j"$(nproc)" "${targets[@]}" >&2
}

hps_binary() {
  if [[ -x $1/apps/hpsearch && -f $1/apps/hpsearch ]]; then
    printf '%s\n' "$1/apps/hpsearch"
    return 0
  fi
  hps_log "error: no hpsearch executable at $1/apps/hpsearch (did the build succeed?)"
  return 1
}

hps_mpirun_flags() {
  if [[ $(id -u) == 0 ]]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  fi
  # More ranks than cores is the normal case on a laptop or a CI machine.
  local -a flags=(--oversubscribe)
  if (($# > 0)); then
    local -n hps_flags_out=$1
    # shellcheck disable=SC2034  # a nameref: assigning it sets the caller's array
    hps_flags_out=("${flags[@]}")
  else
    printf '%s\n' "${flags[@]}"
  fi
}
