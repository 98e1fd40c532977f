#include "hpsearch/core/error.hpp"
#include "hpsearch/train/data_paths.hpp"
#include "hpsearch/train/split.hpp"
#include "train_test_util.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <set>
#include <stdexcept>

namespace hpsearch::train {
namespace {

using test::expect_error;
using test::TempDir;

/// n examples of two features {i, -i}, label i % 7.
Dataset numbered(std::size_t n) {
  Dataset data;
  data.sample_shape = {2};
  data.classes = 7;
  for (std::size_t i = 0; i < n; ++i) {
    data.features.push_back(static_cast<float>(i));
    data.features.push_back(-static_cast<float>(i));
    data.labels.push_back(static_cast<std::int64_t>(i % 7));
  }
  return data;
}

/// The example numbers in `data`, checking every row is intact.
std::vector<std::size_t> ids(const Dataset& data) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < data.size(); ++r) {
    const auto id = static_cast<std::size_t>(data.features[2 * r]);
    EXPECT_EQ(data.features[2 * r + 1], -static_cast<float>(id));
    EXPECT_EQ(data.labels[r], static_cast<std::int64_t>(id % 7));
    out.push_back(id);
  }
  return out;
}

TEST(Split, ShuffledIndicesArePermutationsFixedBySeed) {
  const auto a = shuffled_indices(1000, 7);
  EXPECT_EQ(a, shuffled_indices(1000, 7));
  EXPECT_NE(a, shuffled_indices(1000, 8));
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::size_t> iota(1000);
  std::iota(iota.begin(), iota.end(), 0U);
  EXPECT_EQ(sorted, iota);
  EXPECT_NE(a, iota);
  // mt19937_64 is fully specified and the shuffle is ours: the same on every platform.
  EXPECT_EQ(shuffled_indices(8, 42), (std::vector<std::size_t>{7, 0, 5, 1, 2, 4, 3, 6}));
  EXPECT_TRUE(shuffled_indices(0, 1).empty());
  EXPECT_EQ(shuffled_indices(1, 1), std::vector<std::size_t>{0});
}

TEST(Split, DisjointSetsCoveringEveryExample) {
  const Split split = split_dataset(numbered(100), 0.2, 3, 0);
  EXPECT_EQ(split.train.size(), 80U);
  EXPECT_EQ(split.validation.size(), 20U);
  for (const Dataset* d : {&split.train, &split.validation}) {
    EXPECT_EQ(d->sample_shape, (std::vector<std::int64_t>{2}));
    EXPECT_EQ(d->classes, 7);
    EXPECT_EQ(d->features.size(), 2 * d->size());
  }
  std::set<std::size_t> all;
  for (const auto id : ids(split.train)) all.insert(id);
  for (const auto id : ids(split.validation)) EXPECT_TRUE(all.insert(id).second) << id;
  EXPECT_EQ(all.size(), 100U);
  EXPECT_EQ(*all.rbegin(), 99U);
}

TEST(Split, SameSeedSameSplitOtherSeedOther) {
  const Split a = split_dataset(numbered(100), 0.25, 11, 0);
  const Split b = split_dataset(numbered(100), 0.25, 11, 0);
  const Split c = split_dataset(numbered(100), 0.25, 12, 0);
  EXPECT_EQ(ids(a.validation), ids(b.validation));
  EXPECT_EQ(ids(a.train), ids(b.train));
  EXPECT_NE(ids(a.validation), ids(c.validation));
  EXPECT_EQ(a.validation.size(), 25U);
  // The validation set is the tail of the seed's permutation.
  const auto order = shuffled_indices(100, 11);
  EXPECT_EQ(ids(a.validation), std::vector<std::size_t>(order.begin() + 75, order.end()));
  EXPECT_EQ(ids(a.train), std::vector<std::size_t>(order.begin(), order.begin() + 75));
}

TEST(Split, SubsetIsDrawnWithTheSeedBeforeSplitting) {
  const Split split = split_dataset(numbered(100), 0.2, 5, 30);
  EXPECT_EQ(split.train.size(), 24U);
  EXPECT_EQ(split.validation.size(), 6U);
  const auto order = shuffled_indices(100, 5);
  std::vector<std::size_t> used = ids(split.train);
  const auto validation = ids(split.validation);
  used.insert(used.end(), validation.begin(), validation.end());
  EXPECT_EQ(used, std::vector<std::size_t>(order.begin(), order.begin() + 30));
  const Split whole = split_dataset(numbered(100), 0.2, 5, 100); // subset = everything
  EXPECT_EQ(ids(whole.train), std::vector<std::size_t>(order.begin(), order.begin() + 80));
  EXPECT_EQ(ids(whole.validation), std::vector<std::size_t>(order.begin() + 80, order.end()));
}

TEST(Split, BadSettingsAndEmptySets) {
  expect_error([] { split_dataset(numbered(10), 0.0, 0, 0); },
               {"data.validation_fraction 0", "strictly between 0 and 1"});
  expect_error([] { split_dataset(numbered(10), 1.0, 0, 0); }, {"validation_fraction 1 "});
  expect_error([] { split_dataset(numbered(10), 0.2, 0, 11); },
               {"data.subset 11", "more than the 10 examples"});
  expect_error([] { split_dataset(numbered(10), 0.2, 0, -1); }, {"data.subset -1", ">= 0"});
  expect_error([] { split_dataset(numbered(3), 0.1, 0, 0); },
               {"0.1 of 3 examples", "no validation example"});
  expect_error([] { split_dataset(numbered(2), 0.9, 0, 0); }, {"no training example"});
  expect_error([] { split_dataset(numbered(100), 0.2, 0, 2); }, {"0.2 of 2 examples"});
}

TEST(Split, TakeKeepsShapeAndClassesAndChecksIndices) {
  const Dataset all = numbered(5);
  const std::vector<std::size_t> pick{4, 0, 4};
  const Dataset some = take(all, pick);
  EXPECT_EQ(ids(some), pick);
  EXPECT_EQ(some.classes, 7);
  const std::vector<std::size_t> bad{5};
  try {
    (void)take(all, bad);
    ADD_FAILURE() << "no error for index 5 of 5";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error) << e.what();
  }
}

TEST(Split, DataPathsAndFormats) {
  EXPECT_EQ(default_data_path("fashion_mnist"), "/usr/share/datasets/fashion-mnist");
  EXPECT_EQ(default_data_path("mnist"), "/usr/share/datasets/mnist");
  EXPECT_EQ(default_data_path("hdf5"), "");
  EXPECT_EQ(default_data_path("csv"), "");
  const auto formats = data_formats();
  EXPECT_EQ(std::vector<std::string_view>(formats.begin(), formats.end()),
            (std::vector<std::string_view>{"fashion_mnist", "mnist", "hdf5", "csv"}));
}

TEST(LoadSplit, ReadsEachFormat) {
  TempDir dir;
  std::string csv = "f,label\n";
  for (int i = 0; i < 10; ++i) csv += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  test::write_text(dir.file("d.csv"), csv);
  DataSpec spec;
  spec.format = "csv";
  spec.path = dir.file("d.csv");
  spec.label_column = "label";
  spec.validation_fraction = 0.3;
  probe_data(spec);
  Split split = load_split(spec);
  EXPECT_EQ(split.train.size(), 7U);
  EXPECT_EQ(split.validation.size(), 3U);
  EXPECT_EQ(split.train.classes, 2);

  std::vector<unsigned char> pixels(10 * 4);
  std::iota(pixels.begin(), pixels.end(), 0);
  test::write_bytes(dir.file("train-images-idx3-ubyte.gz"), test::idx_bytes({10, 2, 2}, pixels),
                    true);
  test::write_bytes(dir.file("train-labels-idx1-ubyte"),
                    test::idx_bytes({10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  spec = DataSpec{};
  spec.format = "mnist";
  spec.path = dir.path();
  spec.subset = 5;
  spec.split_seed = 9;
  probe_data(spec);
  split = load_split(spec);
  EXPECT_EQ(split.train.size(), 4U);
  EXPECT_EQ(split.validation.size(), 1U);
  EXPECT_EQ(split.train.sample_shape, (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(split.validation.labels[0], static_cast<std::int64_t>(shuffled_indices(10, 9)[4]));

  const hid_t file = test::create_h5(dir.file("d.h5"));
  const std::vector<float> x(20, 0.5F);
  const std::vector<std::int64_t> y{0, 1, 0, 1, 0, 1, 0, 1, 0, 3};
  test::write_h5_dataset(file, "X", {10, 2}, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, x.data());
  test::write_h5_dataset(file, "y", {10}, H5T_STD_I64LE, H5T_NATIVE_INT64, y.data());
  H5Fclose(file);
  spec = DataSpec{};
  spec.format = "hdf5";
  spec.path = dir.file("d.h5");
  probe_data(spec);
  split = load_split(spec);
  EXPECT_EQ(split.train.size(), 8U);
  EXPECT_EQ(split.validation.classes, 4);
}

TEST(LoadSplit, SpecErrors) {
  TempDir dir;
  DataSpec spec;
  spec.format = "parquet";
  expect_error([&] { probe_data(spec); },
               {"data.dataset 'parquet'", "fashion_mnist, mnist, hdf5, csv"});
  expect_error([&] { load_split(spec); }, {"data.dataset 'parquet'"});
  spec.format = "hdf5";
  expect_error([&] { probe_data(spec); }, {"data.dataset hdf5 needs data.path"});
  spec.format = "csv";
  expect_error([&] { load_split(spec); }, {"data.dataset csv needs data.path"});

  test::write_text(dir.file("d.csv"), "1,0\n2,1\n3,0\n4,1\n");
  spec.path = dir.file("d.csv");
  spec.validation_fraction = 1.5;
  expect_error([&] { probe_data(spec); }, {"validation_fraction 1.5"});
  expect_error([&] { load_split(spec); }, {"validation_fraction 1.5"});
  spec.validation_fraction = 0.2;
  spec.subset = 2;
  expect_error([&] { probe_data(spec); }, {"0.2 of 2 examples"});
  spec.subset = 5;
  expect_error([&] { load_split(spec); }, {"data.subset 5", "more than the 4 examples"});

  // IDX headers tell the count, so the probe catches a subset that is too large.
  test::write_bytes(dir.file("train-images-idx3-ubyte"), test::idx_bytes({3, 1, 1}, {1, 2, 3}));
  test::write_bytes(dir.file("train-labels-idx1-ubyte"), test::idx_bytes({3}, {0, 1, 0}));
  spec = DataSpec{};
  spec.path = dir.path();
  spec.subset = 4;
  expect_error([&] { probe_data(spec); }, {"data.subset 4", "more than the 3 examples"});
  spec.path = dir.file("nowhere");
  expect_error([&] { probe_data(spec); }, {"does not exist"});
}

} // namespace
} // namespace hpsearch::train
