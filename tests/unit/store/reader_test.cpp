// read_checkpoint on files that are not (good) checkpoints: every failure is an
// hpsearch::Error naming the path, never a crash or HDF5 noise.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/schema.hpp"
#include "store_test_util.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <hdf5.h>

namespace hpsearch {
namespace {

using test::TempDir;

std::string read_error(const std::string& path) {
  try {
    read_checkpoint(path);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    return msg;
  }
  ADD_FAILURE() << "read_checkpoint('" << path << "') did not throw";
  return {};
}

std::string write_checkpoint(const TempDir& dir, const std::string& name, int rows) {
  const std::string path = dir.file(name);
  Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
  for (int i = 0; i < rows; ++i) cp.append(test::make_evaluation(i));
  return path;
}

/// Opens `path` read-write with the raw C API, runs `edit`, closes.
template <class F> void edit_hdf5(const std::string& path, F edit) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  edit(f);
  ASSERT_GE(H5Fclose(f), 0);
}

TEST(ReadCheckpoint, MissingFileSaysSo) {
  TempDir dir;
  EXPECT_NE(read_error(dir.file("nope.h5")).find("does not exist"), std::string::npos);
}

TEST(ReadCheckpoint, TextFileIsNotHdf5) {
  TempDir dir;
  const std::string path = dir.file("notes.h5");
  std::ofstream(path) << "lr,objective\n0.1,0.5\n";
  EXPECT_NE(read_error(path).find("not an HDF5 file"), std::string::npos);
  std::ofstream(dir.file("empty.h5")).flush();
  EXPECT_NE(read_error(dir.file("empty.h5")).find("not an HDF5 file"), std::string::npos);
}

TEST(ReadCheckpoint, TruncatedFileIsAnErrorNotACrash) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 600);
  const auto size = std::filesystem::file_size(path);
  for (const auto keep : {size / 2, size / 10, std::uintmax_t{4096}}) {
    const std::string cut = dir.file("cut" + std::to_string(keep) + ".h5");
    std::filesystem::copy_file(path, cut);
    std::filesystem::resize_file(cut, keep);
    read_error(cut);
  }
}

TEST(ReadCheckpoint, Hdf5FileThatIsNoCheckpointNamesWhatIsMissing) {
  TempDir dir;
  const std::string path = dir.file("other.h5");
  const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  ASSERT_GE(H5Fclose(f), 0);
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("format_version"), std::string::npos) << msg;
  EXPECT_NE(msg.find("missing"), std::string::npos) << msg;
}

TEST(ReadCheckpoint, MissingEvaluationsDatasetIsNamed) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 3);
  edit_hdf5(path, [](hid_t f) { ASSERT_GE(H5Ldelete(f, schema::kEvaluations, H5P_DEFAULT), 0); });
  EXPECT_NE(read_error(path).find("no /evaluations dataset"), std::string::npos);
}

TEST(ReadCheckpoint, OtherFormatVersionIsRefused) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 3);
  edit_hdf5(path, [](hid_t f) {
    const hid_t a = H5Aopen(f, schema::kAttrFormatVersion, H5P_DEFAULT);
    const int version = 99;
    ASSERT_GE(H5Awrite(a, H5T_NATIVE_INT, &version), 0);
    ASSERT_GE(H5Aclose(a), 0);
  });
  EXPECT_NE(read_error(path).find("format_version 99"), std::string::npos);
}

TEST(ReadCheckpoint, BadDirectionAttributeIsNamed) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 1);
  edit_hdf5(path, [](hid_t f) { ASSERT_GE(H5Adelete(f, schema::kAttrDirection), 0); });
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("'direction'"), std::string::npos) << msg;
}

TEST(ReadCheckpoint, DatasetWithoutRequiredColumnIsNamed) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 0);
  edit_hdf5(path, [](hid_t f) {
    ASSERT_GE(H5Ldelete(f, schema::kEvaluations, H5P_DEFAULT), 0);
    const hid_t type = H5Tcreate(H5T_COMPOUND, 16);
    H5Tinsert(type, schema::kId, 0, H5T_NATIVE_INT64);
    H5Tinsert(type, schema::kObjective, 8, H5T_NATIVE_DOUBLE);
    const hsize_t dims[1] = {0};
    const hid_t space = H5Screate_simple(1, dims, nullptr);
    const hid_t d =
        H5Dcreate2(f, schema::kEvaluations, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(d, 0);
    H5Dclose(d);
    H5Sclose(space);
    H5Tclose(type);
  });
  EXPECT_NE(read_error(path).find("no column 'status'"), std::string::npos);
}

} // namespace
} // namespace hpsearch
