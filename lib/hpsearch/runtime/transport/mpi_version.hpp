#pragma once
// The MPI library hpsearch runs with, for `hpsearch --version`.
#include <string>

namespace hpsearch {

/// The first line of MPI_Get_library_version up to its first comma ("Open MPI v4.1.4");
/// callable before MPI_Init.
std::string mpi_library_version();

} // namespace hpsearch
