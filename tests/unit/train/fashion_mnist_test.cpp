// The real Fashion-MNIST training set from Debian's dataset-fashion-mnist, when installed.
#include "hpsearch/train/data_paths.hpp"
#include "hpsearch/train/idx_reader.hpp"
#include "hpsearch/train/split.hpp"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <utility>

namespace hpsearch::train {
namespace {

TEST(FashionMnist, ReadsTheInstalledTrainingSet) {
  const std::string folder = default_data_path("fashion_mnist");
  std::error_code ec;
  if (!std::filesystem::exists(folder + "/train-images-idx3-ubyte.gz", ec)) {
    GTEST_SKIP() << folder << " is not installed (apt-get install dataset-fashion-mnist)";
  }
  DataSpec spec;
  probe_data(spec);
  EXPECT_EQ(probe_idx(folder, "train"), 60000U);
  Dataset data = read_idx(folder, "train");
  EXPECT_EQ(data.size(), 60000U);
  EXPECT_EQ(data.classes, 10);
  EXPECT_EQ(data.sample_shape, (std::vector<std::int64_t>{1, 28, 28}));
  ASSERT_EQ(data.features.size(), 60000U * 784U);
  float low = 1.0F;
  float high = 0.0F;
  for (const float x : data.features) { // a plain loop: this test runs in Debug builds too
    low = x < low ? x : low;
    high = x > high ? x : high;
  }
  EXPECT_EQ(low, 0.0F);
  EXPECT_EQ(high, 1.0F);
  // Fashion-MNIST is balanced: 6000 examples of each class.
  for (std::int64_t c = 0; c < 10; ++c) {
    EXPECT_EQ(std::count(data.labels.begin(), data.labels.end(), c), 6000) << c;
  }
  const Split split = split_dataset(std::move(data), 0.2, 0, 0);
  EXPECT_EQ(split.train.size(), 48000U);
  EXPECT_EQ(split.validation.size(), 12000U);
}

} // namespace
} // namespace hpsearch::train
