#include "hpsearch/train/csv_reader.hpp"
#include "train_test_util.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <vector>

namespace hpsearch::train {
namespace {

using test::expect_error;
using test::TempDir;
using test::write_bytes;
using test::write_text;

using Floats = std::vector<float>;
using Labels = std::vector<std::int64_t>;

class CsvReader : public testing::Test {
protected:
  /// Writes `text` to data.csv and returns its path.
  std::string file(const std::string& text) {
    write_text(path_, text);
    return path_;
  }
  TempDir dir_;
  std::string path_ = dir_.file("data.csv");
};

TEST_F(CsvReader, HeaderAndIntegerLabelsInTheLastColumn) {
  const Dataset data = read_csv(file("a,b,label\n1,2,0\n3.5,-4e1,2\n"), "");
  EXPECT_EQ(data.size(), 2U);
  EXPECT_EQ(data.sample_shape, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(data.features, (Floats{1, 2, 3.5F, -40}));
  EXPECT_EQ(data.labels, (Labels{0, 2}));
  EXPECT_EQ(data.classes, 3);
}

TEST_F(CsvReader, NoHeader) {
  const Dataset data = read_csv(file("1,2,1\n3,4,0\n"), "");
  EXPECT_EQ(data.features, (Floats{1, 2, 3, 4}));
  EXPECT_EQ(data.labels, (Labels{1, 0}));
  EXPECT_EQ(data.classes, 2);
}

TEST_F(CsvReader, NamedLabelColumnWithClassNamesInSortedOrder) {
  const Dataset data = read_csv(file("x,species,y\n1,b,2\n3,a,4\n5,c,6\n7,b,8\n"), "species");
  EXPECT_EQ(data.sample_shape, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(data.features, (Floats{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(data.labels, (Labels{1, 0, 2, 1}));
  EXPECT_EQ(data.classes, 3);
}

TEST_F(CsvReader, ClassNamesWithoutAHeader) {
  const Dataset data = read_csv(file("5.1,3.5,setosa\n4.9,3.0,versicolor\n6,3,setosa\n"), "");
  EXPECT_EQ(data.size(), 3U);
  EXPECT_EQ(data.labels, (Labels{0, 1, 0}));
  EXPECT_EQ(data.features[0], 5.1F);
}

TEST_F(CsvReader, CrLfBlankLinesByteOrderMarkAndQuotes) {
  const Dataset data =
      read_csv(file("\xEF\xBB\xBF\"a\", \"cls\"\r\n1,\"0\"\r\n\r\n 2 ,1\r\n\r\n"), "cls");
  EXPECT_EQ(data.features, (Floats{1, 2}));
  EXPECT_EQ(data.labels, (Labels{0, 1}));
}

TEST_F(CsvReader, NonNumericFeatureNamesLineAndColumn) {
  const std::string path = file("a,b,label\n1,2,0\n3,x,1\n");
  expect_error([&] { read_csv(path, ""); },
               {"'" + path + "'", "line 3", "column 2 ('b')", "'x' is not a finite number"});
  file("1,2,0\n3,nan,1\n");
  expect_error([&] { read_csv(path, ""); }, {"line 2", "column 2:", "'nan'"});
}

TEST_F(CsvReader, RowWithAnotherFieldCount) {
  const std::string path = file("a,b,label\n1,2,0\n\n3,1\n");
  expect_error([&] { read_csv(path, ""); },
               {"'" + path + "'", "line 4 has 2 fields; expected 3 (as on line 1)"});
}

TEST_F(CsvReader, UnknownLabelColumnListsTheColumns) {
  const std::string path = file("a,b,label\n1,2,0\n");
  expect_error([&] { read_csv(path, "class"); },
               {"'" + path + "'", "no column 'class'", "columns are: a, b, label"});
  expect_error([&] { probe_csv(path, "class"); }, {"columns are: a, b, label"});
  file("1,2,0\n");
  expect_error([&] { read_csv(path, "label"); }, {"'" + path + "'", "no header row", "'label'"});
}

TEST_F(CsvReader, BadIntegerLabels) {
  const std::string path = file("a,label\n1,0\n2,-1\n");
  expect_error([&] { read_csv(path, ""); }, {"'" + path + "'", "line 3", "column 2 ('label')",
                                             "label '-1'", "non-negative integer"});
  file("1,0\n2,1.5\n");
  expect_error([&] { read_csv(path, ""); }, {"line 2", "label '1.5'"});
}

TEST_F(CsvReader, EmptyOrShapelessFiles) {
  const std::string path = file("\n\r\n");
  expect_error([&] { read_csv(path, ""); }, {"'" + path + "' is empty"});
  file("a,label\n");
  expect_error([&] { read_csv(path, ""); }, {"'" + path + "'", "no data rows"});
  file("1\n2\n");
  expect_error([&] { read_csv(path, ""); },
               {"'" + path + "'", "1 column", "at least one feature column and a label column"});
  file("a,label\n\"1,5\",0\n");
  expect_error([&] { read_csv(path, ""); }, {"line 2", "quoted field holding a comma"});
  expect_error([&] { read_csv(dir_.file("none.csv"), ""); },
               {"'" + dir_.file("none.csv") + "' does not exist"});
}

TEST_F(CsvReader, ProbeChecksOnlyTheFirstRows) {
  std::string text = "a,b,label\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + ",1," + std::to_string(i % 3) + "\n";
  text += "x,1,0\n";
  const std::string path = file(text);
  probe_csv(path, "label");
  expect_error([&] { read_csv(path, "label"); }, {"line 52", "'x'"});
  file("a,b,label\n1,y,0\n");
  expect_error([&] { probe_csv(path, ""); }, {"line 2", "column 2 ('b')", "'y'"});
  expect_error([&] { probe_csv(dir_.file("none.csv"), ""); }, {"does not exist"});
}

TEST_F(CsvReader, GzipCompressedFileReadsAsThePlainOne) {
  // scikit-learn's bundled digits (Debian's python3-sklearn) is a gzip-compressed CSV.
  std::string text = "a,b,label\n";
  for (int i = 0; i < 4000; ++i) text += std::to_string(i) + ",0.5," + std::to_string(i % 3) + "\n";
  const std::string gz = dir_.file("data.csv.gz");
  write_bytes(gz, {text.begin(), text.end()}, true);
  const Dataset plain = read_csv(file(text), "label");
  const Dataset data = read_csv(gz, "label");
  EXPECT_EQ(data.size(), 4000U);
  EXPECT_EQ(data.features, plain.features);
  EXPECT_EQ(data.labels, plain.labels);
  EXPECT_EQ(data.classes, 3);
  probe_csv(gz, "label");
  expect_error([&] { probe_csv(gz, "class"); }, {"columns are: a, b, label"});

  // A gzip stream cut short is a read error naming the file, not a shorter table.
  std::ifstream in(gz, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  bytes.resize(bytes.size() / 2);
  const std::string cut = dir_.file("cut.csv.gz");
  write_bytes(cut, bytes);
  expect_error([&] { read_csv(cut, "label"); }, {"cannot read CSV data file '" + cut + "'"});
}

} // namespace
} // namespace hpsearch::train
