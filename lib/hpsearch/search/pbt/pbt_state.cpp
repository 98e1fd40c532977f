// PbtScheduler::save_state / restore_state. Lines of space-separated tokens:
//   pbt-scheduler 1 <population> <synchronous 0|1> <sampler exhausted 0|1>
//   <random stream state>
//   members <n>                                  then n lines:
//   <latest> <score> <at> <waiting 0|1> <done 0|1>
//   segments <n>                                 then n lines:
//   <member> <donor> <from> <to> <copies> <phase q|r|p|e> <configuration (core/config_text.hpp)>
//   queue <n> <trial>...
//   retired <n> <trial>...
//   scores <n> <score>...                        each segment's (nan: none); absent in states
//                                                saved before PB2 (then all nan)
//   sampler                                      then the sampler's own state to the end.
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/lifecycle/state_reader.hpp"
#include "hpsearch/search/pbt/pbt_scheduler.hpp"

#include <iterator>
#include <string>

namespace hpsearch {

namespace {

constexpr std::string_view tag = "pbt-scheduler";
constexpr std::string_view phases = "qrpe"; // queued, running, paused, ended

std::string header(const PbtOptions& pbt) {
  return std::string(tag) + " 1 " + std::to_string(pbt.population) +
         (pbt.synchronous ? " 1" : " 0");
}

std::string id_list(std::string_view name, auto begin, auto end) {
  std::string out(name);
  out += " " + std::to_string(std::distance(begin, end));
  for (auto it = begin; it != end; ++it) out += " " + std::to_string(*it);
  return out + "\n";
}

/// "<name> <n> <id>...": the ids, each below `limit`.
std::vector<TrialId> read_id_list(const StateReader& r, const std::string& line,
                                  std::string_view name, std::size_t limit) {
  const std::vector<std::string_view> tokens = split_tokens(line);
  if (tokens.size() < 2 || tokens[0] != name) r.corrupt("expected '" + std::string(name) + "'");
  const auto n = r.number<std::size_t>(tokens[1], "count");
  if (tokens.size() != n + 2) r.corrupt("bad '" + std::string(name) + "' line '" + line + "'");
  std::vector<TrialId> ids;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = r.number<TrialId>(tokens[i + 2], "trial");
    if (id < 0 || static_cast<std::size_t>(id) >= limit) r.corrupt("unknown trial " + line);
    ids.push_back(id);
  }
  return ids;
}

} // namespace

std::string PbtScheduler::save_state() const {
  std::string out = header(options_.pbt) + (sampler_exhausted_ ? " 1\n" : " 0\n") + rng_.state() +
                    "\nmembers " + std::to_string(members_.size()) + "\n";
  for (const Member& m : members_) {
    out += std::to_string(m.latest) + " " + real_token(m.score) + " " + real_token(m.at) +
           (m.waiting ? " 1" : " 0") + (m.done ? " 1\n" : " 0\n");
  }
  out += "segments " + std::to_string(segments_.size()) + "\n";
  for (const Segment& s : segments_) {
    out += std::to_string(s.member) + " " + std::to_string(s.donor) + " " + real_token(s.from) +
           " " + real_token(s.to) + " " + std::to_string(s.copies) + " " +
           phases[static_cast<std::size_t>(s.phase)] + " ";
    append_config_text(out, s.config);
    out += "\n";
  }
  out += id_list("queue", queue_.begin(), queue_.end());
  out += id_list("retired", retired_.begin(), retired_.end());
  out += "scores " + std::to_string(segments_.size());
  for (const Segment& s : segments_) out += " " + real_token(s.score);
  out += "\n";
  return out + "sampler\n" + sampler_.save_state();
}

void PbtScheduler::restore_state(const std::string& state) {
  StateReader in(state, "PBT scheduler state");
  const std::string first = in.line("header");
  const std::string expected = header(options_.pbt);
  if (first.rfind(expected + " ", 0) != 0) {
    if (first.rfind(std::string(tag) + " ", 0) != 0) in.corrupt("not a PBT scheduler state");
    throw Error::input("the PBT scheduler state was saved with other settings ('" + first +
                       "'; this search: '" + expected + "')");
  }
  const std::vector<std::string_view> head = split_tokens(first);
  if (head.size() != 5) in.corrupt("bad header '" + first + "'");
  const bool exhausted = head[4] == "1";
  Rng rng = rng_;
  rng.set_state(in.line("random stream"));
  std::vector<Member> members(in.count("members"));
  for (Member& m : members) {
    const std::string line = in.line("member");
    const std::vector<std::string_view> t = split_tokens(line);
    if (t.size() != 5) in.corrupt("bad member line '" + line + "'");
    m.latest = in.number<TrialId>(t[0], "trial");
    m.score = in.number<double>(t[1], "score");
    m.at = in.number<double>(t[2], "fidelity");
    m.waiting = t[3] == "1";
    m.done = t[4] == "1";
  }
  std::vector<Segment> segments(in.count("segments"));
  for (Segment& s : segments) {
    const std::string line = in.line("segment");
    const std::vector<std::string_view> t = split_tokens(line);
    if (t.size() < 6 || t[5].size() != 1 || phases.find(t[5][0]) == std::string_view::npos) {
      in.corrupt("bad segment line '" + line + "'");
    }
    s.member = in.number<std::size_t>(t[0], "member");
    if (s.member >= members.size()) in.corrupt("unknown member in '" + line + "'");
    s.donor = in.number<TrialId>(t[1], "donor");
    if (s.donor >= static_cast<TrialId>(segments.size()))
      in.corrupt("unknown donor in '" + line + "'");
    s.from = in.number<double>(t[2], "from");
    s.to = in.number<double>(t[3], "to");
    s.copies = in.number<std::int64_t>(t[4], "copies");
    s.phase = static_cast<Phase>(phases.find(t[5][0]));
    s.config = parse_config_tokens(std::span(t).subspan(6));
  }
  for (const Member& m : members) {
    if (m.latest >= static_cast<TrialId>(segments.size())) in.corrupt("unknown latest trial");
  }
  const std::vector<TrialId> queue = read_id_list(in, in.line("queue"), "queue", segments.size());
  std::vector<TrialId> retired = read_id_list(in, in.line("retired"), "retired", segments.size());
  std::string line = in.line("sampler");
  if (line.rfind("scores ", 0) == 0) {
    const std::vector<std::string_view> t = split_tokens(line);
    if (t.size() != segments.size() + 2 || in.number<std::size_t>(t[1], "count") != segments.size())
      in.corrupt("bad 'scores' line '" + line + "'");
    for (std::size_t i = 0; i < segments.size(); ++i) {
      segments[i].score = in.number<double>(t[i + 2], "score");
    }
    line = in.line("sampler");
  }
  if (line != "sampler") in.corrupt("expected 'sampler'");
  const std::string sampler_state = in.rest();
  sampler_.restore_state(sampler_state);
  rng_ = rng;
  members_ = std::move(members);
  segments_ = std::move(segments);
  queue_.assign(queue.begin(), queue.end());
  retired_ = std::move(retired);
  sampler_exhausted_ = exhausted;
}

} // namespace hpsearch
