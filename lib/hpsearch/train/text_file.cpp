#include "hpsearch/train/text_file.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <zlib.h>

namespace hpsearch::train {

namespace {

struct GzClose {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzClose>;

/// The number of complete lines of `text` holding something besides blanks.
std::size_t complete_lines(const std::string& text) {
  std::size_t lines = 0;
  bool blank = true;
  for (const char c : text) {
    if (c == '\n') {
      if (!blank) ++lines;
      blank = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      blank = false;
    }
  }
  return lines;
}

} // namespace

std::string read_text_file(const std::string& file, const std::string& what,
                           std::size_t max_lines) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    throw Error::input(what + " '" + file + "' does not exist");
  }
  const GzFile in(gzopen(file.c_str(), "rb"));
  if (!in || std::filesystem::is_directory(file, ec)) {
    throw Error::input(what + " '" + file + "' cannot be opened");
  }
  std::string text;
  constexpr unsigned chunk = 1U << 16U;
  for (;;) {
    const std::size_t size = text.size();
    text.resize(size + chunk);
    const int got = gzread(in.get(), text.data() + size, chunk);
    int code = Z_OK;
    const char* message = gzerror(in.get(), &code);
    // A gzip stream cut short ends with Z_BUF_ERROR ("unexpected end of file"), not got < 0.
    if (got < 0 || (code != Z_OK && code != Z_STREAM_END)) {
      throw Error::input("cannot read " + what + " '" + file +
                         "': " + (message ? message : "zlib error"));
    }
    text.resize(size + static_cast<std::size_t>(got));
    if (got == 0) break;
    if (max_lines > 0 && complete_lines(text) >= max_lines) break;
  }
  return text;
}

} // namespace hpsearch::train
