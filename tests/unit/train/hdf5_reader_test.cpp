#include "hpsearch/train/hdf5_reader.hpp"
#include "train_test_util.hpp"

#include <gtest/gtest.h>

namespace hpsearch::train {
namespace {

using test::create_h5;
using test::expect_error;
using test::TempDir;
using test::write_h5_dataset;

const std::vector<std::int64_t> kH5Labels{1, 0, 4, 1};

/// X: 4 examples of 2x3 in `x_type` (from doubles 0, 0.5, 1, ...), y as given.
void write_file(const std::string& path, hid_t x_type, hid_t y_type,
                const std::vector<hsize_t>& y_dims, const std::vector<std::int64_t>& y) {
  std::vector<double> x(24);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.5 * static_cast<double>(i);
  const hid_t file = create_h5(path);
  ASSERT_GE(file, 0);
  write_h5_dataset(file, "X", {4, 2, 3}, x_type, H5T_NATIVE_DOUBLE, x.data());
  write_h5_dataset(file, "y", y_dims, y_type, H5T_NATIVE_INT64, y.data());
  H5Fclose(file);
}

TEST(Hdf5Reader, ReadsFloatFeaturesAndIntegerLabels) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  write_file(path, H5T_IEEE_F32LE, H5T_STD_I64LE, {4}, kH5Labels);
  const Dataset data = read_hdf5(path);
  EXPECT_EQ(data.size(), 4U);
  EXPECT_EQ(data.sample_shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(data.classes, 5);
  EXPECT_EQ(data.labels, kH5Labels);
  ASSERT_EQ(data.features.size(), 24U);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_EQ(data.features[i], 0.5F * static_cast<float>(i));
  EXPECT_EQ(probe_hdf5(path), 4U);
}

TEST(Hdf5Reader, ConvertsOtherNumericTypesAndColumnLabels) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  write_file(path, H5T_IEEE_F64BE, H5T_STD_U8LE, {4, 1}, kH5Labels);
  Dataset data = read_hdf5(path);
  EXPECT_EQ(data.labels, kH5Labels);
  EXPECT_EQ(data.features[23], 11.5F);

  write_file(path, H5T_STD_I32LE, H5T_STD_I16BE, {4}, kH5Labels); // 0.5 * i truncated
  data = read_hdf5(path);
  EXPECT_EQ(data.features[3], 1.0F);
  EXPECT_EQ(data.features[22], 11.0F);
  EXPECT_EQ(data.classes, 5);
}

TEST(Hdf5Reader, FloatLabelsAreAnError) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  write_file(path, H5T_IEEE_F32LE, H5T_IEEE_F64LE, {4}, kH5Labels);
  for (const auto& call : {+[](const std::string& p) { read_hdf5(p); },
                           +[](const std::string& p) { probe_hdf5(p); }}) {
    expect_error([&] { call(path); }, {"dataset 'y'", "'" + path + "'", "dtype float64",
                                       "an integer class label dataset"});
  }
}

TEST(Hdf5Reader, MissingDatasetListsWhatTheFileHolds) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  const hid_t file = create_h5(path);
  const std::vector<float> x(6, 1.0F);
  write_h5_dataset(file, "X", {3, 2}, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, x.data());
  write_h5_dataset(file, "labels", {3}, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, x.data());
  H5Fclose(file);
  expect_error([&] { read_hdf5(path); },
               {"'" + path + "'", "no dataset 'y'", "it holds: X, labels"});
}

TEST(Hdf5Reader, MissingOrForeignFile) {
  TempDir dir;
  expect_error([&] { probe_hdf5(dir.file("none.h5")); },
               {"'" + dir.file("none.h5") + "' does not exist"});
  test::write_text(dir.file("text.h5"), "not hdf5\n");
  expect_error([&] { read_hdf5(dir.file("text.h5")); },
               {"cannot open '" + dir.file("text.h5") + "' as an HDF5 file"});
}

TEST(Hdf5Reader, ShapeErrorsNameTheDataset) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  const std::vector<std::int64_t> y{0, 1, 0, 1, 0, 1};
  const std::vector<float> x(8, 0.0F);
  auto write = [&](const std::vector<hsize_t>& x_dims, const std::vector<hsize_t>& y_dims) {
    const hid_t file = create_h5(path);
    write_h5_dataset(file, "X", x_dims, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, x.data());
    write_h5_dataset(file, "y", y_dims, H5T_STD_I64LE, H5T_NATIVE_INT64, y.data());
    H5Fclose(file);
  };
  write({4}, {4});
  expect_error([&] { read_hdf5(path); }, {"dataset 'X'", path, "shape [4]", "rank >= 2"});
  write({2, 2}, {2, 3});
  expect_error([&] { read_hdf5(path); }, {"dataset 'y'", path, "shape [2, 3]", "[N] or [N, 1]"});
  write({4, 2}, {3});
  expect_error([&] { probe_hdf5(path); }, {path, "X has 4 examples but y has 3 labels"});
  write({4, 0}, {4});
  expect_error([&] { probe_hdf5(path); }, {"dataset 'X'", "shape [4, 0]", "non-empty samples"});
}

TEST(Hdf5Reader, NegativeLabelsAreAnErrorWhenRead) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  write_file(path, H5T_IEEE_F32LE, H5T_STD_I32LE, {4}, {0, 1, -3, 2});
  EXPECT_EQ(probe_hdf5(path), 4U); // the probe reads no data
  expect_error([&] { read_hdf5(path); },
               {"dataset 'y'", path, "negative label -3 (example 2)", ">= 0"});
}

TEST(Hdf5Reader, NonNumericOrNonDatasetFeatures) {
  TempDir dir;
  const std::string path = dir.file("d.h5");
  hid_t file = create_h5(path);
  const hid_t str = H5Tcopy(H5T_C_S1);
  H5Tset_size(str, 4);
  const char text[] = "abcdefgh";
  write_h5_dataset(file, "X", {2, 1}, str, str, text);
  const std::vector<std::int64_t> y{0, 1};
  write_h5_dataset(file, "y", {2}, H5T_STD_I64LE, H5T_NATIVE_INT64, y.data());
  H5Tclose(str);
  H5Fclose(file);
  expect_error([&] { read_hdf5(path); }, {"dataset 'X'", path, "dtype string", "numeric"});

  file = create_h5(path);
  H5Gclose(H5Gcreate2(file, "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  write_h5_dataset(file, "y", {2}, H5T_STD_I64LE, H5T_NATIVE_INT64, y.data());
  H5Fclose(file);
  expect_error([&] { read_hdf5(path); }, {"dataset 'X'", path, "is not a dataset"});
}

TEST(Hdf5Reader, PrintsNothingFromHdf5OnErrors) {
  TempDir dir;
  test::write_text(dir.file("text.h5"), "not hdf5\n");
  testing::internal::CaptureStderr();
  EXPECT_THROW(read_hdf5(dir.file("text.h5")), Error);
  EXPECT_THROW(read_hdf5(dir.file("none.h5")), Error);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

} // namespace
} // namespace hpsearch::train
