#include "hpsearch/store/read_guard.hpp"

#include "hpsearch/core/companion_program.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/run_child.hpp"
#include "hpsearch/core/value.hpp"

#include <cmath>
#include <cstring>

namespace hpsearch {

namespace {

constexpr const char* kReaderName = "hpsearch-read-checkpoint";
/// Bytes of the child's output quoted when it failed without an error of hpsearch's own.
constexpr std::size_t kOutputQuoted = 2000;

/// What the user can do about a checkpoint libhdf5 cannot read.
std::string advice(const std::string& path) {
  return ". The file is damaged (it was not changed): check it with `h5check " + path +
         "` or `h5dump -H " + path +
         "`, restore a copy if you have one, or start over (`hpsearch run --fresh` moves it "
         "aside)";
}

std::string tail(const std::string& text) {
  const std::size_t from = text.size() > kOutputQuoted ? text.size() - kOutputQuoted : 0;
  std::string quoted = text.substr(from);
  while (!quoted.empty() && (quoted.back() == '\n' || quoted.back() == ' ')) quoted.pop_back();
  return quoted;
}

bool is_hpsearch_error(int code) {
  return code == static_cast<int>(ExitCode::bad_input) ||
         code == static_cast<int>(ExitCode::io_error) ||
         code == static_cast<int>(ExitCode::storage_full);
}

} // namespace

std::string find_checkpoint_reader() {
#ifdef HPSEARCH_READ_CHECKPOINT_BUILD_PATH
  constexpr std::string_view build_path = HPSEARCH_READ_CHECKPOINT_BUILD_PATH;
#else
  constexpr std::string_view build_path;
#endif
  return find_companion_program(
      kReaderName, build_path,
      "the checkpoint reader: it reads a checkpoint in a child process first");
}

void guard_checkpoint_read(const std::string& path, const ReadGuardOptions& options) {
  if (!(options.timeout > 0) || !std::isfinite(options.timeout)) {
    throw Error::input("--read-timeout must be a positive number of seconds, not " +
                       to_string(Value{options.timeout}));
  }
  SpawnSpec spec;
  spec.argv = {find_checkpoint_reader(), path};
  const ChildRun run = run_child(spec, options.timeout);
  const std::string where = "cannot read checkpoint " + path + ": ";
  if (!run.status) {
    throw Error::input(where + "libhdf5 did not finish reading it within " +
                       to_string(Value{options.timeout}) +
                       " s (a process reading it first was stopped; --read-timeout sets the "
                       "limit)" +
                       advice(path));
  }
  if (run.status->signal != 0) {
    const char* name = sigabbrev_np(run.status->signal);
    throw Error::input(where + "libhdf5 crashed reading it (" +
                       (name ? "SIG" + std::string(name) : run.status->describe()) +
                       " in a process reading it first)" + advice(path));
  }
  if (run.status->code == 0 || is_hpsearch_error(run.status->code)) return;
  throw Error::input(where + "a process reading it first failed (" + run.status->describe() +
                     "): " + tail(run.output) + advice(path));
}

} // namespace hpsearch
