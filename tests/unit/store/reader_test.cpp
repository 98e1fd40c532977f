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

void set_format_version(const std::string& path, int version) {
  edit_hdf5(path, [version](hid_t f) {
    const hid_t a = H5Aopen(f, schema::kAttrFormatVersion, H5P_DEFAULT);
    ASSERT_GE(H5Awrite(a, H5T_NATIVE_INT, &version), 0);
    ASSERT_GE(H5Aclose(a), 0);
  });
}

/// Replaces /evaluations in the open file `f` by an empty dataset of row type `type`.
void replace_evaluations(hid_t f, hid_t type) {
  ASSERT_GE(H5Ldelete(f, schema::kEvaluations, H5P_DEFAULT), 0);
  const hsize_t dims[1] = {0};
  const hid_t space = H5Screate_simple(1, dims, nullptr);
  const hid_t d =
      H5Dcreate2(f, schema::kEvaluations, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(d, 0);
  H5Dclose(d);
  H5Sclose(space);
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
  set_format_version(path, 99);
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
    const hid_t type = H5Tcreate(H5T_COMPOUND, 16);
    H5Tinsert(type, schema::kId, 0, H5T_NATIVE_INT64);
    H5Tinsert(type, schema::kObjective, 8, H5T_NATIVE_DOUBLE);
    replace_evaluations(f, type);
    H5Tclose(type);
  });
  EXPECT_NE(read_error(path).find("no column 'status'"), std::string::npos);
}

// tests/fixtures/checkpoints/format3_mixed.h5: written by the store before the trial columns
// (format 3; its README says how).
const std::string kFormat3 = std::string(HPSEARCH_FIXTURES) + "/checkpoints/format3_mixed.h5";

TEST(OldFormat, Format3FileReadsWithEachRowItsOwnTrial) {
  const CheckpointContents c = read_checkpoint(kFormat3);
  EXPECT_EQ(c.format_version, 3);
  EXPECT_EQ(c.info, test::test_info());
  EXPECT_EQ(c.parameters,
            (std::vector<std::string>{"lr", "units", "activation", "width", "flag", "scale"}));
  ASSERT_EQ(c.evaluations.size(), 8u);
  for (std::int64_t i = 0; i < 8; ++i) {
    const Evaluation want = test::make_evaluation(i);
    const Evaluation& got = c.evaluations[static_cast<std::size_t>(i)];
    EXPECT_EQ(got.id, i);
    EXPECT_EQ(got.status, want.status) << "id " << i;
    EXPECT_EQ(got.config, want.config) << "id " << i;
    EXPECT_EQ(got.host, want.host) << "id " << i;
    EXPECT_EQ(got.message, want.message) << "id " << i;
    EXPECT_EQ(got.finished_at, want.finished_at) << "id " << i;
    EXPECT_EQ(got.fidelity, static_cast<double>(i % 3)) << "id " << i;
    // The columns format 3 lacks, as a full-fidelity search means them.
    EXPECT_EQ(got.trial, i);
    EXPECT_EQ(got.from_fidelity, 0.0);
    EXPECT_EQ(got.rung, -1);
    EXPECT_EQ(got.decision, TrialDecision::finished);
  }
  ASSERT_EQ(c.curves.size(), 16u);
  EXPECT_EQ(c.curves[15], (CurvePoint{7, 2.0, 0.2 * 7}));
  ASSERT_EQ(c.allocations.size(), 1u);
  EXPECT_EQ(c.allocations[0].exit_reason, "max_evals reached");
}

TEST(OldFormat, Format3FileIsNotResumed) {
  TempDir dir;
  const std::string copy = dir.file("old.h5");
  std::filesystem::copy_file(kFormat3, copy);
  try {
    Checkpoint::open(copy);
    ADD_FAILURE() << "a format 3 checkpoint was opened to resume";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("format_version 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("still read it"), std::string::npos) << msg;
  }
  EXPECT_EQ(read_checkpoint(copy).evaluations.size(), 8u); // left readable
}

TEST(OldFormat, VersionAndColumnsMustAgree) {
  TempDir dir;
  const std::string copy = dir.file("old.h5");
  std::filesystem::copy_file(kFormat3, copy);
  set_format_version(copy, schema::kFormatVersion);
  EXPECT_NE(read_error(copy).find("lacks the trial columns"), std::string::npos);
}

TEST(ReadCheckpoint, SomeTrialColumnsWithoutTheOthersAreNamed) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, "run.h5", 0);
  edit_hdf5(path, [](hid_t f) {
    const hid_t type = H5Tcreate(H5T_COMPOUND, 8 + 1 + 8 + 8 + 8 + 8 + 4 + 4 + 64 + 24 + 8 + 8);
    std::size_t offset = 0;
    auto add = [&](const char* name, hid_t member) {
      H5Tinsert(type, name, offset, member);
      offset += H5Tget_size(member);
    };
    const hid_t host = H5Tcopy(H5T_C_S1);
    H5Tset_size(host, schema::kHostSize);
    const hid_t message = H5Tcopy(H5T_C_S1);
    H5Tset_size(message, H5T_VARIABLE);
    add(schema::kId, H5T_NATIVE_INT64);
    add(schema::kStatus, H5T_NATIVE_INT8);
    add(schema::kObjective, H5T_NATIVE_DOUBLE);
    add(schema::kFidelity, H5T_NATIVE_DOUBLE);
    add(schema::kTrial, H5T_NATIVE_INT64); // but no from_fidelity, rung, decision
    add(schema::kRequeueOf, H5T_NATIVE_INT64);
    add(schema::kAllocation, H5T_NATIVE_INT32);
    add(schema::kWorkerRank, H5T_NATIVE_INT32);
    add(schema::kHost, host);
    add(schema::kSubmittedAt, H5T_NATIVE_DOUBLE);
    add(schema::kStartedAt, H5T_NATIVE_DOUBLE);
    add(schema::kFinishedAt, H5T_NATIVE_DOUBLE);
    add(schema::kMessage, message);
    replace_evaluations(f, type);
    H5Tclose(host);
    H5Tclose(message);
    H5Tclose(type);
  });
  EXPECT_NE(read_error(path).find("has trial columns but no 'from_fidelity'"), std::string::npos);
}

} // namespace
} // namespace hpsearch
