#pragma once
// Test helpers for the sched queries that run real programs: an environment variable set
// for one test, and a fake program (a shell script) put first on PATH.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace hpsearch::test {

/// Sets an environment variable for one test and restores it after.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* name_;
  std::optional<std::string> old_;
};

/// A directory holding the script `name` ("#!/bin/sh" + `body`), first on PATH while this
/// object lives.
class FakeCommand {
public:
  FakeCommand(const std::string& name, const std::string& body)
      : dir_(std::filesystem::temp_directory_path() /
             ("hpsearch-fake-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
    const auto script = dir_ / name;
    std::ofstream(script) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    path_.emplace("PATH", dir_.string() + ":" + std::getenv("PATH"));
  }
  ~FakeCommand() { std::filesystem::remove_all(dir_); }
  FakeCommand(const FakeCommand&) = delete;
  FakeCommand& operator=(const FakeCommand&) = delete;

private:
  std::filesystem::path dir_;
  std::optional<ScopedEnv> path_;
};

} // namespace hpsearch::test
