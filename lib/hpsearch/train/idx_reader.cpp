#include "hpsearch/train/idx_reader.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/train/data_paths.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>
#include <zlib.h>

namespace hpsearch::train {

namespace {

namespace fs = std::filesystem;

/// More data bytes than any real IDX file holds (1 TiB): a header claiming more is corrupt.
constexpr std::size_t kMaxBytes = std::size_t{1} << 40U;

/// One open IDX file, plain or gzip-compressed: zlib reads both (a file without the gzip
/// magic 1f 8b is passed through as is).
class IdxFile {
public:
  explicit IdxFile(std::string path) : path_(std::move(path)), file_(gzopen(path_.c_str(), "rb")) {
    if (file_ == nullptr) throw Error::input("cannot open IDX file '" + path_ + "'");
    gzbuffer(file_, 1U << 18U);
    std::error_code ec;
    file_size_ = static_cast<std::size_t>(fs::file_size(path_, ec));
    if (ec) file_size_ = 0;
  }
  ~IdxFile() { gzclose(file_); }
  IdxFile(const IdxFile&) = delete;
  IdxFile& operator=(const IdxFile&) = delete;

  const std::string& path() const { return path_; }

  /// Reads up to `size` bytes into `out`; returns how many were read (fewer at the end).
  std::size_t read(unsigned char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
      const auto chunk = static_cast<unsigned>(std::min<std::size_t>(size - done, 1U << 30U));
      const int got = gzread(file_, out + done, chunk);
      if (got < 0) {
        int code = 0;
        const char* message = gzerror(file_, &code);
        throw Error::input("cannot read IDX file '" + path_ +
                           "': " + (message ? message : "zlib error"));
      }
      if (got == 0) break;
      done += static_cast<std::size_t>(got);
    }
    consumed_ += done;
    return done;
  }

  /// At least the number of bytes left to read: exact for a plain file; for a gzip file,
  /// deflate's largest ratio (1032:1) times the file's size.
  std::size_t max_remaining() const {
    if (gzdirect(file_) != 0) return file_size_ > consumed_ ? file_size_ - consumed_ : 0;
    return file_size_ > kMaxBytes / 1032 ? kMaxBytes : file_size_ * 1032;
  }

private:
  std::string path_;
  gzFile file_;
  std::size_t file_size_ = 0;
  std::size_t consumed_ = 0; ///< bytes read so far (after decompression)
};

struct IdxHeader {
  std::vector<std::size_t> dims;
  std::size_t count = 1; ///< product of dims: the number of data bytes
};

std::string rank_text(std::size_t rank) {
  return std::to_string(rank) + (rank == 1 ? " dimension" : " dimensions");
}

/// Reads and checks the header: magic 00 00 08 <rank>, then `rank` big-endian uint32s.
IdxHeader read_header(IdxFile& file, std::size_t rank, std::string_view what) {
  std::array<unsigned char, 4> magic{};
  const std::string expected = "an IDX file of unsigned bytes with " + rank_text(rank) + " (" +
                               std::string(what) + ", magic 0x0000080" + std::to_string(rank) + ")";
  if (file.read(magic.data(), magic.size()) != magic.size()) {
    throw Error::input("IDX file '" + file.path() + "' is too short for a header; expected " +
                       expected);
  }
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] != rank) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3]);
    throw Error::input("IDX file '" + file.path() + "' has magic number " + text + "; expected " +
                       expected);
  }
  IdxHeader header;
  for (std::size_t i = 0; i < rank; ++i) {
    std::array<unsigned char, 4> b{};
    if (file.read(b.data(), b.size()) != b.size()) {
      throw Error::input("IDX file '" + file.path() + "' is truncated inside its header (" +
                         rank_text(rank) + " expected)");
    }
    const std::size_t dim = (std::size_t{b[0]} << 24U) | (std::size_t{b[1]} << 16U) |
                            (std::size_t{b[2]} << 8U) | std::size_t{b[3]};
    if (dim != 0 && header.count > kMaxBytes / dim) {
      throw Error::input("IDX file '" + file.path() + "' has a corrupt header: its dimensions " +
                         "multiply to an impossible size");
    }
    header.dims.push_back(dim);
    header.count *= dim;
  }
  return header;
}

/// Reads exactly `size` data bytes after the header in chunks of at most 1 MiB, passing
/// each to `sink(bytes, count, offset)`; throws naming the file when fewer follow.
template <class Sink> void read_data(IdxFile& file, std::size_t size, Sink&& sink) {
  std::vector<unsigned char> chunk(std::min<std::size_t>(size, std::size_t{1} << 20U));
  std::size_t done = 0;
  while (done < size) {
    const std::size_t got = file.read(chunk.data(), std::min(chunk.size(), size - done));
    if (got == 0) {
      throw Error::input("IDX file '" + file.path() + "' is truncated: its header promises " +
                         std::to_string(size) + " bytes of data but only " + std::to_string(done) +
                         " follow");
    }
    sink(chunk.data(), got, done);
    done += got;
  }
}

/// Throws (as read_data) before anything is allocated when the file cannot hold `size`
/// more bytes, so a corrupt header cannot make us allocate gigabytes.
void check_room(IdxFile& file, std::size_t size) {
  if (size > file.max_remaining()) {
    read_data(file, size, [](const unsigned char*, std::size_t, std::size_t) {});
  }
}

/// `<folder>/<name>` or `<folder>/<name>.gz`, whichever exists.
std::string find_file(const std::string& folder, const std::string& name) {
  std::error_code ec;
  const fs::path plain = fs::path(folder) / name;
  const fs::path gz = fs::path(folder) / (name + ".gz");
  if (fs::is_regular_file(plain, ec)) return plain.string();
  if (fs::is_regular_file(gz, ec)) return gz.string();
  std::string message =
      "IDX data: neither '" + plain.string() + "' nor '" + gz.string() + "' exists";
  if (!fs::is_directory(folder, ec)) message += " (folder '" + folder + "' does not exist)";
  if (fs::path(folder).lexically_normal() == fs::path(default_data_path("fashion_mnist"))) {
    message += "; install Fashion-MNIST with: apt-get install dataset-fashion-mnist";
  }
  throw Error::input(message);
}

struct IdxPair {
  IdxFile images;
  IdxFile labels;
  IdxHeader image_header;
  IdxHeader label_header;

  IdxPair(const std::string& folder, std::string_view part)
      : images(find_file(folder, std::string(part) + "-images-idx3-ubyte")),
        labels(find_file(folder, std::string(part) + "-labels-idx1-ubyte")),
        image_header(read_header(images, 3, "images: count, rows, columns")),
        label_header(read_header(labels, 1, "labels: count")) {
    if (image_header.dims[0] != label_header.dims[0]) {
      throw Error::input("IDX files disagree on the number of examples: '" + images.path() +
                         "' has " + std::to_string(image_header.dims[0]) + " images but '" +
                         labels.path() + "' has " + std::to_string(label_header.dims[0]) +
                         " labels");
    }
    if (image_header.dims[1] == 0 || image_header.dims[2] == 0) {
      throw Error::input("IDX file '" + images.path() + "' has empty images (" +
                         std::to_string(image_header.dims[1]) + "x" +
                         std::to_string(image_header.dims[2]) + "); expected rows, columns > 0");
    }
  }
};

} // namespace

Dataset read_idx(const std::string& folder, std::string_view part) {
  IdxPair files(folder, part);
  Dataset data;
  data.sample_shape = {1, static_cast<std::int64_t>(files.image_header.dims[1]),
                       static_cast<std::int64_t>(files.image_header.dims[2])};
  check_room(files.images, files.image_header.count);
  check_room(files.labels, files.label_header.count);
  data.features.resize(files.image_header.count);
  float* pixels = data.features.data();
  read_data(files.images, files.image_header.count,
            [pixels](const unsigned char* bytes, std::size_t count, std::size_t offset) {
              float* out = pixels + offset;
              for (std::size_t i = 0; i < count; ++i)
                out[i] = static_cast<float>(bytes[i]) / 255.0F;
            });
  std::vector<unsigned char> labels(files.label_header.count);
  read_data(files.labels, labels.size(),
            [&labels](const unsigned char* bytes, std::size_t count, std::size_t offset) {
              std::copy_n(bytes, count, labels.begin() + static_cast<std::ptrdiff_t>(offset));
            });
  data.labels.assign(labels.begin(), labels.end());
  const auto top = std::max_element(labels.begin(), labels.end());
  data.classes = top == labels.end() ? 0 : std::int64_t{*top} + 1;
  return data;
}

std::size_t probe_idx(const std::string& folder, std::string_view part) {
  return IdxPair(folder, part).image_header.dims[0];
}

} // namespace hpsearch::train
