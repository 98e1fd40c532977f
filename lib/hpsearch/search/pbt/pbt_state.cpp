// PbtScheduler::save_state / restore_state. Lines of space-separated tokens:
//   pbt-scheduler 1 <population> <synchronous 0|1> <sampler exhausted 0|1>
//   <random stream state>
//   members <n>                                  then n lines:
//   <latest> <score> <at> <waiting 0|1> <done 0|1>
//   segments <n>                                 then n lines:
//   <member> <donor> <from> <to> <copies> <phase q|r|p|e> <configuration (core/config_text.hpp)>
//   queue <n> <trial>...
//   retired <n> <trial>...
//   sampler                                      then the sampler's own state to the end.
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/pbt_scheduler.hpp"

#include <iterator>
#include <sstream>
#include <string>

namespace hpsearch {

namespace {

constexpr std::string_view tag = "pbt-scheduler";
constexpr std::string_view phases = "qrpe"; // queued, running, paused, ended

[[noreturn]] void corrupt(const std::string& what) {
  throw Error::input("PBT scheduler state is corrupt: " + what);
}

std::string next_line(std::istream& in, const char* what) {
  std::string line;
  if (!std::getline(in, line)) corrupt(std::string("missing ") + what);
  return line;
}

template <class T> T number(std::string_view token, const char* what) {
  const std::optional<T> value = number_token<T>(token);
  if (!value) corrupt(std::string("bad ") + what + " '" + std::string(token) + "'");
  return *value;
}

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
std::vector<TrialId> read_id_list(const std::string& line, std::string_view name,
                                  std::size_t limit) {
  const std::vector<std::string_view> tokens = split_tokens(line);
  if (tokens.size() < 2 || tokens[0] != name) corrupt("expected '" + std::string(name) + "'");
  const auto n = number<std::size_t>(tokens[1], "count");
  if (tokens.size() != n + 2) corrupt("bad '" + std::string(name) + "' line '" + line + "'");
  std::vector<TrialId> ids;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = number<TrialId>(tokens[i + 2], "trial");
    if (id < 0 || static_cast<std::size_t>(id) >= limit) corrupt("unknown trial " + line);
    ids.push_back(id);
  }
  return ids;
}

std::size_t count_line(std::istream& in, std::string_view name) {
  const std::string line = next_line(in, name.data());
  const std::vector<std::string_view> tokens = split_tokens(line);
  if (tokens.size() != 2 || tokens[0] != name) corrupt("expected '" + std::string(name) + "'");
  return number<std::size_t>(tokens[1], "count");
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
  return out + "sampler\n" + sampler_.save_state();
}

void PbtScheduler::restore_state(const std::string& state) {
  std::istringstream in(state);
  const std::string first = next_line(in, "header");
  const std::string expected = header(options_.pbt);
  if (first.rfind(expected + " ", 0) != 0) {
    if (first.rfind(std::string(tag) + " ", 0) != 0) corrupt("not a PBT scheduler state");
    throw Error::input("the PBT scheduler state was saved with other settings ('" + first +
                       "'; this search: '" + expected + "')");
  }
  const std::vector<std::string_view> head = split_tokens(first);
  if (head.size() != 5) corrupt("bad header '" + first + "'");
  const bool exhausted = head[4] == "1";
  Rng rng = rng_;
  rng.set_state(next_line(in, "random stream"));
  std::vector<Member> members(count_line(in, "members"));
  for (Member& m : members) {
    const std::string line = next_line(in, "member");
    const std::vector<std::string_view> t = split_tokens(line);
    if (t.size() != 5) corrupt("bad member line '" + line + "'");
    m.latest = number<TrialId>(t[0], "trial");
    m.score = number<double>(t[1], "score");
    m.at = number<double>(t[2], "fidelity");
    m.waiting = t[3] == "1";
    m.done = t[4] == "1";
  }
  std::vector<Segment> segments(count_line(in, "segments"));
  for (Segment& s : segments) {
    const std::string line = next_line(in, "segment");
    const std::vector<std::string_view> t = split_tokens(line);
    if (t.size() < 6 || t[5].size() != 1 || phases.find(t[5][0]) == std::string_view::npos) {
      corrupt("bad segment line '" + line + "'");
    }
    s.member = number<std::size_t>(t[0], "member");
    if (s.member >= members.size()) corrupt("unknown member in '" + line + "'");
    s.donor = number<TrialId>(t[1], "donor");
    if (s.donor >= static_cast<TrialId>(segments.size()))
      corrupt("unknown donor in '" + line + "'");
    s.from = number<double>(t[2], "from");
    s.to = number<double>(t[3], "to");
    s.copies = number<std::int64_t>(t[4], "copies");
    s.phase = static_cast<Phase>(phases.find(t[5][0]));
    s.config = parse_config_tokens(std::span(t).subspan(6));
  }
  for (const Member& m : members) {
    if (m.latest >= static_cast<TrialId>(segments.size())) corrupt("unknown latest trial");
  }
  const std::vector<TrialId> queue = read_id_list(next_line(in, "queue"), "queue", segments.size());
  std::vector<TrialId> retired = read_id_list(next_line(in, "retired"), "retired", segments.size());
  if (next_line(in, "sampler") != "sampler") corrupt("expected 'sampler'");
  const std::string sampler_state((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  sampler_.restore_state(sampler_state);
  rng_ = rng;
  members_ = std::move(members);
  segments_ = std::move(segments);
  queue_.assign(queue.begin(), queue.end());
  retired_ = std::move(retired);
  sampler_exhausted_ = exhausted;
}

} // namespace hpsearch
