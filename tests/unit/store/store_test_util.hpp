#pragma once
// Shared helpers for the store tests: a temporary directory and a small mixed space.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/checkpoint_info.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace hpsearch::test {

/// real (log), int, categorical over strings, categorical over ints, bools and reals.
inline SearchSpace mixed_space() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  space.add(Parameter::integer("units", 16, 1024, true));
  space.add(Parameter::categorical("activation", {Value{"relu"}, Value{"tanh"}, Value{"elu"}}));
  space.add(Parameter::categorical(
      "width", {Value{std::int64_t{32}}, Value{std::int64_t{64}}, Value{std::int64_t{128}}}));
  space.add(Parameter::categorical("flag", {Value{false}, Value{true}}));
  space.add(Parameter::categorical("scale", {Value{0.5}, Value{0.25}}));
  return space;
}

inline CheckpointInfo test_info() {
  return {"space:\n  lr: {type: real, low: 1.0e-5, high: 0.1, log: true}\n",
          "random",
          1234,
          Direction::maximize,
          "0.1.0-test",
          1714564800.0};
}

/// A deterministic evaluation number `i` of mixed_space(): every 7th failed (NaN objective,
/// a message), every 11th without "units" (an inactive parameter).
inline Evaluation make_evaluation(std::int64_t i) {
  static const char* kActivations[] = {"relu", "tanh", "elu"};
  Evaluation ev;
  ev.id = i;
  ev.config.set("lr", 1e-5 * std::pow(1.01, static_cast<double>(i % 900)));
  if (i % 11 != 5) ev.config.set("units", std::int64_t{16 + (i * 37) % 1000});
  ev.config.set("activation", std::string(kActivations[i % 3]));
  ev.config.set("width", std::int64_t{32} << (i % 3));
  ev.config.set("flag", i % 2 == 0);
  ev.config.set("scale", i % 2 == 0 ? 0.5 : 0.25);
  ev.status = i % 7 == 3 ? Status::failed : Status::ok;
  ev.objective = ev.status == Status::ok ? std::sin(static_cast<double>(i)) : std::nan("");
  ev.worker_rank = static_cast<int>(1 + i % 16);
  ev.host = "node" + std::to_string(i % 4) + ".example.org";
  ev.submitted_at = 1714564800.0 + static_cast<double>(i);
  ev.started_at = ev.submitted_at + 0.25;
  ev.finished_at = ev.started_at + 1.5;
  if (ev.status != Status::ok)
    ev.message = "exit code 1 (\xc3\xa9valuation " + std::to_string(i) + ")";
  return ev;
}

} // namespace hpsearch::test
