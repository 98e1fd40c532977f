#include "hpsearch/eval/job_workdir.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/config_json.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

namespace hpsearch {

namespace fs = std::filesystem;

std::optional<KeepWorkdirs> keep_workdirs_from_string(std::string_view name) {
  if (name == "failed") return KeepWorkdirs::failed;
  if (name == "all") return KeepWorkdirs::all;
  if (name == "none") return KeepWorkdirs::none;
  return std::nullopt;
}

std::string_view to_string(KeepWorkdirs keep) {
  switch (keep) {
  case KeepWorkdirs::failed:
    return "failed";
  case KeepWorkdirs::all:
    return "all";
  case KeepWorkdirs::none:
    return "none";
  }
  return "?";
}

JobWorkdir::JobWorkdir(const std::string& root, const Job& job)
    : path_((fs::path(root) / ("job-" + std::to_string(job.id))).string()) {
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (!ec) fs::create_directories(path_, ec);
  if (ec) throw Error::io("cannot create the job directory '" + path_ + "': " + ec.message());
  std::ofstream out(file("config.json"));
  out << to_json(job.config) << "\n";
  out.close();
  if (!out) throw Error::io("cannot write '" + file("config.json") + "'");
}

bool JobWorkdir::finish(KeepWorkdirs keep, Status status) const {
  const bool bad = status == Status::failed || status == Status::timeout;
  const bool kept = keep == KeepWorkdirs::all || (keep == KeepWorkdirs::failed && bad);
  if (!kept) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  return kept;
}

std::optional<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(max_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max_bytes));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::string tail_lines(const std::string& path, std::size_t count) {
  constexpr std::streamoff kWindow = std::streamoff{16} * 1024;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const std::streamoff size = in.tellg();
  const std::streamoff start = std::max<std::streamoff>(0, size - kWindow);
  in.seekg(start);
  std::string text(static_cast<std::size_t>(size - start), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return last_lines(std::move(text), count, start > 0);
}

std::string last_lines(std::string text, std::size_t count, bool cut_at_start) {
  constexpr std::size_t kLineWidth = 400;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::vector<std::string> lines;
  std::size_t end = text.size();
  while (lines.size() < count && end > 0) {
    const std::size_t newline = text.rfind('\n', end - 1);
    const std::size_t from = newline == std::string::npos ? 0 : newline + 1;
    if (from == 0 && cut_at_start) break; // a partial first line of the window
    std::string line = text.substr(from, end - from);
    if (line.size() > kLineWidth) line = line.substr(0, kLineWidth) + "...";
    lines.push_back(std::move(line));
    if (newline == std::string::npos) break;
    end = newline;
  }
  std::string out;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) out += (out.empty() ? "" : "\n") + *it;
  return out;
}

} // namespace hpsearch
