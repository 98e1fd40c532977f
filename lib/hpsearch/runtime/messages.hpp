#pragma once
// The manager/worker protocol (DESIGN.md §3): one tag per message kind, the Message variant
// every transport carries, and the Boost.Serialization of every type that crosses the MPI
// wire. This is the single table of the protocol; both sides include it. No MPI here: the
// MPI transport (runtime/transport/mpi_transport.cpp) adds the MPI datatypes.
#include "hpsearch/core/job.hpp"

#include <boost/serialization/level.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace hpsearch {

enum class Tag : int {
  ready = 1,     ///< worker -> manager: ReadyMsg
  job = 2,       ///< manager -> worker: Job
  result = 3,    ///< worker -> manager: ResultMsg
  shutdown = 4,  ///< manager -> worker: no payload (an empty int)
  abandon = 5,   ///< manager -> worker: graceful stop, drop the running job (an empty int)
  abandoned = 6, ///< worker -> manager: acknowledges abandon and exits (an empty int)
  progress = 7,  ///< worker -> manager: ProgressMsg (an intermediate value of the running job)
  decision = 8,  ///< manager -> worker: DecisionMsg (only "stop" and "pause" are ever sent:
                 ///< continuing is the default, so a progress report costs one message)
  start = 9,     ///< manager -> worker, once: StartMsg (go, with the problem; or exit)
};

constexpr int tag_value(Tag tag) {
  return static_cast<int>(tag);
}
std::string_view to_string(Tag tag);

struct ReadyMsg {
  std::string host;
  int local_rank = 0;
  std::string device; ///< the worker's device ("cpu", "cuda:0"), for the record
};

struct ResultMsg {
  JobId job_id = -1;
  Outcome outcome;
};

/// An intermediate value (e.g. validation loss after epoch `step`) of job `job_id`.
/// Plain numbers: sent as an MPI struct datatype, no serialization.
struct ProgressMsg {
  JobId job_id = -1;
  double step = 0.0;
  double value = 0.0;
};

/// The manager's decision about a running job after a progress report. `code` is a
/// ReportDecision (core/trial.hpp) as a plain number: 0 continue, 1 stop the job now (the
/// trial ends), 2 pause (end the job at the current step, keeping the trial's saved state).
struct DecisionMsg {
  JobId job_id = -1;
  std::int32_t code = 0;
};

/// The ReportDecision a DecisionMsg carries; an unknown code reads as stop (the job ends,
/// which is the safe answer to a manager newer than this worker).
ReportDecision decision_of(const DecisionMsg& message);

/// Shutdown, Abandon and Abandoned carry nothing (on MPI: an empty int).
struct ShutdownMsg {};
struct AbandonMsg {};
struct AbandonedMsg {};

/// What rank 0 tells every worker after validating the problem: go (with the problem and
/// where command jobs' directories go) or exit with `exit_code`.
struct StartMsg {
  int exit_code = 0;
  std::string problem_text;
  std::string problem_origin;
  std::string workdir;   ///< RunPaths::workdir, as rank 0 resolved it
  std::string trial_dir; ///< RunPaths::trial_dir (WorkerContext::trial_root)
};

/// Any message, its alternative index being its Tag minus one (tag_of).
using Message = std::variant<ReadyMsg, Job, ResultMsg, ShutdownMsg, AbandonMsg, AbandonedMsg,
                             ProgressMsg, DecisionMsg, StartMsg>;

inline Tag tag_of(const Message& message) {
  return static_cast<Tag>(static_cast<int>(message.index()) + 1);
}

/// The Message alternative a tag carries.
template <Tag T>
using MessageOf = std::variant_alternative_t<static_cast<std::size_t>(tag_value(T) - 1), Message>;
static_assert(std::is_same_v<MessageOf<Tag::ready>, ReadyMsg>);
static_assert(std::is_same_v<MessageOf<Tag::job>, Job>);
static_assert(std::is_same_v<MessageOf<Tag::result>, ResultMsg>);
static_assert(std::is_same_v<MessageOf<Tag::shutdown>, ShutdownMsg>);
static_assert(std::is_same_v<MessageOf<Tag::abandon>, AbandonMsg>);
static_assert(std::is_same_v<MessageOf<Tag::abandoned>, AbandonedMsg>);
static_assert(std::is_same_v<MessageOf<Tag::progress>, ProgressMsg>);
static_assert(std::is_same_v<MessageOf<Tag::decision>, DecisionMsg>);
static_assert(std::is_same_v<MessageOf<Tag::start>, StartMsg>);

} // namespace hpsearch

namespace boost::serialization {

template <class Archive> void serialize(Archive& ar, hpsearch::ReadyMsg& m, unsigned) {
  ar& m.host& m.local_rank& m.device;
}

template <class Archive> void save(Archive& ar, const hpsearch::Value& v, unsigned) {
  const int index = static_cast<int>(v.index());
  ar& index;
  std::visit([&ar](const auto& x) { ar& x; }, v);
}

template <class Archive> void load(Archive& ar, hpsearch::Value& v, unsigned) {
  int index = 0;
  ar& index;
  switch (index) {
  case 0: {
    std::int64_t x = 0;
    ar& x;
    v = x;
    break;
  }
  case 1: {
    double x = 0;
    ar& x;
    v = x;
    break;
  }
  case 2: {
    bool x = false;
    ar& x;
    v = x;
    break;
  }
  default: {
    std::string x;
    ar& x;
    v = std::move(x);
    break;
  }
  }
}

template <class Archive> void serialize(Archive& ar, hpsearch::Value& v, unsigned version) {
  split_free(ar, v, version);
}

template <class Archive> void save(Archive& ar, const hpsearch::Config& c, unsigned) {
  const auto& entries = c.entries();
  ar& entries;
}

template <class Archive> void load(Archive& ar, hpsearch::Config& c, unsigned) {
  std::vector<hpsearch::Config::Entry> entries;
  ar& entries;
  c = hpsearch::Config(std::move(entries));
}

template <class Archive> void serialize(Archive& ar, hpsearch::Config& c, unsigned version) {
  split_free(ar, c, version);
}

template <class Archive> void serialize(Archive& ar, hpsearch::Job& j, unsigned) {
  ar& j.id& j.config& j.fidelity& j.trial& j.from_fidelity& j.donor& j.seed& j.timeout;
}

template <class Archive> void serialize(Archive& ar, hpsearch::Outcome& o, unsigned) {
  ar& o.status& o.objective& o.started_at& o.finished_at& o.message& o.metadata;
}

template <class Archive> void serialize(Archive& ar, hpsearch::ResultMsg& m, unsigned) {
  ar& m.job_id& m.outcome;
}

template <class Archive> void serialize(Archive& ar, hpsearch::ProgressMsg& m, unsigned) {
  ar& m.job_id& m.step& m.value;
}

template <class Archive> void serialize(Archive& ar, hpsearch::DecisionMsg& m, unsigned) {
  ar& m.job_id& m.code;
}

template <class Archive> void serialize(Archive& ar, hpsearch::StartMsg& m, unsigned) {
  ar& m.exit_code& m.problem_text& m.problem_origin& m.workdir& m.trial_dir;
}

} // namespace boost::serialization

// Progress and Decision are plain numbers: the MPI transport sends them as MPI struct
// datatypes, without packing (a progress report costs about what an empty message does).
BOOST_CLASS_IMPLEMENTATION(hpsearch::ProgressMsg, object_serializable)
BOOST_CLASS_IMPLEMENTATION(hpsearch::DecisionMsg, object_serializable)
BOOST_CLASS_TRACKING(hpsearch::ProgressMsg, track_never)
BOOST_CLASS_TRACKING(hpsearch::DecisionMsg, track_never)
