// Checkpoint writer: round trip through read_checkpoint, refusals, handle hygiene.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/space_hash.hpp"
#include "store_test_util.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <set>

namespace hpsearch {
namespace {

using test::make_evaluation;
using test::mixed_space;
using test::TempDir;
using test::test_info;

void expect_same(const Evaluation& want, const Evaluation& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.status, got.status) << "id " << want.id;
  if (want.status == Status::ok) {
    EXPECT_EQ(want.objective, got.objective) << "id " << want.id; // bit-exact float64
  } else {
    EXPECT_TRUE(std::isnan(got.objective)) << "id " << want.id;
  }
  EXPECT_EQ(want.config, got.config) << "id " << want.id << ": " << got.config.to_string();
  EXPECT_EQ(want.worker_rank, got.worker_rank);
  EXPECT_EQ(want.host, got.host);
  EXPECT_EQ(want.submitted_at, got.submitted_at);
  EXPECT_EQ(want.started_at, got.started_at);
  EXPECT_EQ(want.finished_at, got.finished_at);
  EXPECT_EQ(want.message, got.message);
  EXPECT_EQ(want.fidelity, got.fidelity) << "id " << want.id;
  EXPECT_EQ(want.trial >= 0 ? want.trial : want.id, got.trial) << "id " << want.id;
  EXPECT_EQ(want.from_fidelity, got.from_fidelity) << "id " << want.id;
  EXPECT_EQ(want.rung, got.rung) << "id " << want.id;
  EXPECT_EQ(want.decision, got.decision) << "id " << want.id;
  EXPECT_EQ(want.parent, got.parent) << "id " << want.id;
}

/// Open files, datasets, groups, attributes and datatypes across all files. (HDF5 1.10's
/// H5Inmembers refuses the library's own classes, so dataspaces and property lists cannot
/// be counted from outside.)
std::int64_t open_hdf5_objects() {
  return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

TEST(Checkpoint, RoundTripKeepsEveryFieldAndTypeAcrossChunks) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const std::int64_t n = 2 * static_cast<std::int64_t>(schema::kChunkRows) + 17;
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    EXPECT_EQ(cp.path(), path);
    for (std::int64_t i = 0; i < n; ++i) cp.append(make_evaluation(i));
    EXPECT_EQ(cp.rows(), n);
  }
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.info, test_info());
  EXPECT_EQ(c.format_version, schema::kFormatVersion);
  EXPECT_EQ(c.space_hash, space_hash_hex(mixed_space()));
  EXPECT_EQ(c.parameters,
            (std::vector<std::string>{"lr", "units", "activation", "width", "flag", "scale"}));
  ASSERT_EQ(c.evaluations.size(), static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) expect_same(make_evaluation(i), c.evaluations[i]);

  // Types survive: ints stay ints, categorical choices come back in their own type.
  const Config& cfg = c.evaluations[0].config;
  EXPECT_TRUE(std::holds_alternative<double>(cfg.at("lr")));
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(cfg.at("units")));
  EXPECT_EQ(cfg.at("activation"), Value{std::string("relu")});
  EXPECT_EQ(cfg.at("width"), Value{std::int64_t{32}});
  EXPECT_EQ(cfg.at("flag"), Value{true});
  EXPECT_EQ(cfg.at("scale"), Value{0.5});
  EXPECT_FALSE(c.evaluations[5].config.contains("units")); // written as INT64_MIN
}

TEST(Checkpoint, RoundTripKeepsTheTrialColumns) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const std::int64_t n = 40;
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    for (std::int64_t i = 0; i < n; ++i) cp.add(test::make_trial_evaluation(i));
    cp.flush();
  }
  const CheckpointContents c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), static_cast<std::size_t>(n));
  std::set<TrialDecision> decisions;
  for (std::int64_t i = 0; i < n; ++i) {
    expect_same(test::make_trial_evaluation(i), c.evaluations[i]);
    decisions.insert(c.evaluations[i].decision);
  }
  EXPECT_EQ(decisions.size(), trial_decisions.entries().size()); // every value went through
  EXPECT_EQ(c.evaluations[4].trial, 4);                          // none (-1): its own id
  EXPECT_EQ(c.evaluations[5].trial, 1001);
}

TEST(Checkpoint, NotOkObjectiveIsStoredAsNaNAndLongHostIsTruncated) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  Evaluation ev = make_evaluation(0);
  ev.status = Status::timeout;
  ev.objective = 0.75; // must not leak into the file: only ok rows carry an objective
  ev.host = std::string(100, 'h');
  ev.message = std::string(5000, 'm'); // variable length: kept whole
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.append(ev);
    cp.close();
  }
  const auto c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), 1u);
  EXPECT_EQ(c.evaluations[0].status, Status::timeout);
  EXPECT_TRUE(std::isnan(c.evaluations[0].objective));
  EXPECT_EQ(c.evaluations[0].host, std::string(schema::kHostSize, 'h'));
  EXPECT_EQ(c.evaluations[0].message, ev.message);
}

TEST(Checkpoint, EmptyCheckpointReadsBackWithNoEvaluations) {
  TempDir dir;
  const std::string path = dir.file("empty.h5");
  Checkpoint::create(path, mixed_space(), test_info());
  const auto c = read_checkpoint(path);
  EXPECT_TRUE(c.evaluations.empty());
  EXPECT_EQ(c.parameters.size(), 6u);
}

TEST(Checkpoint, RefusesAnExistingFileAndLeavesItAlone) {
  TempDir dir;
  const std::string path = dir.file("old.h5");
  std::ofstream(path) << "precious";
  try {
    Checkpoint::create(path, mixed_space(), test_info());
    FAIL() << "an existing checkpoint was overwritten";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("already exists"), std::string::npos) << msg;
    EXPECT_NE(msg.find("resumes it"), std::string::npos) << msg;
  }
  std::string content;
  std::getline(std::ifstream(path), content);
  EXPECT_EQ(content, "precious");
}

TEST(Checkpoint, CreateFailureNamesPathAndCarriesHdf5Stack) {
  TempDir dir;
  const std::string path = dir.file("no/such/dir/run.h5");
  try {
    Checkpoint::create(path, mixed_space(), test_info());
    FAIL() << "created a file in a missing directory";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cannot create checkpoint '" + path + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("HDF5 error stack"), std::string::npos) << msg;
    EXPECT_NE(msg.find("H5Fcreate"), std::string::npos) << msg;
    EXPECT_EQ(e.code(), ExitCode::bad_input) << "a directory that does not exist: a wrong path";
  }
}

TEST(Checkpoint, ADirectoryThatCannotBeWrittenIsAnIoError) {
  // sysfs refuses new files to everyone, root included: the machine's failure (exit 4),
  // as a read-only or full file system would be, not bad input.
  const std::string path = "/sys/hpsearch-checkpoint-test.h5";
  try {
    Checkpoint::create(path, mixed_space(), test_info());
    FAIL() << "created " << path;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(Checkpoint, AppendRejectsAConfigOutsideTheSpaceAndKeepsGoing) {
  TempDir dir;
  Checkpoint cp = Checkpoint::create(dir.file("run.h5"), mixed_space(), test_info());
  Evaluation bad = make_evaluation(0);
  bad.config.set("units", 3.5); // a real where an int belongs
  EXPECT_THROW(cp.append(bad), Error);
  bad = make_evaluation(0);
  bad.config.set("activation", std::string("sigmoid")); // not a choice
  EXPECT_THROW(cp.append(bad), Error);
  bad = make_evaluation(0);
  bad.config.set("momentum", 0.9); // not in the space
  try {
    cp.append(bad);
    FAIL() << "an unknown parameter was silently dropped";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error);
  }
  EXPECT_EQ(cp.rows(), 0);
  cp.append(make_evaluation(1));
  EXPECT_EQ(cp.rows(), 1);
  EXPECT_EQ(read_checkpoint(cp.path()).evaluations.size(), 1u);
}

TEST(Checkpoint, IsMovableAndRefusesAppendsAfterClose) {
  TempDir dir;
  Checkpoint a = Checkpoint::create(dir.file("run.h5"), mixed_space(), test_info());
  a.append(make_evaluation(0));
  Checkpoint b = std::move(a);
  b.append(make_evaluation(1));
  EXPECT_EQ(b.rows(), 2);
  b.close();
  EXPECT_THROW(b.append(make_evaluation(2)), Error);
  EXPECT_EQ(read_checkpoint(b.path()).evaluations.size(), 2u);
}

TEST(Checkpoint, CanBeReadWhileTheWriterHoldsItOpen) {
  TempDir dir;
  Checkpoint cp = Checkpoint::create(dir.file("live.h5"), mixed_space(), test_info());
  for (int i = 0; i < 3; ++i) cp.append(make_evaluation(i));
  EXPECT_EQ(read_checkpoint(cp.path()).evaluations.size(), 3u); // `hpsearch show` mid-run
  cp.append(make_evaluation(3));
  EXPECT_EQ(read_checkpoint(cp.path()).evaluations.size(), 4u);
}

TEST(Checkpoint, LeavesNoHdf5HandleOpenOnSuccessOrFailure) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  H5open();
  ASSERT_EQ(open_hdf5_objects(), 0);
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    // The file; /evaluations, /curves, /allocations and the four /state slots; the row
    // types of /evaluations, /curves and /allocations (queried across all files, HDF5
    // counts transient datatypes too): so the count does see what the store keeps open.
    EXPECT_EQ(open_hdf5_objects(), 11);
    for (int i = 0; i < 20; ++i) cp.append(make_evaluation(i));
    Evaluation bad = make_evaluation(0);
    bad.config.set("units", 3.5);
    EXPECT_THROW(cp.append(bad), Error);
  }
  EXPECT_EQ(open_hdf5_objects(), 0);
  EXPECT_EQ(read_checkpoint(path).evaluations.size(), 20u);
  EXPECT_THROW(Checkpoint::create(path, mixed_space(), test_info()), Error);
  EXPECT_THROW(Checkpoint::create(dir.file("missing/x.h5"), mixed_space(), test_info()), Error);
  std::ofstream(dir.file("garbage.h5")) << "not hdf5";
  EXPECT_THROW(read_checkpoint(dir.file("garbage.h5")), Error);
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(SpaceHash, IsStableAndChangesWithTheSpace) {
  // Golden value (FNV-1a 64 of the text below, computed independently in Python): changing
  // it would make every existing checkpoint look like it belongs to another space.
  SearchSpace small;
  small.add(Parameter::real("lr", 1e-5, 1e-1, true));
  small.add(Parameter::categorical("act", {Value{"relu"}, Value{"tanh"}}));
  EXPECT_EQ(canonical_space_text(small),
            "lr\treal [1e-05, 0.1] log\nact\tcategorical {relu, tanh}\tkinds=s,s\n");
  EXPECT_EQ(space_hash_hex(small), "7652c04cab27651e");
  EXPECT_EQ(space_hash_hex(mixed_space()), space_hash_hex(mixed_space()));
  EXPECT_EQ(space_hash_hex(mixed_space()).size(), 16u);
  SearchSpace other = mixed_space();
  other.add(Parameter::real("momentum", 0.0, 0.99));
  EXPECT_NE(space_hash_hex(other), space_hash_hex(mixed_space()));
  SearchSpace narrower;
  narrower.add(Parameter::real("lr", 1e-5, 1e-2, true));
  SearchSpace wider;
  wider.add(Parameter::real("lr", 1e-5, 1e-1, true));
  EXPECT_NE(space_hash_hex(narrower), space_hash_hex(wider));
  SearchSpace ints, strings;
  ints.add(Parameter::categorical("w", {Value{std::int64_t{1}}}));
  strings.add(Parameter::categorical("w", {Value{std::string("1")}}));
  EXPECT_NE(space_hash_hex(ints), space_hash_hex(strings));
}

TEST(CheckpointInfo, Iso8601RoundTrips) {
  EXPECT_EQ(format_iso8601(1714564800.0), "2024-05-01T12:00:00Z");
  EXPECT_EQ(format_iso8601(1714564800.9), "2024-05-01T12:00:00Z");
  EXPECT_EQ(parse_iso8601("2024-05-01T12:00:00Z"), 1714564800.0);
  EXPECT_THROW(parse_iso8601("2024-05-01 12:00"), Error);
  EXPECT_THROW(parse_iso8601("2024-05-01T12:00:00Zjunk"), Error);
}

} // namespace
} // namespace hpsearch
