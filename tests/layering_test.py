"""Every #include "hpsearch/<module>/..." in lib/ follows DESIGN.md §2's table, and only the
MPI transport files include MPI headers."""
import os
import re
import sys

ALLOWED = {
    "core": set(),
    "space": {"core"},
    "config": {"space", "core"},
    "surrogate": {"core"},
    "search": {"space", "surrogate", "core"},
    "eval": {"core"},
    "train": {"core"},
    "store": {"core", "space"},
    "sched": {"core"},
    "runtime": {"core", "space", "config", "search", "eval", "train", "store", "sched"},
    "sim": {"runtime", "search", "core", "space"},
    "report": {"store", "core", "space"},
}
MPI_FILES = re.compile(r"^(mpi_|run_search|messages)")
# Besides its table row, config may include the options headers (names, defaults, no
# behaviour: `*_options.hpp`) of the modules whose settings a problem file holds, and parses
# straight into them (DESIGN.md §2, "every setting has one home").
OPTION_HEADERS = {"config": {"search", "surrogate", "space", "eval", "train"}}
OPTION_HEADER = re.compile(r'\s*#\s*include\s*[<"]hpsearch/(\w+)/(?:[\w/]+/)?\w+_options\.hpp[>"]')

root = os.path.join(sys.argv[1], "lib", "hpsearch")
problems = []
for module in sorted(os.listdir(root)):
    folder = os.path.join(root, module)
    if not os.path.isdir(folder):
        continue
    if module not in ALLOWED:
        problems.append(f"lib/hpsearch/{module}: module not in the layering table")
        continue
    for dirpath, _, files in os.walk(folder):
        for name in files:
            if not name.endswith((".hpp", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, sys.argv[1])
            for line in open(path):
                m = re.match(r'\s*#\s*include\s*[<"]hpsearch/(\w+)/', line)
                option = OPTION_HEADER.match(line)
                if option and option.group(1) in OPTION_HEADERS.get(module, set()):
                    continue
                if m and m.group(1) != module and m.group(1) not in ALLOWED[module]:
                    problems.append(f"{rel}: includes hpsearch/{m.group(1)} ({module} may use "
                                    f"{sorted(ALLOWED[module]) or 'nothing'})")
                if name.endswith("_options.hpp") and (
                        (m and m.group(1) != "core" and not option)
                        or re.match(r'\s*#\s*include\s*[<"](Eigen|boost|yaml-cpp|torch)', line)):
                    problems.append(f"{rel}: an options header includes {line.strip()} (only "
                                    f"core and other options headers: config includes it)")
                if re.match(r'\s*#\s*include\s*[<"](mpi\.h|boost/mpi)', line) and not (
                        module == "runtime" and MPI_FILES.match(name)):
                    problems.append(f"{rel}: includes MPI outside the runtime transport")
for p in problems:
    print(p)
print(f"{0 if problems else 1} passed, {1 if problems else 0} failed: layering")
sys.exit(1 if problems else 0)
