"""`cmake --install` into a temporary prefix, then moved elsewhere (relocatable); an
out-of-tree plugin project (plugin_project/) builds against it with find_package(hpsearch)
and runs under the installed hpsearch on MPI ranks; the installed job scripts, examples,
header, CMake package and Lmod module are where the README says; `hpsearch --version` names
the version, the commit and the MPI, HDF5 and LibTorch versions. With Lmod installed (Debian's
lmod), the module is loaded and puts the installed hpsearch on PATH.

usage: install_test.py BUILD_DIR SOURCE_DIR MPIRUN"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

BUILD, SOURCE, MPIRUN = sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))


def run(args, cwd=None, env=None, timeout=300):
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}\n--- stdout:\n"
                             f"{proc.stdout}\n--- stderr:\n{proc.stderr}")
    return proc


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    with tempfile.TemporaryDirectory(prefix="hpsearch-install-") as d:
        first = os.path.join(d, "first")
        run(["cmake", "--install", BUILD, "--prefix", first])
        prefix = os.path.join(d, "moved", "hpsearch")  # relocated: nothing may point at `first`
        os.makedirs(os.path.dirname(prefix))
        shutil.move(first, prefix)

        for path in ("bin/hpsearch", "bin/hpsearch-eval-host", "bin/hpsearch-read-checkpoint",
                     "share/hpsearch/jobscripts/local.sh", "share/hpsearch/jobscripts/slurm.sbatch"):
            check(os.access(os.path.join(prefix, path), os.X_OK), f"{path}: not installed")
        for path in ("include/hpsearch/eval/hpsearch_plugin.h", "share/hpsearch/configs/branin.yaml",
                     "share/hpsearch/configs/plugins/branin_plugin.c",
                     "share/hpsearch/configs/plugins/libbranin_plugin.so",
                     "lib/cmake/hpsearch/hpsearchConfig.cmake",
                     "lib/cmake/hpsearch/hpsearchConfigVersion.cmake"):
            check(os.path.isfile(os.path.join(prefix, path)), f"{path}: not installed")
        modules = os.path.join(prefix, "share/hpsearch/modulefiles")
        check(len(os.listdir(os.path.join(modules, "hpsearch"))) == 1, "no Lmod module")
        for root, _, files in os.walk(prefix):
            for name in files:
                path = os.path.join(root, name)
                if name.endswith((".cmake", ".lua", ".sh", ".yaml")):
                    check(first not in open(path, errors="replace").read(),
                          f"{path} names the install prefix it was installed to: not relocatable")

        hpsearch = os.path.join(prefix, "bin", "hpsearch")
        version = run([hpsearch, "--version"]).stdout
        for want in ("hpsearch 0.", "git commit ", "MPI: Open MPI v", "HDF5: 1.", "LibTorch: "):
            check(want in version, f"--version lacks {want!r}:\n{version}")

        # The out-of-tree plugin project, against the moved prefix only.
        project = os.path.join(d, "plugin")
        shutil.copytree(os.path.join(HERE, "plugin_project"), project)
        configured = run(["cmake", "-S", project, "-B", os.path.join(project, "build"),
                          f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_BUILD_TYPE=Release"])
        check(f"hpsearch executable: {hpsearch}" in configured.stdout,
              f"hpsearch::hpsearch is not the moved executable:\n{configured.stdout}")
        run(["cmake", "--build", os.path.join(project, "build")])
        for library in ("libsphere_plugin.so", "libsphere_plugin_by_hand.so"):
            plugin = os.path.join(project, "build", library)
            check(os.path.isfile(plugin), f"{library} not built")
        problem = os.path.join(d, "problem.yaml")
        with open(os.path.join(project, "problem.yaml")) as f:
            text = f.read().replace("LIBRARY", os.path.join(project, "build", "libsphere_plugin.so"))
        with open(problem, "w") as f:
            f.write(text)
        ckpt = os.path.join(d, "sphere.h5")
        run([MPIRUN, "--oversubscribe", "-n", "3", hpsearch, "run", problem, "--checkpoint", ckpt],
            env=env)
        out = os.path.join(d, "sphere.csv")
        run([hpsearch, "export", ckpt, "--csv", out])
        with open(out, newline="") as f:
            rows = list(csv.DictReader(f))
        check(len(rows) == 6, f"{len(rows)} evaluations, expected 6")
        for row in rows:
            x, y = float(row["p:x"]), float(row["p:y"])
            check(row["job_status"] == "DONE", f"the plugin failed: {row}")
            check(abs(float(row["objective"]) - (x * x + y * y + 1.0)) < 1e-9,
                  f"objective {row['objective']} is not x^2 + y^2 + 1 for {row}")

        # The example plugin problem as installed (its relative library path).
        example = os.path.join(prefix, "share/hpsearch/configs/plugin_example.yaml")
        run([hpsearch, "validate", example])

        lmod = "/usr/share/lmod/lmod/init/bash"
        if os.path.isfile(lmod):
            shell = (f"source {lmod} && module use {modules} && module load hpsearch && "
                     f"command -v hpsearch && echo root=$HPSEARCH_ROOT")
            loaded = run(["bash", "-c", shell]).stdout
            check(f"{hpsearch}\n" in loaded and f"root={prefix}" in loaded,
                  f"module load hpsearch did not put the moved prefix first:\n{loaded}")
        else:
            print("lmod not installed: the module file was checked for its place only")
    print("install test passed")


main()
