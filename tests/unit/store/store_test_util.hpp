#pragma once
// Shared helpers for the store tests: a temporary directory and a small mixed space.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_info.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

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

/// make_evaluation(i) as a job of a multi-fidelity search: trials of three jobs each (i / 3)
/// through rungs 0, 1, 2 at fidelities 1, 3, 9, each continuing from the last; decisions
/// cycle through all three; every 10th row has no trial (-1: read back as its own id).
inline Evaluation make_trial_evaluation(std::int64_t i) {
  Evaluation ev = make_evaluation(i);
  const auto rung = static_cast<std::int32_t>(i % 3);
  ev.rung = rung;
  ev.fidelity = std::pow(3.0, rung);
  ev.from_fidelity = rung == 0 ? 0.0 : std::pow(3.0, rung - 1);
  ev.trial = i % 10 == 4 ? -1 : 1000 + i / 3;
  ev.decision = static_cast<TrialDecision>(i % 3 == 2 ? 0 : 1 + i % 2);
  ev.parent = i % 4 == 1 ? 900 + i : -1; // population-based training's lineage
  return ev;
}

/// Writes at `path` a small multi-fidelity search (maximize) as a scheduler with rungs at
/// fidelities 1, 3, 9 would record it (job ids in brackets):
///   trial 10: [0] 0->1 rung 0 paused 0.30; [2] 1->3 rung 1 paused 0.60; [5] 3->9 rung 2
///             finished 0.80, a script without checkpoints re-run from scratch: its curve
///             repeats steps 1..3 (values 0.31, 0.51, 0.61) before 4..9
///   trial 11: [1] 0->1 rung 0 stopped 0.95 (a short trial's lucky value)
///   trial 12: [3] 0->1 rung 0 paused 0.40; [4] 1->3 lost (its allocation ended);
///             [6] re-runs [4]: 1->3 rung 1 paused 0.70
///   trial 13: [7] 0->1 rung 0 failed
inline void write_multi_fidelity_checkpoint(const std::string& path) {
  Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
  auto job = [&](JobId id, TrialId trial, double from, double to, std::int32_t rung,
                 TrialDecision decision, Status status, double objective,
                 std::vector<std::pair<double, double>> curve, JobId requeue_of = -1) {
    Evaluation ev = make_evaluation(trial); // a trial's jobs share its configuration
    ev.id = id;
    ev.trial = trial;
    ev.from_fidelity = from;
    ev.fidelity = to;
    ev.rung = rung;
    ev.decision = decision;
    ev.status = status;
    ev.objective = objective;
    ev.message = status == Status::ok ? "" : "ended";
    std::vector<CurvePoint> points;
    for (const auto& [step, value] : curve) points.push_back({id, step, value});
    cp.add(ev, RowExtras{requeue_of, 0});
    cp.add_curve(points);
  };
  using D = TrialDecision;
  const double nan = std::nan("");
  job(0, 10, 0, 1, 0, D::paused, Status::ok, 0.30, {{1, 0.30}});
  job(1, 11, 0, 1, 0, D::stopped, Status::ok, 0.95, {{1, 0.95}});
  job(2, 10, 1, 3, 1, D::paused, Status::ok, 0.60, {{2, 0.50}, {3, 0.60}});
  job(3, 12, 0, 1, 0, D::paused, Status::ok, 0.40, {{1, 0.40}});
  job(4, 12, 1, 3, 1, D::finished, Status::lost, nan, {{2, 0.45}});
  job(5, 10, 3, 9, 2, D::finished, Status::ok, 0.80,
      {{1, 0.31},
       {2, 0.51},
       {3, 0.61},
       {4, 0.70},
       {5, 0.72},
       {6, 0.74},
       {7, 0.76},
       {8, 0.78},
       {9, 0.80}});
  job(6, 12, 1, 3, 1, D::paused, Status::ok, 0.70, {{2, 0.55}, {3, 0.70}}, 4);
  job(7, 13, 0, 1, 0, D::finished, Status::failed, nan, {});
  cp.flush();
}

} // namespace hpsearch::test
