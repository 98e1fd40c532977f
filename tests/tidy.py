#!/usr/bin/env python3
"""tests/tidy.py BUILD_DIR [PATH...] [--jobs N] [--no-cache] [--changed-in N]: clang-tidy over lib/ and apps/.

Runs clang-tidy (the checks of the repository's .clang-tidy, every warning an error) on each
translation unit under lib/ and apps/ (or only under the PATHs given) in
BUILD_DIR/compile_commands.json, N at a time (default: the number of cores), and prints the
findings.

--changed-in N bounds the pass (tests/run.sh's default; a full pass on a machine without the
cache takes ~35 min on 2 cores): only the translation units affected by the changes of the
last N commits (first-parent history: `git diff HEAD~N`) and of the work tree are checked:
each changed source, and for each changed project header one unit that includes it
(clang-tidy reports a header's findings through any unit including it); units whose only
change is in a header they include are not checked again. A change of a .clang-tidy (the
checks) selects every unit. What is not checked is counted in the output.

Units that include LibTorch (<torch/...>, <ATen/...>, <c10/...>, directly or through a
project header) are not checked with clang-tidy 14 and older (Debian 12's): it cannot parse
ATen with libstdc++ 12 in C++20 ("Error while processing": std::vector<c10::IValue> of an
incomplete type in ATen/core/ivalue_inl.h, a const IValue bound to IValue&). The output
names them; --with-libtorch checks them anyway.

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
import re
import shlex
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TIDY = os.environ.get("HPSEARCH_CLANG_TIDY", "clang-tidy")
# The compile commands are gcc's: a gcc-only warning option (e.g. -Wno-restrict, which
# cmake/HpsearchWarnings.cmake passes to GCC 12) is unknown to clang, and clang-tidy would
# report it as a finding in every unit.
TIDY_ARGS = ["--extra-arg=-Wno-unknown-warning-option"]


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


INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def git(*args):
    run = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                         check=False)
    return run.stdout.splitlines() if run.returncode == 0 else None


def changed_files(commits):
    """Files (absolute) changed in the last `commits` commits and in the work tree; None
    when that history is not there (a shallow or short clone): then everything counts."""
    base = git("rev-parse", "--verify", "--quiet", f"HEAD~{commits}")
    if not base:
        return None
    names = git("diff", "--name-only", base[0]) or []  # commits + uncommitted changes
    names += git("ls-files", "--others", "--exclude-standard") or []  # new files
    return {(ROOT / name).resolve() for name in names}


LIBTORCH = re.compile(r"^\s*#\s*include\s*<(torch|ATen|c10)/", re.M)


def tidy_major():
    version = subprocess.run([TIDY, "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"version (\d+)", version.stdout)
    return int(match.group(1)) if match else 0


def includes_libtorch(chosen_files):
    """The chosen files that include a LibTorch header, directly or through project headers."""
    includers = includers_of(chosen_files)
    torch = set()
    for top in ("lib", "apps"):
        for path in (ROOT / top).rglob("*"):
            if path.suffix in (".cpp", ".hpp", ".h") and LIBTORCH.search(
                    path.read_text(errors="replace")):
                path = path.resolve()
                torch |= includers.get(path, set()) | ({path} & chosen_files)
    return torch


def includers_of(chosen_files):
    """header -> the chosen files that include it, directly or through other headers."""
    sources = [p for top in ("lib", "apps") for p in (ROOT / top).rglob("*")
               if p.suffix in (".cpp", ".hpp", ".h")]
    direct = {}  # header -> files including it
    for source in sources:
        for name in INCLUDE.findall(source.read_text(errors="replace")):
            for base in (source.parent, ROOT / "lib", ROOT / "apps"):
                header = (base / name).resolve()
                if header.is_file():
                    direct.setdefault(header, set()).add(source.resolve())
                    break
    closure = {}
    for header in direct:
        reached, todo = set(), [header]
        while todo:
            for source in direct.get(todo.pop(), ()):
                if source not in reached:
                    reached.add(source)
                    todo.append(source)
        closure[header] = reached & chosen_files
    return closure


def affected(chosen, changed):
    """The entries whose source changed, plus, for each changed project header no such entry
    includes, one entry that includes it (the one of the same name if any): clang-tidy
    reports a header's findings (HeaderFilterRegex) through any unit that includes it."""
    by_file = {pathlib.Path(e["file"]).resolve(): e for e in chosen}
    selected = {f for f in by_file if f in changed}
    includers = includers_of(set(by_file))
    for header in sorted(h for h in changed if h.suffix in (".hpp", ".h")):
        units = includers.get(header, set())
        if units and not units & selected:
            same_name = [u for u in units if u.stem == header.stem]
            selected.add(min(same_name or units))
    return [by_file[f] for f in sorted(selected)]


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
    digest.update("\0".join(TIDY_ARGS).encode())
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
    run = subprocess.run([TIDY, "-p", str(build), "--quiet", *TIDY_ARGS, entry["file"]],
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
    parser.add_argument("--with-libtorch", action="store_true",
                        help="check the units including LibTorch even with clang-tidy <= 14")
    parser.add_argument("--changed-in", type=int, metavar="N",
                        help="only the units affected by the last N commits and the work tree")
    options = parser.parse_args()
    if shutil.which(TIDY) is None:
        print(f"tidy: {TIDY} not found (apt-get install clang-tidy)", file=sys.stderr)
        return 2
    build = options.build.resolve()
    paths = [p.resolve() for p in options.paths] or [ROOT / "lib", ROOT / "apps"]
    chosen = entries(build, paths)
    total = len(chosen)
    if not options.with_libtorch and tidy_major() <= 14:
        torch = includes_libtorch({pathlib.Path(e["file"]).resolve() for e in chosen})
        if torch:
            print(f"tidy: {len(torch)} units including LibTorch are NOT checked (clang-tidy "
                  f"{tidy_major()} cannot parse ATen with libstdc++ 12 in C++20; "
                  f"--with-libtorch tries): "
                  + ", ".join(sorted(os.path.relpath(p, ROOT) for p in torch)), file=sys.stderr)
            chosen = [e for e in chosen if pathlib.Path(e["file"]).resolve() not in torch]
    if options.changed_in is not None:
        changed = changed_files(options.changed_in)
        if changed is None or any(path.name == ".clang-tidy" for path in changed):
            why = "fewer commits in this clone" if changed is None else "a .clang-tidy changed"
            print(f"tidy: every unit is checked ({why})", file=sys.stderr)
        else:
            chosen = affected(chosen, changed)
            skipped = total - len(chosen)
            print(f"tidy: bounded pass: {len(chosen)} of {total} translation units checked "
                  f"(the sources changed in the last {options.changed_in} commits and the "
                  f"work tree, and one includer of each changed header); {skipped} are NOT "
                  f"checked (HPSEARCH_TIDY=all tests/run.sh, or tests/tidy.py without "
                  f"--changed-in, checks every unit)", file=sys.stderr)
            for entry in chosen:
                print(f"tidy: checking {os.path.relpath(entry['file'], ROOT)}", file=sys.stderr)
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
