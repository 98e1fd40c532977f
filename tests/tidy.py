#!/usr/bin/env python3
"""tests/tidy.py BUILD_DIR [PATH...] [--jobs N] [--no-cache]: clang-tidy over lib/ and apps/.

Runs clang-tidy (the checks of the repository's .clang-tidy, every warning an error) on each
translation unit under lib/ and apps/ (or only under the PATHs given) in
BUILD_DIR/compile_commands.json, N at a time (default: the number of cores), and prints the
findings.

A translation unit found clean is remembered in a cache (like ccache for compilers) under
$HPSEARCH_TIDY_CACHE (default ~/.cache/hpsearch/clang-tidy), keyed by a hash of its
preprocessed text with comments (so NOLINT comments count), its compile command, every
.clang-tidy file and the clang-tidy version: a later run checks again only what changed.
Files with findings are never cached.

Exit code: 0 when every file is clean, 1 when some file has findings or clang-tidy failed,
2 on a usage error (no compile_commands.json, no clang-tidy).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TIDY = os.environ.get("HPSEARCH_CLANG_TIDY", "clang-tidy")


def entries(build, paths):
    database = build / "compile_commands.json"
    if not database.is_file():
        sys.exit(f"tidy: {database} not found (configure the build first)")
    chosen = []
    for entry in json.loads(database.read_text()):
        path = pathlib.Path(entry["file"]).resolve()
        if any(path.is_relative_to(top) for top in paths):
            chosen.append(entry)
    return sorted(chosen, key=lambda e: e["file"])


def arguments(entry):
    return entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])


def preprocess_command(entry):
    """The compile command with -E -C instead of -c/-o: preprocessed text, comments kept."""
    args, out, skip = arguments(entry), [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg != "-c" and not arg.startswith("-o"):
            out.append(arg)
    return out + ["-E", "-C", "-o", "-"]


def config_digest():
    digest = hashlib.sha256()
    version = subprocess.run([TIDY, "--version"], capture_output=True, text=True, check=True)
    digest.update(version.stdout.encode())
    for config in sorted(ROOT.rglob(".clang-tidy")):
        if "build" not in config.relative_to(ROOT).parts[0]:
            digest.update(str(config.relative_to(ROOT)).encode())
            digest.update(config.read_bytes())
    return digest.hexdigest()


def key_of(entry, base):
    digest = hashlib.sha256(base.encode())
    digest.update("\0".join(arguments(entry)).encode())
    text = subprocess.run(preprocess_command(entry), cwd=entry["directory"],
                          capture_output=True, check=False)
    if text.returncode != 0:
        return None  # let clang-tidy report the error
    digest.update(text.stdout)
    return digest.hexdigest()


def check(entry, build, cache, base):
    """(file, output, clean, cached, seconds) for one translation unit."""
    start = time.monotonic()
    key = key_of(entry, base) if cache else None
    if key and (cache / key).exists():
        return entry["file"], "", True, True, time.monotonic() - start
    run = subprocess.run([TIDY, "-p", str(build), "--quiet", entry["file"]],
                         capture_output=True, text=True, check=False)
    # clang-tidy prints "N warnings generated." to stderr even with --quiet: keep the rest.
    noise = ("warnings generated", "warning generated", "Suppressed ", "Use -header-filter",
             "errors generated", "error generated")
    output = run.stdout + "".join(line + "\n" for line in run.stderr.splitlines()
                                  if not any(n in line for n in noise))
    clean = run.returncode == 0
    if clean and key:
        (cache / key).touch()
    return entry["file"], output, clean, False, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=pathlib.Path)
    parser.add_argument("paths", type=pathlib.Path, nargs="*")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--no-cache", action="store_true")
    options = parser.parse_args()
    if shutil.which(TIDY) is None:
        print(f"tidy: {TIDY} not found (apt-get install clang-tidy)", file=sys.stderr)
        return 2
    build = options.build.resolve()
    paths = [p.resolve() for p in options.paths] or [ROOT / "lib", ROOT / "apps"]
    chosen = entries(build, paths)
    cache = None
    if not options.no_cache:
        default = pathlib.Path.home() / ".cache" / "hpsearch" / "clang-tidy"
        cache = pathlib.Path(os.environ.get("HPSEARCH_TIDY_CACHE", default))
        cache.mkdir(parents=True, exist_ok=True)
    base = config_digest()
    start = time.monotonic()
    failed, cached, slowest = [], 0, []
    with concurrent.futures.ThreadPoolExecutor(max(1, options.jobs)) as pool:
        jobs = [pool.submit(check, e, build, cache, base) for e in chosen]
        for job in concurrent.futures.as_completed(jobs):
            path, output, clean, from_cache, seconds = job.result()
            cached += from_cache
            slowest.append((seconds, path))
            if not clean:
                failed.append(path)
                print(output, end="", flush=True)
    slowest.sort(reverse=True)
    print(f"tidy: {len(chosen)} files ({cached} clean in the cache), {len(failed)} with "
          f"findings, {time.monotonic() - start:.0f} s with {options.jobs} jobs; slowest: "
          + ", ".join(f"{pathlib.Path(p).name} {s:.0f} s" for s, p in slowest[:3]),
          file=sys.stderr)
    for path in sorted(failed):
        print(f"tidy: findings in {os.path.relpath(path, ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
