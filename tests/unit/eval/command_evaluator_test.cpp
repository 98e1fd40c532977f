// The command evaluator with real child processes (tests/fixtures/scripts/behave.sh): every
// way a training script can end, the process table afterwards, and argument injection.
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_evaluator.hpp"
#include "temp_dir.hpp"

#include <csignal>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string kScript = std::string(HPSEARCH_FIXTURES) + "/scripts/behave.sh";

/// A fresh directory removed at the end of the test.
using test::TempDir;

/// Answers stop once it has seen `stop_after` reports; records them all.
class StoppingReporter final : public Reporter {
public:
  explicit StoppingReporter(int stop_after) : stop_after_(stop_after) {}
  bool report(double step, double value) override {
    reports.emplace_back(step, value);
    return static_cast<int>(reports.size()) >= stop_after_;
  }
  bool stop_requested() override { return static_cast<int>(reports.size()) >= stop_after_; }
  std::vector<std::pair<double, double>> reports;

private:
  int stop_after_;
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool process_exists(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

/// Processes (zombies included) whose process group is `pgid`, from /proc.
std::vector<pid_t> group_members(pid_t pgid) {
  std::vector<pid_t> members;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t paren = stat.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream rest(stat.substr(paren + 2));
    char state = 0;
    pid_t ppid = 0;
    pid_t group = 0;
    rest >> state >> ppid >> group;
    if (group == pgid) members.push_back(std::stoi(name));
  }
  return members;
}

struct Fixture {
  TempDir dir;
  CommandSpec spec;

  explicit Fixture(std::vector<std::string> command, KeepWorkdirs keep = KeepWorkdirs::all) {
    spec.command = std::move(command);
    spec.parameters = {"mode", "x", "choice"};
    spec.workdir = (dir.path() / "work").string();
    spec.keep_workdirs = keep;
    spec.kill_grace = 5.0;
  }
  fs::path job_dir(JobId id) const { return dir.path() / "work" / ("job-" + std::to_string(id)); }
};

Job job(const std::string& mode, JobId id = 3, double timeout = 0.0) {
  Job j;
  j.id = id;
  j.config = Config({{"mode", Value{mode}}, {"x", Value{0.125}}});
  j.seed = 99;
  j.fidelity = 4.0;
  j.timeout = timeout;
  return j;
}

Outcome run(Fixture& f, const Job& j) {
  NullReporter reporter;
  CommandEvaluator evaluator(f.spec);
  return evaluator.evaluate(j, reporter);
}

TEST(CommandEvaluator, SuccessReadsTheLastObjectiveLine) {
  Fixture f({"sh", kScript, "{mode}", "2.5"});
  const double before = wall_seconds();
  const Outcome outcome = run(f, job("ok"));
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 2.5);
  EXPECT_TRUE(outcome.message.empty()) << outcome.message;
  EXPECT_LE(before, outcome.started_at);
  EXPECT_LE(outcome.started_at, outcome.finished_at);
  EXPECT_EQ(read(f.job_dir(3) / "stdout.log"),
            "training with x=0.125\nprogress: 1 0.5\nobjective: 2.5\n");
  EXPECT_EQ(read(f.job_dir(3) / "config.json"), "{\"mode\": \"ok\", \"x\": 0.125}\n");
}

TEST(CommandEvaluator, ExitOneFailsWithStatusAndStderrTail) {
  Fixture f({"sh", kScript, "{mode}"}, KeepWorkdirs::failed);
  const Outcome outcome = run(f, job("exit1"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("'sh' exit status 1"));
  EXPECT_THAT(outcome.message, HasSubstr("stderr (last 20 lines):\nTraceback (most recent call "
                                         "last):\nValueError: bad learning rate"));
  EXPECT_THAT(outcome.message, HasSubstr("job directory kept: " + f.job_dir(3).string()));
  EXPECT_TRUE(fs::exists(f.job_dir(3) / "stderr.log")); // kept: it failed
}

TEST(CommandEvaluator, DeathBySignalNamesTheSignal) {
  Fixture f({"sh", kScript, "{mode}"});
  const Outcome outcome = run(f, job("segv"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("killed by signal SIGSEGV (11)"));
}

TEST(CommandEvaluator, NanObjectiveFails) {
  Fixture f({"sh", kScript, "{mode}"});
  const Outcome outcome = run(f, job("nan"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("non-finite objective: NaN"));
}

TEST(CommandEvaluator, NoObjectiveFails) {
  Fixture f({"sh", kScript, "{mode}"});
  const Outcome outcome = run(f, job("silent"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("reported no objective"));
}

TEST(CommandEvaluator, JsonLineAndResultFile) {
  Fixture f({"sh", kScript, "{mode}"});
  Outcome outcome = run(f, job("json"));
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 0.25); // the last result line wins
  outcome = run(f, job("result"));
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 0.75);
}

TEST(CommandEvaluator, MissingProgramFailsClearly) {
  Fixture f({"/nonexistent/train", "{x}"});
  const Outcome outcome = run(f, job("ok"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("cannot start '/nonexistent/train'"));
  EXPECT_THAT(outcome.message, HasSubstr("No such file or directory"));
  Fixture g({"no-such-program-hpsearch"});
  EXPECT_THAT(run(g, job("ok")).message, HasSubstr("cannot start 'no-such-program-hpsearch'"));
}

TEST(CommandEvaluator, TimeoutKillsTheWholeGroupAndLeavesNoProcess) {
  Fixture f({"sh", kScript, "{mode}"});
  const double start = monotonic_seconds();
  const Outcome outcome = run(f, job("hang", 3, 0.5));
  const double elapsed = monotonic_seconds() - start;
  EXPECT_EQ(outcome.status, Status::timeout) << outcome.message;
  EXPECT_THAT(outcome.message, HasSubstr("timed out after 0.5 s"));
  EXPECT_GE(elapsed, 0.5);
  EXPECT_LT(elapsed, 4.0); // sh and sleep die at SIGTERM, long before kill_grace
  const pid_t leader = std::stoi(read(f.job_dir(3) / "leader.pid"));
  const pid_t grandchild = std::stoi(read(f.job_dir(3) / "grandchild.pid"));
  EXPECT_FALSE(process_exists(grandchild)) << "grandchild " << grandchild << " survived";
  EXPECT_FALSE(process_exists(leader));
  EXPECT_TRUE(group_members(leader).empty()) << "processes (or zombies) left in the group";
}

TEST(CommandEvaluator, StragglersOfAFinishedJobAreKilled) {
  Fixture f({"sh", kScript, "{mode}"});
  const double start = monotonic_seconds();
  const Outcome outcome = run(f, job("background"));
  EXPECT_LT(monotonic_seconds() - start, 5.0); // killed, not waited for (sleep 100)
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 4.0);
  const pid_t leader = std::stoi(read(f.job_dir(3) / "leader.pid"));
  EXPECT_FALSE(process_exists(std::stoi(read(f.job_dir(3) / "grandchild.pid"))));
  EXPECT_TRUE(group_members(leader).empty());
}

TEST(CommandEvaluator, StopDecisionEndsTheJobWithItsLastValue) {
  Fixture f({"sh", kScript, "{mode}"});
  StoppingReporter reporter(2);
  CommandEvaluator evaluator(f.spec);
  const double start = monotonic_seconds();
  const Outcome outcome = evaluator.evaluate(job("progress"), reporter);
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 0.2);
  EXPECT_THAT(outcome.message, HasSubstr("stopped by the manager after step 2"));
  ASSERT_EQ(reporter.reports.size(), 2u); // nothing reported after the stop
  EXPECT_EQ(reporter.reports[0], std::make_pair(1.0, 0.1));
  EXPECT_LT(monotonic_seconds() - start, 3.0); // SIGTERM sufficed
}

TEST(CommandEvaluator, SigkillFollowsWhenSigtermIsIgnored) {
  Fixture f({"sh", kScript, "{mode}"});
  f.spec.kill_grace = 0.3;
  StoppingReporter reporter(2);
  CommandEvaluator evaluator(f.spec);
  const double start = monotonic_seconds();
  const Outcome outcome = evaluator.evaluate(job("stubborn"), reporter);
  const double elapsed = monotonic_seconds() - start;
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 0.5);
  EXPECT_GE(elapsed, 0.3);
  EXPECT_LT(elapsed, 3.0);
}

TEST(CommandEvaluator, PlaceholderValueIsOneLiteralArgument) {
  Fixture f({"sh", kScript, "args", "{choice}", "--x={x}", "{job_id}", "{seed}", "{fidelity}"});
  Job j = job("args");
  j.config.set("choice", Value{std::string("; touch pwned #")});
  const Outcome outcome = run(f, j);
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_DOUBLE_EQ(outcome.objective, 5.0);
  EXPECT_EQ(read(f.job_dir(3) / "args.txt"), "; touch pwned #\n--x=0.125\n3\n99\n4\n");
  EXPECT_FALSE(fs::exists(f.job_dir(3) / "pwned"));
  EXPECT_FALSE(fs::exists("pwned"));
}

TEST(CommandEvaluator, ChildSeesItsDirectoryAndEnvironment) {
  Fixture f({"sh", kScript, "{mode}"});
  WorkerContext context;
  context.child_env = {{"HPS_BOUND_DEVICE", "cuda:1"}};
  NullReporter reporter;
  CommandEvaluator evaluator(f.spec, context);
  Job j = job("env", 12);
  j.config.set("choice", Value{std::string("a b")});
  ASSERT_EQ(evaluator.evaluate(j, reporter).status, Status::ok);
  EXPECT_EQ(read(f.job_dir(12) / "pwd.txt"), fs::canonical(f.job_dir(12)).string() + "\n");
  EXPECT_EQ(read(f.job_dir(12) / "env.txt"),
            "HPS_BOUND_DEVICE=cuda:1\nHPS_FIDELITY=4\nHPS_JOB_ID=12\nHPS_PARAM_CHOICE=a b\n"
            "HPS_PARAM_MODE=env\nHPS_PARAM_X=0.125\nHPS_RESUME_FROM=0\nHPS_SEED=99\n"
            "HPS_TRIAL_ID=12\nHPS_WORKDIR=" +
                f.job_dir(12).string() + "\n");
}

TEST(CommandEvaluator, KeepWorkdirsPolicy) {
  Fixture f({"sh", kScript, "{mode}"}, KeepWorkdirs::failed);
  EXPECT_EQ(run(f, job("ok", 1)).status, Status::ok);
  EXPECT_EQ(run(f, job("nan", 2)).status, Status::failed);
  EXPECT_FALSE(fs::exists(f.job_dir(1)));
  EXPECT_TRUE(fs::exists(f.job_dir(2) / "stdout.log"));
  f.spec.keep_workdirs = KeepWorkdirs::none;
  EXPECT_EQ(run(f, job("nan", 4)).status, Status::failed);
  EXPECT_FALSE(fs::exists(f.job_dir(4)));
}

TEST(CommandEvaluator, AJobDirectoryFromAnEarlierAttemptStartsEmpty) {
  Fixture f({"sh", kScript, "{mode}"});
  fs::create_directories(f.job_dir(3));
  std::ofstream(f.job_dir(3) / "result.json") << "{\"objective\": 1}";
  EXPECT_EQ(run(f, job("silent")).status, Status::failed); // the stale result.json is gone
}

TEST(CommandEvaluator, ManySequentialJobsLeakNoDescriptors) {
  Fixture f({"sh", kScript, "{mode}"});
  const auto open_fds = [] {
    return std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator{});
  };
  run(f, job("ok"));
  const auto before = open_fds();
  for (int i = 0; i < 20; ++i) run(f, job(i % 2 ? "ok" : "exit1", i));
  EXPECT_EQ(open_fds(), before);
}

TEST(CommandEvaluator, BadTemplateIsRefusedAtConstruction) {
  Fixture f({"sh", kScript, "{lr}"});
  try {
    CommandEvaluator evaluator(f.spec);
    ADD_FAILURE() << "expected hpsearch::Error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown placeholder {lr}"));
    EXPECT_THAT(e.what(), HasSubstr("{job_id}"));
    EXPECT_THAT(e.what(), HasSubstr("{mode}"));
  }
}

} // namespace
} // namespace hpsearch

namespace hpsearch {
namespace {

/// run.eval_memory on the command evaluator: a job past the limit is failed with the
/// limit in its message, and the same evaluator runs the next job normally. The mechanism
/// is whatever this machine gives the worker (cgroup v2 or RLIMIT_DATA).
TEST(CommandEvaluatorMemory, AJobPastEvalMemoryFailsOutOfMemoryAndTheNextRuns) {
  Fixture f({HPSEARCH_MEMORY_HOG, "{mode}"}, KeepWorkdirs::none);
  f.spec.memory_limit = MemoryLimit{std::uint64_t{128} << 20};
  CommandEvaluator evaluator(f.spec);
  NullReporter reporter;
  const Outcome hungry = evaluator.evaluate(job("512", 1), reporter);
  EXPECT_EQ(hungry.status, Status::failed);
  EXPECT_EQ(hungry.message.rfind("out of memory (limit 128 MiB): ", 0), 0U) << hungry.message;
  const Outcome modest = evaluator.evaluate(job("16", 2), reporter);
  EXPECT_EQ(modest.status, Status::ok) << modest.message;
  EXPECT_DOUBLE_EQ(modest.objective, 16.0);
}

TEST(CommandEvaluatorMemory, AnOrdinaryFailureUnderALimitIsNotCalledOutOfMemory) {
  Fixture f({"sh", kScript, "{mode}"}, KeepWorkdirs::none);
  f.spec.memory_limit = MemoryLimit{std::uint64_t{128} << 20};
  const Outcome outcome = run(f, job("exit1"));
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, testing::Not(HasSubstr("out of memory"))) << outcome.message;
  EXPECT_THAT(outcome.message, HasSubstr("exit status 1"));
}

} // namespace
} // namespace hpsearch
