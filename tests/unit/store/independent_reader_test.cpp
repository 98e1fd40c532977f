// The checkpoint read by tools that share no code with ours: h5dump (hdf5-tools) and
// h5py (Debian's python3-h5py, run by the system interpreter /usr/bin/python3).
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/schema.hpp"
#include "store_test_util.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

using test::TempDir;

struct Output {
  int status = -1;
  std::string text;
};

Output run(const std::string& command) {
  Output out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.text.append(buf, n);
  out.status = pclose(pipe);
  return out;
}

constexpr const char* kPython = "env -u PYTHONPATH -u PYTHONHOME /usr/bin/python3";

std::string write_checkpoint(const TempDir& dir, int rows) {
  const std::string path = dir.file("run.h5");
  Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
  for (int i = 0; i < rows; ++i) cp.append(test::make_evaluation(i));
  return path;
}

TEST(IndependentReader, H5dumpSeesColumnsEnumAndAttributes) {
  TempDir dir;
  const std::string path = write_checkpoint(dir, 10);
  const Output out = run("h5dump -H '" + path + "' 2>&1");
  ASSERT_EQ(out.status, 0) << "h5dump (package hdf5-tools) failed:\n" << out.text;
  const std::string& h = out.text;
  for (const std::string name : {"\"id\"",
                                 "\"status\"",
                                 "\"objective\"",
                                 "\"p:lr\"",
                                 "\"p:units\"",
                                 "\"p:activation\"",
                                 "\"p:width\"",
                                 "\"worker_rank\"",
                                 "\"trial\"",
                                 "\"from_fidelity\"",
                                 "\"rung\"",
                                 "\"decision\"",
                                 "\"parent\"",
                                 "\"paused\"",
                                 "\"host\"",
                                 "\"submitted_at\"",
                                 "\"started_at\"",
                                 "\"finished_at\"",
                                 "\"message\"",
                                 "\"choices:activation\"",
                                 "\"format_version\"",
                                 "\"space_hash\"",
                                 "\"problem\"",
                                 "H5T_ENUM",
                                 "\"ok\"",
                                 "\"failed\"",
                                 "\"timeout\"",
                                 "\"stopped\"",
                                 "\"lost\"",
                                 "H5S_UNLIMITED",
                                 "( 10 )"}) {
    EXPECT_NE(h.find(name), std::string::npos) << "h5dump -H lacks " << name << ":\n" << h;
  }
  // Every row of the data section, read by h5dump itself.
  const Output data = run("h5dump -d /evaluations -m %.17g '" + path + "' 2>&1");
  ASSERT_EQ(data.status, 0) << data.text;
  EXPECT_NE(data.text.find("\"node1.example.org\\000"), std::string::npos) << data.text;
  EXPECT_NE(data.text.find("failed,"), std::string::npos) << data.text; // enum by name
}

TEST(IndependentReader, H5pyReadsTheStructuredArray) {
  if (run(std::string(kPython) + " -c 'import h5py' 2>&1").status != 0) {
    GTEST_SKIP() << "h5py is not installed for /usr/bin/python3 (Debian package python3-h5py)";
  }
  TempDir dir;
  const int rows = 300;
  const std::string path = write_checkpoint(dir, rows);
  const std::string script = R"PY(
import sys, h5py
f = h5py.File(sys.argv[1], "r")
e = f["evaluations"]
print(len(e), e.attrs["choices:activation"][1], f.attrs["direction"], f.attrs["seed"])
for r in e[:]:
    print(repr(float(r["objective"])), repr(float(r["p:lr"])), int(r["p:units"]),
          int(r["p:activation"]), int(r["status"]), r["host"].decode())
)PY";
  const std::string script_path = dir.file("read.py");
  std::ofstream(script_path) << script;
  const Output out = run(std::string(kPython) + " '" + script_path + "' '" + path + "' 2>&1");
  ASSERT_EQ(out.status, 0) << out.text;
  std::istringstream in(out.text);
  int n = 0;
  std::string second_choice, direction;
  std::uint64_t seed = 0;
  in >> n >> second_choice >> direction >> seed;
  EXPECT_EQ(n, rows);
  EXPECT_EQ(second_choice, "tanh");
  EXPECT_EQ(direction, "maximize");
  EXPECT_EQ(seed, test::test_info().seed);
  for (int i = 0; i < rows; ++i) {
    const Evaluation ev = test::make_evaluation(i);
    std::string objective, lr, host;
    std::int64_t units = 0;
    int activation = 0, status = 0;
    ASSERT_TRUE(in >> objective >> lr >> units >> activation >> status >> host) << out.text;
    if (ev.status == Status::ok) {
      EXPECT_EQ(std::strtod(objective.c_str(), nullptr), ev.objective) << "row " << i;
    } else {
      EXPECT_EQ(objective, "nan") << "row " << i;
    }
    EXPECT_EQ(std::strtod(lr.c_str(), nullptr), std::get<double>(ev.config.at("lr")));
    const Value* u = ev.config.find("units");
    EXPECT_EQ(units, u ? std::get<std::int64_t>(*u) : schema::kMissingInt) << "row " << i;
    EXPECT_EQ(activation, i % 3);
    EXPECT_EQ(status, static_cast<int>(ev.status));
    EXPECT_EQ(host, ev.host);
  }
}

TEST(IndependentReader, H5pyReadsTheTrialColumnsAndDecisionNames) {
  if (run(std::string(kPython) + " -c 'import h5py' 2>&1").status != 0) {
    GTEST_SKIP() << "h5py is not installed for /usr/bin/python3 (Debian package python3-h5py)";
  }
  TempDir dir;
  const std::string path = dir.file("mf.h5");
  test::write_multi_fidelity_checkpoint(path);
  const std::string script = R"PY(
import sys, h5py
f = h5py.File(sys.argv[1], "r")
e = f["evaluations"]
names = {v: k for k, v in h5py.check_enum_dtype(e.dtype["decision"]).items()}
print(f.attrs["format_version"], len(e))
for r in e[:]:
    print(int(r["id"]), int(r["trial"]), repr(float(r["from_fidelity"])),
          repr(float(r["fidelity"])), int(r["rung"]), names[int(r["decision"])])
)PY";
  const std::string script_path = dir.file("read.py");
  std::ofstream(script_path) << script;
  const Output out = run(std::string(kPython) + " '" + script_path + "' '" + path + "' 2>&1");
  ASSERT_EQ(out.status, 0) << out.text;
  const CheckpointContents c = read_checkpoint(path);
  std::istringstream in(out.text);
  int version = 0;
  std::size_t rows = 0;
  in >> version >> rows;
  EXPECT_EQ(version, schema::kFormatVersion);
  ASSERT_EQ(rows, c.evaluations.size()) << out.text;
  for (const Evaluation& ev : c.evaluations) {
    std::int64_t id = 0, trial = 0;
    std::string from, to, decision;
    int rung = 0;
    ASSERT_TRUE(in >> id >> trial >> from >> to >> rung >> decision) << out.text;
    EXPECT_EQ(id, ev.id);
    EXPECT_EQ(trial, ev.trial) << "job " << id;
    EXPECT_EQ(std::strtod(from.c_str(), nullptr), ev.from_fidelity) << "job " << id;
    EXPECT_EQ(std::strtod(to.c_str(), nullptr), ev.fidelity) << "job " << id;
    EXPECT_EQ(rung, ev.rung) << "job " << id;
    EXPECT_EQ(decision, to_string(ev.decision)) << "job " << id;
  }
  EXPECT_NE(out.text.find(" paused\n"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find(" stopped\n"), std::string::npos) << out.text;
}

} // namespace
} // namespace hpsearch
