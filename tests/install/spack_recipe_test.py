"""cmake/spack/package.py against the build it packages: its variants are the CMake feature
options (option(HPSEARCH_WITH_<X>) <-> variant "<x>", passed with define_from_variant), its
dependencies are cmake/debian-packages.txt's packages and CMakeLists' find_package calls
(mapped by the tables below; a new dependency fails here until the recipe has it), with the
same minimum versions. The recipe is evaluated with a stand-in for `spack.package` that
records its directives (Spack itself is not a Debian package); where `spack` is on PATH,
`spack python` checks the recipe's directives against Spack's own too."""
import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import types

ROOT = sys.argv[1]
RECIPE = os.path.join(ROOT, "cmake", "spack", "package.py")

# Debian package (cmake/debian-packages.txt) -> the Spack spec that provides it; None: not a
# dependency of the package (the toolchain Spack provides, data).
DEBIAN_TO_SPACK = {
    "build-essential": "c", "g++": "cxx", "cmake": "cmake",
    "libopenmpi-dev": "mpi", "openmpi-bin": "mpi",
    "libboost-mpi-dev": "boost+mpi", "libboost-serialization-dev": "boost+serialization",
    "libboost-random-dev": "boost+random",
    "libeigen3-dev": "eigen", "libhdf5-dev": "hdf5", "hdf5-tools": "hdf5",
    "libcli11-dev": "cli11", "libgtest-dev": "googletest", "libgmock-dev": "googletest",
    "libyaml-cpp-dev": "yaml-cpp", "python3-h5py": "py-h5py", "liblbfgspp-dev": "lbfgspp",
    "rapidjson-dev": "rapidjson", "zlib1g-dev": "zlib-api",
    "libtorch-dev": "py-torch", "libopenblas0-openmp": "openblas",
    "dataset-fashion-mnist": None,  # the quickstart's data, not a build dependency
}
# Debian packages only the trainer needs: their Spack dependency is conditional on +torch.
TORCH_ONLY = {"libtorch-dev", "libopenblas0-openmp"}
# CMake find_package / find_path (header) -> Spack package; None: from the toolchain.
CMAKE_TO_SPACK = {
    "MPI": "mpi", "Boost": "boost", "Eigen3": "eigen", "HDF5": "hdf5", "yaml-cpp": "yaml-cpp",
    "CLI11": "cli11", "Threads": None, "Torch": "py-torch", "ZLIB": "zlib-api",
    "GTest": "googletest", "Python3": None, "Git": None, "PkgConfig": None,
    "hpsearch": None,  # the install test's plugin project finds the installed hpsearch
    "rapidjson/document.h": "rapidjson", "LBFGSB.h": "lbfgspp",
}

problems = []


def fail(message):
    problems.append(message)


class Directives:
    def __init__(self):
        self.depends, self.variants, self.versions = [], {}, []


def evaluate_recipe():
    """Runs the recipe's class body with a stand-in spack.package; returns its directives."""
    d = Directives()
    fake = types.ModuleType("spack.package")
    fake.CMakePackage = type("CMakePackage", (), {})
    fake.depends_on = lambda spec, when=None, type=None: d.depends.append((spec, when, type))
    fake.variant = lambda name, default=None, description="", **kw: d.variants.update(
        {name: (default, description)})
    fake.version = lambda name, **kw: d.versions.append(name)
    fake.license = lambda *a, **kw: None
    fake.join_path = os.path.join
    fake.__all__ = [n for n in vars(fake) if not n.startswith("_")]
    spack = types.ModuleType("spack")
    spack.package = fake
    sys.modules["spack"], sys.modules["spack.package"] = spack, fake
    namespace = {}
    exec(compile(open(RECIPE).read(), RECIPE, "exec"), namespace)
    cls = namespace.get("Hpsearch")
    if cls is None or not cls.__doc__:
        fail("package.py defines no documented class Hpsearch")
    return d, cls


def cmake_files():
    files = [os.path.join(ROOT, "CMakeLists.txt")]
    for folder in ("lib", "apps", "cmake", "tests", "configs"):
        files += glob.glob(os.path.join(ROOT, folder, "**", "CMakeLists.txt"), recursive=True)
        files += glob.glob(os.path.join(ROOT, folder, "**", "*.cmake"), recursive=True)
    return files


def spec_name(spec):
    return re.match(r"[A-Za-z0-9_-]+", spec).group(0)


def main():
    d, cls = evaluate_recipe()
    names = {spec_name(s) for s, _, _ in d.depends}

    # Debian packages <-> dependencies.
    for line in open(os.path.join(ROOT, "cmake", "debian-packages.txt")):
        package = line.split("#")[0].strip()
        if not package:
            continue
        if package not in DEBIAN_TO_SPACK:
            fail(f"debian-packages.txt: {package} has no Spack mapping (add it to the recipe "
                 f"and to DEBIAN_TO_SPACK in this test)")
            continue
        want = DEBIAN_TO_SPACK[package]
        if want is None:
            continue
        name, flags = spec_name(want), re.findall(r"\+(\w+)", want)
        matches = [(s, w) for s, w, _ in d.depends if spec_name(s) == name]
        if not matches:
            fail(f"{package}: the recipe has no depends_on('{name}...')")
            continue
        for flag in flags:
            if not any(f"+{flag}" in s for s, _ in matches):
                fail(f"{package}: depends_on('{name}') lacks +{flag}")
        conditional = all(w == "+torch" for _, w in matches)
        if (package in TORCH_ONLY) != conditional:
            fail(f"{package}: depends_on('{name}') should {'' if package in TORCH_ONLY else 'not '}"
                 f"be when='+torch'")
    mapped = {spec_name(v) for v in DEBIAN_TO_SPACK.values() if v}
    for name in names - mapped:
        fail(f"package.py depends on {name}, which no Debian package of "
             f"cmake/debian-packages.txt stands for")

    # find_package / find_path <-> dependencies, with minimum versions.
    text = "\n".join(re.sub(r"#.*", "", open(f).read()) for f in cmake_files())
    found = re.findall(r"find_package\(\s*([A-Za-z0-9_-]+)(?:\s+(\d[\d.]*))?", text)
    found += [(h, "") for h in re.findall(r"find_path\(\s*\w+\s+([\w/.]+)", text)]
    for package, minimum in found:
        if package not in CMAKE_TO_SPACK:
            fail(f"CMake finds {package}: no Spack mapping in CMAKE_TO_SPACK (and the recipe?)")
            continue
        spack_name = CMAKE_TO_SPACK[package]
        if spack_name is None:
            continue
        specs = [s for s, _, _ in d.depends if spec_name(s) == spack_name]
        if not specs:
            fail(f"CMake finds {package}; the recipe has no depends_on('{spack_name}')")
        elif minimum and not any(f"@{minimum}:" in s for s in specs):
            fail(f"CMake needs {package} {minimum}; the recipe's {specs} do not say "
                 f"@{minimum}:")
    cmake_min = re.search(r"cmake_minimum_required\(VERSION (\d+\.\d+)", text).group(1)
    if not any(s == f"cmake@{cmake_min}:" for s, _, _ in d.depends):
        fail(f"cmake_minimum_required {cmake_min}: the recipe lacks depends_on('cmake@{cmake_min}:')")

    # Variants <-> CMake feature options.
    options = re.findall(r"option\(\s*HPSEARCH_WITH_(\w+)", text)
    tree = ast.parse(open(RECIPE).read())
    passed = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "define_from_variant":
            cmake_option, variant = (a.value for a in node.args[:2])
            passed[variant] = cmake_option
    for option in options:
        variant = option.lower()
        if variant not in d.variants:
            fail(f"CMake option HPSEARCH_WITH_{option} has no variant '{variant}'")
        elif passed.get(variant) != f"HPSEARCH_WITH_{option}":
            fail(f"variant '{variant}' is not passed as define_from_variant"
                 f"('HPSEARCH_WITH_{option}', '{variant}')")
    for variant in d.variants:
        if passed.get(variant, "").removeprefix("HPSEARCH_WITH_").lower() != variant:
            fail(f"variant '{variant}' is not a CMake HPSEARCH_WITH_ option")
    for option in re.findall(r"self\.define\(\"(\w+)\"", open(RECIPE).read()):
        if not re.search(rf"option\(\s*{option}\b|set\({option}\b", text):
            fail(f"package.py sets {option}, which CMakeLists.txt does not define")
    version = re.search(r"project\(hpsearch VERSION ([\d.]+)", text).group(1)
    if version not in d.versions:
        fail(f"project version {version} is not a version() of the recipe: {d.versions}")

    spack = shutil.which("spack")
    if spack:  # the real thing, where a Spack checkout is on PATH
        check = subprocess.run([spack, "python", "-c",
                                f"import spack.repo; exec(open('{RECIPE}').read())"],
                               capture_output=True, text=True)
        if check.returncode != 0:
            fail(f"spack python could not load the recipe: {check.stderr}")
    else:
        print("spack not on PATH: checked with the stand-in only")

    for p in problems:
        print("FAIL:", p)
    if problems:
        sys.exit(1)
    print(f"package.py: {len(d.depends)} dependencies, variants {sorted(d.variants)}: consistent")


main()
