# Spack recipe for hpsearch (issue 20). Copy it into a Spack repository as
# packages/hpsearch/package.py:
#   spack repo create myrepo && mkdir -p myrepo/packages/hpsearch
#   cp cmake/spack/package.py myrepo/packages/hpsearch/ && spack repo add myrepo
#   spack install hpsearch+torch
# tests/install/spack_recipe_test.py keeps its variants and dependencies in step with the
# CMake options (CMakeLists.txt) and cmake/debian-packages.txt.
from spack.package import *


class Hpsearch(CMakePackage):
    """Asynchronous hyperparameter and neural architecture search on MPI ranks: rank 0
    manages the search (random, grid, AMBS, TPE, ASHA/Hyperband, ...) and writes every
    evaluation to an HDF5 checkpoint; the other ranks evaluate configurations (a command, a
    plugin, a test function, or the built-in LibTorch trainer)."""

    homepage = "https://github.com/hpsearch/hpsearch"
    git = "https://github.com/hpsearch/hpsearch.git"

    license("BSD-3-Clause")

    version("main", branch="main")
    version("0.1.0", tag="v0.1.0")

    variant(
        "torch",
        default=False,
        description="Build the LibTorch trainer module (objective.kind: torch)",
    )

    depends_on("c", type="build")
    depends_on("cxx", type="build")
    depends_on("cmake@3.22:", type="build")

    depends_on("mpi")
    depends_on("boost@1.74:+mpi+serialization+random")
    depends_on("eigen@3.4:")
    depends_on("hdf5@1.10:+hl~mpi")
    depends_on("yaml-cpp")
    depends_on("cli11@2:")
    depends_on("rapidjson")
    depends_on("lbfgspp")
    depends_on("zlib-api")
    depends_on("py-h5py", type="run")  # bench and analysis scripts read checkpoints
    depends_on("py-torch", when="+torch")  # its libtorch and CMake package (TorchConfig)
    depends_on("openblas threads=openmp", when="+torch")

    depends_on("googletest", type="test")

    def cmake_args(self):
        return [
            self.define_from_variant("HPSEARCH_WITH_TORCH", "torch"),
            self.define("HPSEARCH_BUILD_TESTS", self.run_tests),
            self.define("HPSEARCH_BUILD_BENCH", False),
        ]  # +torch: Spack puts py-torch's share/cmake on CMAKE_PREFIX_PATH (TorchConfig)

    def setup_run_environment(self, env):
        env.set("HPSEARCH_JOBSCRIPTS", self.prefix.share.hpsearch.jobscripts)
