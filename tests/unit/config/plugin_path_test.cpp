// objective.library resolves to an absolute path from the problem file's folder, whatever
// the problem is called: dlopen looks a path without a slash up in the system's library
// paths, so `libx.so` beside `p.yaml` (run as `hpsearch run p.yaml`) must not stay bare.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

#include <filesystem>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

std::string library_of(const std::string& library, const std::string& origin) {
  const std::string text = "space:\n  x: {type: real, low: 0, high: 1}\n"
                           "objective: {kind: plugin, library: " +
                           library + "}\n";
  return parse_problem(text, origin).objective.library;
}

std::string here(const std::string& relative) {
  return (std::filesystem::current_path() / relative).lexically_normal().string();
}

TEST(PluginPath, ABareNameBesideABareProblemNameIsAbsolute) {
  EXPECT_EQ(library_of("libx.so", "p.yaml"), here("libx.so"));
  EXPECT_EQ(library_of("./libx.so", "p.yaml"), here("libx.so"));
  EXPECT_EQ(library_of("plugins/libx.so", "p.yaml"), here("plugins/libx.so"));
}

TEST(PluginPath, ARelativePathIsTakenFromTheProblemFolder) {
  EXPECT_EQ(library_of("libx.so", "dir/p.yaml"), here("dir/libx.so"));
  EXPECT_EQ(library_of("../lib/libx.so", "dir/sub/p.yaml"), here("dir/lib/libx.so"));
  EXPECT_EQ(library_of("libx.so", "/opt/problems/p.yaml"), "/opt/problems/libx.so");
}

TEST(PluginPath, AnAbsolutePathIsKept) {
  EXPECT_EQ(library_of("/usr/lib/libx.so", "dir/p.yaml"), "/usr/lib/libx.so");
  EXPECT_EQ(library_of("/usr/lib/../lib/libx.so", "p.yaml"), "/usr/lib/libx.so");
}

// objective.kill_grace (seconds between SIGTERM and SIGKILL) applies to every kind whose jobs
// run in a child process: a command's group, and the evaluation host of plugin and torch.
TEST(KillGrace, PluginObjectivesTakeIt) {
  const std::string text = "space:\n  x: {type: real, low: 0, high: 1}\n"
                           "objective: {kind: plugin, library: /x/libp.so, kill_grace: 2m}\n";
  EXPECT_EQ(parse_problem(text, "p.yaml").objective.kill_grace, 120.0);
}

TEST(KillGrace, AFunctionObjectiveHasNoChildToKill) {
  const std::string text = "space:\n  x: {type: real, low: 0, high: 1}\n"
                           "objective: {kind: function, name: sphere, kill_grace: 5s}\n";
  EXPECT_THROW(parse_problem(text, "p.yaml"), Error);
}

} // namespace
} // namespace hpsearch
