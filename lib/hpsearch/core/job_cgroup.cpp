#include "hpsearch/core/job_cgroup.hpp"

#include "hpsearch/core/cgroup_file.hpp"
#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cerrno>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace hpsearch {

std::string create_job_cgroup(const std::string& parent, MemoryLimit limit) {
  const std::string stem = parent + "/hpsearch-job-" + std::to_string(::getpid()) + "-";
  std::string dir;
  for (int n = 0;; ++n) {
    dir = stem + std::to_string(n);
    if (::mkdir(dir.c_str(), 0755) == 0) break;
    if (errno != EEXIST || n > 10000) {
      throw Error::environment("cannot create the job's cgroup " + dir + ": " + errno_text(errno));
    }
  }
  if (const int error = write_cgroup_file(dir + "/memory.max", std::to_string(limit.bytes));
      error != 0) {
    ::rmdir(dir.c_str());
    throw Error::environment("cannot set memory.max of the job's cgroup " + dir + ": " +
                             errno_text(error));
  }
  if (::access((dir + "/memory.swap.max").c_str(), F_OK) == 0) {
    write_cgroup_file(dir + "/memory.swap.max", "0"); // best effort: the limit still holds
  }
  return dir;
}

bool release_job_cgroup(const std::string& dir) {
  const std::string events = read_cgroup_file(dir + "/memory.events").value_or("");
  const bool oom = cgroup_key_value(events, "oom_kill") > 0 || cgroup_key_value(events, "oom") > 0;
  write_cgroup_file(dir + "/cgroup.kill", "1"); // Linux >= 5.14; the group kill came first
  constexpr int kPolls = 200;
  const timespec pause{0, 10'000'000};
  for (int i = 0; i < kPolls; ++i) {
    const auto state = read_cgroup_file(dir + "/cgroup.events");
    if (!state || cgroup_key_value(*state, "populated") == 0) break;
    ::nanosleep(&pause, nullptr);
  }
  ::rmdir(dir.c_str());
  return oom;
}

} // namespace hpsearch
