#pragma once
// Creating a new checkpoint file (the writer's first step, Checkpoint::create): the file
// itself, its root attributes and the empty /evaluations dataset with the choice lists of
// its parameters. Internal to store/.
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/checkpoint_info.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/row_layout.hpp"

#include <string>

namespace hpsearch::h5 {

/// File-access properties with HDF5's own file locking (ignored where the file system has
/// none); `what` names the operation in errors.
Handle file_access(const std::string& what);
/// Creates `path`, which must not exist (H5F_ACC_EXCL: O_EXCL, so this is the one check);
/// an existing path is an input error that says how to resume it.
Handle create_file(const std::string& path);
/// The root attributes: format, versions, creation time, problem, strategy, seed,
/// direction, the space and its hash.
void write_root_attributes(hid_t file_id, const std::string& path, const SearchSpace& space,
                           const CheckpointInfo& info);
/// The empty, chunked /evaluations dataset of `layout`, with each non-numeric parameter's
/// choices as attributes.
Handle create_evaluations(hid_t file_id, const std::string& path, const RowLayout& layout);

} // namespace hpsearch::h5
