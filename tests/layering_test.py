"""Every #include "hpsearch/<module>/..." in lib/ follows DESIGN.md §2's table, and only the
MPI transport (lib/hpsearch/runtime/transport/mpi_*) includes MPI headers.

Two narrow exceptions name the files they allow (HEADER_EXCEPTIONS):
- config may include train's options header and hyperparameter catalog (torch-free), which
  it parses the problem file into and validates against (issue 13: settings defined once);
- eval's torch evaluator files (eval/torch_*) may include train's torch-free interface
  (trainer.hpp, module_api.hpp, the data split for the early probe, the options and the
  catalog): the evaluator loads libhpsearch_train.so and speaks its interface. Never a
  LibTorch header (train/torch_model.hpp, torch_optimizer.hpp);
- the HTML report's forest analysis (report/html/forest_analysis.cpp) may include
  surrogate's forest: parameter importance and partial dependence come from the search's own
  model (issue 20)."""
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
    "sim": {"runtime", "search", "core", "space", "config", "eval", "store"},
    "report": {"store", "core", "space"},
}
MPI_FILES = re.compile(r"^lib/hpsearch/runtime/transport/mpi_[^/]*$")
TRAIN_OPTIONS = {"torch_options.hpp", "hyperparameter_catalog.hpp", "hyperparameter_check.hpp"}
TRAIN_INTERFACE = TRAIN_OPTIONS | {"trainer.hpp", "module_api.hpp", "split.hpp", "dataset.hpp"}
# (including module, file name pattern, included module) -> the headers it may include.
HEADER_EXCEPTIONS = [
    ("config", re.compile(r".*"), "train", TRAIN_OPTIONS),
    ("eval", re.compile(r"^torch_"), "train", TRAIN_INTERFACE),
    ("report", re.compile(r"^forest_analysis\.cpp$"), "surrogate",
     {"forest.hpp", "forest_options.hpp"}),
]


def allowed_by_exception(module, name, included, header):
    return any(module == m and pattern.match(name) and included == target and header in headers
               for m, pattern, target, headers in HEADER_EXCEPTIONS)
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
                m = re.match(r'\s*#\s*include\s*[<"]hpsearch/(\w+)/([\w/.]+)', line)
                option = OPTION_HEADER.match(line)
                if option and option.group(1) in OPTION_HEADERS.get(module, set()):
                    continue
                if m and m.group(1) != module and m.group(1) not in ALLOWED[module] and not \
                        allowed_by_exception(module, name, m.group(1), m.group(2)):
                    problems.append(f"{rel}: includes hpsearch/{m.group(1)} ({module} may use "
                                    f"{sorted(ALLOWED[module]) or 'nothing'})")
                if name.endswith("_options.hpp") and (
                        (m and m.group(1) != "core" and not option)
                        or re.match(r'\s*#\s*include\s*[<"](Eigen|boost|yaml-cpp|torch)', line)):
                    problems.append(f"{rel}: an options header includes {line.strip()} (only "
                                    f"core and other options headers: config includes it)")
                if re.match(r'\s*#\s*include\s*[<"](mpi\.h|boost/mpi)', line) and not (
                        module == "runtime" and MPI_FILES.match(rel.replace(os.sep, "/"))):
                    problems.append(f"{rel}: includes MPI outside the runtime transport")
for p in problems:
    print(p)
print(f"{0 if problems else 1} passed, {1 if problems else 0} failed: layering")
sys.exit(1 if problems else 0)
