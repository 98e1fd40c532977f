#!/usr/bin/env bash
# tests/batch/check_scripts.sh SHELLCHECK: `bash -n` and `shellcheck -x` on every shell
# script of the job scripts, the test shims and the build helpers. Exit 1 when one fails.
set -euo pipefail
shellcheck=${1:-shellcheck}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
files=(jobscripts/* tests/batch/shims/* tests/batch/*.sh tests/fuzz/*.sh cmake/deps.sh tests/run.sh)
failed=0
for file in "${files[@]}"; do
  [[ -f $file ]] || continue
  if ! bash -n "$file"; then
    echo "bash -n failed: $file"
    failed=1
  fi
done
# -x follows `source` lines; each file is checked from its own folder, as it sources.
for file in "${files[@]}"; do
  [[ -f $file ]] || continue
  (cd "$(dirname "$file")" && "$shellcheck" -x "$(basename "$file")") || failed=1
done
echo "checked ${#files[@]} scripts with bash -n and $("$shellcheck" --version | sed -n 's/^version: //p' | sed 's/^/shellcheck /')"
exit "$failed"
