// AshaScheduler::save_state / restore_state. Lines of space-separated tokens:
//   asha-scheduler 1 <name> <variant> <rungs> <brackets> <sampler exhausted 0|1>
//   <random stream state>
//   trials <n>                                   then n lines:
//   <bracket> <phase r|p|e> <configuration (core/config_text.hpp)>
//   rung <bracket> <k> <m>                       for every bracket and its rungs, then m lines:
//   <trial> <value> <ok 0|1> <promoted 0|1>
//   told <n>                                     then n lines, the sampler's results:
//   <trial> <rung> <status> <objective> <fidelity> <from fidelity>
//   sampler                                      then the sampler's own state to the end.
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/lifecycle/state_reader.hpp"
#include "hpsearch/search/multifidelity/asha.hpp"

#include <string>

namespace hpsearch {

namespace {

constexpr std::string_view tag = "asha-scheduler";
constexpr std::string_view phases = "rpe"; // running, paused, ended

std::string header(std::string_view name, AshaVariant variant, std::size_t rungs,
                   std::size_t brackets) {
  return std::string(tag) + " 1 " + std::string(name) + " " +
         std::string(asha_variants.name_of(variant)) + " " + std::to_string(rungs) + " " +
         std::to_string(brackets);
}

} // namespace

std::string AshaScheduler::save_state() const {
  std::string out = header(name(), options_.variant, fidelities_.size(), rungs_.size()) +
                    (sampler_exhausted_ ? " 1\n" : " 0\n") + rng_.state() + "\ntrials " +
                    std::to_string(trials_.size()) + "\n";
  for (const Trial& t : trials_) {
    out += std::to_string(t.bracket) + " " + phases[static_cast<std::size_t>(t.phase)] + " ";
    append_config_text(out, t.config);
    out += "\n";
  }
  for (std::size_t b = 0; b < rungs_.size(); ++b) {
    for (std::size_t k = b; k < fidelities_.size(); ++k) {
      const Rung& rung = rungs_[b][k];
      out += "rung " + std::to_string(b) + " " + std::to_string(k) + " " +
             std::to_string(rung.size()) + "\n";
      for (const Rung::Entry& e : rung.entries()) {
        out += std::to_string(e.trial) + " " + real_token(e.value) + (e.ok ? " 1" : " 0") +
               (e.promoted ? " 1\n" : " 0\n");
      }
    }
  }
  out += "told " + std::to_string(told_.size()) + "\n";
  for (const Told& t : told_) {
    out += std::to_string(t.trial) + " " + std::to_string(t.rung) + " " +
           std::string(to_string(t.status)) + " " + real_token(t.objective) + " " +
           real_token(t.fidelity) + " " + real_token(t.from_fidelity) + "\n";
  }
  return out + "sampler\n" + sampler_->save_state();
}

void AshaScheduler::restore_state(const std::string& state) {
  StateReader in(state, "multi-fidelity scheduler state");
  const std::string first = in.line("header");
  const std::string expected = header(name(), options_.variant, fidelities_.size(), rungs_.size());
  if (first.rfind(expected + " ", 0) != 0) {
    if (first.rfind(std::string(tag) + " ", 0) != 0) in.corrupt("not an ASHA scheduler state");
    throw Error::input("the multi-fidelity scheduler state was saved with other settings ('" +
                       first + "'; this search: '" + expected + "')");
  }
  const bool exhausted = in.number<int>(in.fields(first, 7, "header")[6], "exhaustion flag") != 0;
  Rng rng = rng_;
  rng.set_state(in.line("random stream"));
  const std::string count_line = in.line("trials");
  const std::vector<std::string_view> count = in.fields(count_line, 2, "trials");
  if (count[0] != "trials") in.corrupt("expected 'trials'");
  const auto n = in.number<std::size_t>(count[1], "trial count");
  std::vector<Trial> trials;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string line = in.line("trial");
    const std::vector<std::string_view> tokens = split_tokens(line);
    if (tokens.size() < 3 || tokens[1].size() != 1 ||
        phases.find(tokens[1][0]) == std::string_view::npos) {
      in.corrupt("bad trial line '" + line + "'");
    }
    const auto bracket = in.number<std::size_t>(tokens[0], "bracket");
    if (bracket >= rungs_.size()) in.corrupt("bracket out of range in '" + line + "'");
    trials.push_back({parse_config_tokens(std::span(tokens).subspan(2)), bracket,
                      static_cast<Phase>(phases.find(tokens[1][0]))});
  }
  std::vector<std::vector<Rung>> rungs(rungs_.size(),
                                       std::vector<Rung>(fidelities_.size(), Rung(direction_)));
  for (std::size_t b = 0; b < rungs.size(); ++b) {
    for (std::size_t k = b; k < fidelities_.size(); ++k) {
      const std::string head_line = in.line("rung");
      const std::vector<std::string_view> head = in.fields(head_line, 4, "rung");
      if (head[0] != "rung" || in.number<std::size_t>(head[1], "bracket") != b ||
          in.number<std::size_t>(head[2], "rung") != k) {
        in.corrupt("expected rung " + std::to_string(b) + " " + std::to_string(k));
      }
      const auto m = in.number<std::size_t>(head[3], "rung size");
      for (std::size_t i = 0; i < m; ++i) {
        const std::string line = in.line("result");
        const std::vector<std::string_view> e = in.fields(line, 4, "result");
        const auto trial = in.number<TrialId>(e[0], "trial");
        if (trial < 0 || static_cast<std::size_t>(trial) >= trials.size()) {
          in.corrupt("unknown trial " + std::string(e[0]));
        }
        rungs[b][k].restore({trial, in.number<double>(e[1], "value"), e[2] == "1", e[3] == "1"});
      }
    }
  }
  const std::string told_line = in.line("told");
  const std::vector<std::string_view> told_head = in.fields(told_line, 2, "told");
  if (told_head[0] != "told") in.corrupt("expected 'told'");
  std::vector<Told> told(in.number<std::size_t>(told_head[1], "result count"));
  for (Told& t : told) {
    const std::string line = in.line("told result");
    const std::vector<std::string_view> e = in.fields(line, 6, "told result");
    t.trial = in.number<TrialId>(e[0], "trial");
    if (t.trial < 0 || static_cast<std::size_t>(t.trial) >= trials.size()) {
      in.corrupt("unknown trial " + std::string(e[0]));
    }
    t.rung = in.number<std::int32_t>(e[1], "rung");
    const std::optional<Status> status = status_from_string(e[2]);
    if (!status) in.corrupt("bad status '" + std::string(e[2]) + "'");
    t.status = *status;
    t.objective = in.number<double>(e[3], "objective");
    t.fidelity = in.number<double>(e[4], "fidelity");
    t.from_fidelity = in.number<double>(e[5], "from fidelity");
  }
  if (in.line("sampler") != "sampler") in.corrupt("expected 'sampler'");
  const std::string sampler_state = in.rest();
  rng_ = rng;
  trials_ = std::move(trials);
  rungs_ = std::move(rungs);
  told_ = std::move(told);
  sampler_exhausted_ = exhausted;
  // As a resume replays a strategy's rows, then restores its snapshot (runtime/resume_plan).
  for (const Told& t : told_) tell_sampler(t);
  sampler_->restore_state(sampler_state);
}

} // namespace hpsearch
