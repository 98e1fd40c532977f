#include "commands.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/runtime/transport/mpi_version.hpp"
#include "hpsearch/store/hdf5_version.hpp"

namespace hpsearch::app {

std::string version_text() {
  const std::string_view torch = torch_version();
  return "hpsearch " + std::string(version()) + "\ngit commit " + std::string(git_commit()) +
         "\nMPI: " + mpi_library_version() + "\nHDF5: " + hdf5_library_version() + "\nLibTorch: " +
         (torch.empty() ? std::string("not built (the trainer module libhpsearch_train.so is "
                                      "absent: objective.kind torch is unavailable)")
                        : std::string(torch) + " (trainer module libhpsearch_train.so)");
}

} // namespace hpsearch::app
