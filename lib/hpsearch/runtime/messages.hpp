#pragma once
// The manager/worker protocol (DESIGN.md §3): one tag per message kind, and the
// Boost.Serialization of every type that crosses the wire. This is the single table of
// the protocol; both sides include it.
#include "hpsearch/core/job.hpp"

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <string>
#include <string_view>

namespace hpsearch {

enum class Tag : int {
  ready = 1,     ///< worker -> manager: ReadyMsg
  job = 2,       ///< manager -> worker: Job
  result = 3,    ///< worker -> manager: ResultMsg
  shutdown = 4,  ///< manager -> worker: no payload (an empty int)
  abandon = 5,   ///< manager -> worker: graceful stop, drop the running job (an empty int)
  abandoned = 6, ///< worker -> manager: acknowledges abandon and exits (an empty int)
};

constexpr int tag_value(Tag tag) {
  return static_cast<int>(tag);
}
std::string_view to_string(Tag tag);

struct ReadyMsg {
  std::string host;
  int local_rank = 0;
  std::string device; ///< "cpu" until GPU binding exists
};

struct ResultMsg {
  JobId job_id = -1;
  Outcome outcome;
};

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
  ar& j.id& j.config& j.fidelity& j.seed& j.timeout;
}

template <class Archive> void serialize(Archive& ar, hpsearch::Outcome& o, unsigned) {
  ar& o.status& o.objective& o.started_at& o.finished_at& o.message;
}

template <class Archive> void serialize(Archive& ar, hpsearch::ResultMsg& m, unsigned) {
  ar& m.job_id& m.outcome;
}

} // namespace boost::serialization
