#include "hpsearch/train/idx_reader.hpp"
#include "train_test_util.hpp"

#include <gtest/gtest.h>

namespace hpsearch::train {
namespace {

using test::expect_error;
using test::idx_bytes;
using test::TempDir;
using test::write_bytes;

// Three 2x3 images and their labels.
const std::vector<unsigned char> kPixels{0,  255, 51, 102, 153, 204, // image 0
                                         1,  2,   3,  4,   5,   6,   // image 1
                                         10, 20,  30, 40,  50,  60}; // image 2
const std::vector<unsigned char> kIdxLabels{0, 2, 1};

void write_pair(const TempDir& dir, bool gzip, const std::string& part = "train") {
  const std::string suffix = gzip ? ".gz" : "";
  write_bytes(dir.file(part + "-images-idx3-ubyte" + suffix), idx_bytes({3, 2, 3}, kPixels), gzip);
  write_bytes(dir.file(part + "-labels-idx1-ubyte" + suffix), idx_bytes({3}, kIdxLabels), gzip);
}

void expect_fixture(const Dataset& data) {
  EXPECT_EQ(data.size(), 3U);
  EXPECT_EQ(data.sample_shape, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(data.feature_size(), 6U);
  EXPECT_EQ(data.classes, 3);
  EXPECT_EQ(data.labels, (std::vector<std::int64_t>{0, 2, 1}));
  ASSERT_EQ(data.features.size(), kPixels.size());
  for (std::size_t i = 0; i < kPixels.size(); ++i) {
    EXPECT_FLOAT_EQ(data.features[i], static_cast<float>(kPixels[i]) / 255.0F) << i;
  }
  EXPECT_EQ(data.features[0], 0.0F);
  EXPECT_EQ(data.features[1], 1.0F);
}

TEST(IdxReader, ReadsPlainFiles) {
  TempDir dir;
  write_pair(dir, false);
  expect_fixture(read_idx(dir.path(), "train"));
  EXPECT_EQ(probe_idx(dir.path(), "train"), 3U);
}

TEST(IdxReader, ReadsGzippedFiles) {
  TempDir dir;
  write_pair(dir, true, "t10k");
  expect_fixture(read_idx(dir.path(), "t10k"));
  EXPECT_EQ(probe_idx(dir.path(), "t10k"), 3U);
}

TEST(IdxReader, MissingFileNamesBothNames) {
  TempDir dir;
  expect_error([&] { read_idx(dir.path(), "train"); },
               {dir.file("train-images-idx3-ubyte") + "'", dir.file("train-images-idx3-ubyte.gz")});
  write_bytes(dir.file("train-images-idx3-ubyte"), idx_bytes({3, 2, 3}, kPixels));
  expect_error([&] { probe_idx(dir.path(), "train"); },
               {dir.file("train-labels-idx1-ubyte") + "'", dir.file("train-labels-idx1-ubyte.gz")});
}

TEST(IdxReader, MissingFolderIsSaid) {
  TempDir dir;
  expect_error([&] { read_idx(dir.file("nowhere"), "train"); },
               {"folder '" + dir.file("nowhere") + "' does not exist"});
}

TEST(IdxReader, DefaultFashionFolderSuggestsThePackage) {
  expect_error([] { read_idx("/usr/share/datasets/fashion-mnist", "no-such-part"); },
               {"no-such-part-images-idx3-ubyte", "apt-get install dataset-fashion-mnist"});
  TempDir dir;
  try {
    read_idx(dir.path(), "train");
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("apt-get"), std::string::npos) << e.what();
  }
}

TEST(IdxReader, BadMagicNamesFileAndExpectation) {
  TempDir dir;
  write_pair(dir, false);
  const std::string images = dir.file("train-images-idx3-ubyte");
  write_bytes(images, idx_bytes({3, 6}, kPixels)); // rank 2
  expect_error([&] { read_idx(dir.path(), "train"); },
               {"'" + images + "'", "magic number 0x00000802", "expected",
                "unsigned bytes with 3 dimensions", "0x00000803"});
  write_bytes(images, {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
  expect_error([&] { probe_idx(dir.path(), "train"); }, {"'" + images + "'", "0x68656c6c"});

  write_pair(dir, false);
  const std::string labels = dir.file("train-labels-idx1-ubyte");
  std::vector<unsigned char> floats = idx_bytes({3}, kIdxLabels);
  floats[2] = 0x0D; // float32 data
  write_bytes(labels, floats);
  expect_error([&] { read_idx(dir.path(), "train"); },
               {"'" + labels + "'", "0x00000d01", "1 dimension", "0x00000801"});
}

TEST(IdxReader, TruncatedFilesAreErrors) {
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    TempDir dir;
    write_pair(dir, gzip);
    const std::string images =
        dir.file(std::string("train-images-idx3-ubyte") + (gzip ? ".gz" : ""));
    std::vector<unsigned char> short_pixels(kPixels.begin(), kPixels.end() - 4);
    write_bytes(images, idx_bytes({3, 2, 3}, short_pixels), gzip);
    expect_error([&] { read_idx(dir.path(), "train"); },
                 {"'" + images + "'", "truncated", "promises 18 bytes", "only 14"});
    EXPECT_EQ(probe_idx(dir.path(), "train"), 3U); // headers only: probing does not see it

    // A corrupt header promising 100 GB is found truncated without allocating for it.
    const std::string labels =
        dir.file(std::string("train-labels-idx1-ubyte") + (gzip ? ".gz" : ""));
    write_bytes(images, idx_bytes({1000000, 1000, 100}, kPixels), gzip);
    write_bytes(labels, idx_bytes({1000000}, kIdxLabels), gzip);
    expect_error([&] { read_idx(dir.path(), "train"); },
                 {"'" + images + "'", "promises 100000000000 bytes", "only 18 follow"});
    write_bytes(images, idx_bytes({100000, 100000, 1000}, kPixels), gzip);
    expect_error([&] { read_idx(dir.path(), "train"); },
                 {"'" + images + "'", "corrupt header", "impossible size"});

    std::vector<unsigned char> header = idx_bytes({3, 2, 3}, {});
    header.resize(9);
    write_bytes(images, header, gzip);
    expect_error([&] { probe_idx(dir.path(), "train"); },
                 {"'" + images + "'", "truncated inside its header"});
    write_bytes(images, {0, 0}, gzip);
    expect_error([&] { probe_idx(dir.path(), "train"); }, {"'" + images + "'", "too short"});
  }
}

TEST(IdxReader, CountMismatchNamesBothFiles) {
  TempDir dir;
  write_pair(dir, false);
  const std::string labels = dir.file("train-labels-idx1-ubyte");
  write_bytes(labels, idx_bytes({2}, {0, 1}));
  for (const auto& call : {+[](const std::string& d) { read_idx(d, "train"); },
                           +[](const std::string& d) { probe_idx(d, "train"); }}) {
    expect_error([&] { call(dir.path()); }, {"has 3 images", "'" + labels + "' has 2 labels",
                                             dir.file("train-images-idx3-ubyte")});
  }
}

TEST(IdxReader, PrefersThePlainFileAndReadsLabelsGzippedBesideIt) {
  TempDir dir;
  write_bytes(dir.file("train-images-idx3-ubyte"), idx_bytes({3, 2, 3}, kPixels));
  write_bytes(dir.file("train-images-idx3-ubyte.gz"), {1, 2, 3}, true); // never opened
  write_bytes(dir.file("train-labels-idx1-ubyte.gz"), idx_bytes({3}, kIdxLabels), true);
  expect_fixture(read_idx(dir.path(), "train"));
}

} // namespace
} // namespace hpsearch::train
