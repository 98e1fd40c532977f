#include "hpsearch/store/resume_state.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace hpsearch {

namespace {

constexpr std::string_view kHeader = "hpsearch-state 3";
/// Version 2: the jobs in flight listed in the state itself.
constexpr std::string_view kHeaderV2 = "hpsearch-state 2";
/// Version 1 (before trials): job lines without trial, from_fidelity and rung.
constexpr std::string_view kHeaderV1 = "hpsearch-state 1";

[[noreturn]] void malformed(const std::string& what) {
  throw Error::input("the checkpoint's /state is malformed: " + what);
}

/// Splits the payload into space-separated tokens, line by line.
class Cursor {
public:
  explicit Cursor(std::string_view text) : text_(text) {}

  std::string_view line() {
    if (pos_ >= text_.size()) malformed("it ends early");
    const auto end = text_.find('\n', pos_);
    if (end == std::string_view::npos) malformed("a line is not terminated");
    const auto line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return line;
  }
  bool done() const { return pos_ == text_.size(); }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

template <class T> T number(std::string_view text, const char* what) {
  const auto value = number_token<T>(text);
  if (!value) malformed(std::string(what) + " '" + std::string(text) + "' is not a number");
  return *value;
}

template <class T> T keyed(Cursor& in, std::string_view key) {
  const auto t = split_tokens(in.line());
  if (t.size() != 2 || t[0] != key) malformed("expected '" + std::string(key) + " <value>'");
  return number<T>(t[1], key.data());
}

PendingJob parse_job(std::string_view line, bool with_trial) {
  const auto t = split_tokens(line);
  const std::size_t host = with_trial ? 8 : 5; // the host's token; the configuration follows
  if (t.size() < host + 2) malformed("a job line has " + std::to_string(t.size()) + " fields");
  PendingJob job;
  job.id = number<JobId>(t[0], "job id");
  job.fidelity = number<double>(t[1], "fidelity");
  job.submitted_at = number<double>(t[2], "submitted_at");
  job.worker_rank = number<int>(t[3], "worker_rank");
  job.requeue_of = number<JobId>(t[4], "requeue_of");
  if (with_trial) {
    job.trial = number<TrialId>(t[5], "trial");
    job.from_fidelity = number<double>(t[6], "from_fidelity");
    job.rung = number<std::int32_t>(t[7], "rung");
  }
  try {
    job.host = unescape_token(t[host]);
    job.config = parse_config_tokens(std::span(t).subspan(host + 1));
  } catch (const Error& e) {
    malformed("job " + std::to_string(job.id) + ": " + e.what());
  }
  return job;
}

std::vector<PendingJob> jobs(Cursor& in, std::string_view key, bool with_trial) {
  const auto n = keyed<std::size_t>(in, key);
  std::vector<PendingJob> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(parse_job(in.line(), with_trial));
  return out;
}

} // namespace

std::string encode_job_line(const PendingJob& job) {
  std::string out = std::to_string(job.id) + ' ' + real_token(job.fidelity) + ' ' +
                    real_token(job.submitted_at) + ' ' + std::to_string(job.worker_rank) + ' ' +
                    std::to_string(job.requeue_of) + ' ' + std::to_string(job.trial) + ' ' +
                    real_token(job.from_fidelity) + ' ' + std::to_string(job.rung) + ' ' +
                    escape_token(job.host) + ' ';
  append_config_text(out, job.config);
  out += '\n';
  return out;
}

namespace {

/// The lines after the jobs in flight, common to versions 2 and 3.
void encode_tail(std::string& out, std::string_view requeue_lines, std::size_t requeue_count,
                 std::uint64_t snapshot, std::int64_t snapshot_rows, std::string_view ops,
                 std::size_t ops_count, std::int64_t curves) {
  out += "requeue " + std::to_string(requeue_count) + '\n';
  out += requeue_lines;
  out += "snapshot " + std::to_string(snapshot) + ' ' + std::to_string(snapshot_rows) + '\n';
  out += "ops " + std::to_string(ops_count) + '\n';
  out += ops;
  out += "\ncurves " + std::to_string(curves) + '\n';
}

std::string encode_head(std::string_view header, double saved_at, JobId next_id, std::int64_t rows,
                        std::size_t reserve) {
  std::string out;
  out.reserve(200 + reserve);
  out += header;
  out += "\nsaved_at " + real_token(saved_at) + "\nnext_id " + std::to_string(next_id) + "\nrows " +
         std::to_string(rows) + '\n';
  return out;
}

} // namespace

std::string job_sent_record(std::string_view job_line) {
  std::string out;
  out.reserve(job_line.size() + 1);
  out += '+';
  out += job_line;
  return out;
}

std::string job_ended_record(JobId id) {
  return '-' + std::to_string(id) + '\n';
}

std::vector<PendingJob> replay_job_log(std::string_view log) {
  std::map<JobId, PendingJob> live;
  Cursor in(log);
  while (!in.done()) {
    const std::string_view line = in.line();
    if (line.empty()) malformed("the job log has an empty record");
    if (line[0] == '+') {
      PendingJob job = parse_job(line.substr(1), true);
      const JobId id = job.id;
      live.insert_or_assign(id, std::move(job));
    } else if (line[0] == '-') {
      live.erase(number<JobId>(line.substr(1), "ended job id"));
    } else {
      malformed("the job log has an unknown record '" + std::string(line.substr(0, 20)) + "'");
    }
  }
  std::vector<PendingJob> out;
  out.reserve(live.size());
  for (auto& [id, job] : live) out.push_back(std::move(job));
  return out;
}

std::string encode_state(double saved_at, JobId next_id, std::int64_t rows, const JobLogRef& jobs,
                         std::string_view requeue_lines, std::size_t requeue_count,
                         std::uint64_t snapshot, std::int64_t snapshot_rows, std::string_view ops,
                         std::size_t ops_count, std::int64_t curves) {
  std::string out =
      encode_head(kHeader, saved_at, next_id, rows, requeue_lines.size() + ops.size());
  out += "jobs " + std::to_string(jobs.index) + ' ' + std::to_string(jobs.length) + ' ' +
         std::to_string(jobs.checksum) + '\n';
  encode_tail(out, requeue_lines, requeue_count, snapshot, snapshot_rows, ops, ops_count, curves);
  return out;
}

std::string encode_state(const ResumeState& state) {
  std::string requeue;
  for (const auto& job : state.requeue) requeue += encode_job_line(job);
  std::string ops;
  for (const auto& op : state.ops) ops += (ops.empty() ? "" : " ") + op;
  if (state.jobs.index >= 0) {
    return encode_state(state.saved_at, state.next_id, state.rows, state.jobs, requeue,
                        state.requeue.size(), state.snapshot, state.snapshot_rows, ops,
                        state.ops.size(), state.curves);
  }
  std::string in_flight;
  for (const auto& job : state.in_flight) in_flight += encode_job_line(job);
  std::string out =
      encode_head(kHeaderV2, state.saved_at, state.next_id, state.rows, in_flight.size());
  out += "in_flight " + std::to_string(state.in_flight.size()) + '\n';
  out += in_flight;
  encode_tail(out, requeue, state.requeue.size(), state.snapshot, state.snapshot_rows, ops,
              state.ops.size(), state.curves);
  return out;
}

ResumeState decode_state(std::string_view payload) {
  Cursor in(payload);
  const std::string_view header = in.line();
  if (header != kHeader && header != kHeaderV2 && header != kHeaderV1) {
    malformed("it does not start with '" + std::string(kHeader) + "'");
  }
  const bool with_trial = header != kHeaderV1;
  ResumeState state;
  state.saved_at = keyed<double>(in, "saved_at");
  state.next_id = keyed<JobId>(in, "next_id");
  state.rows = keyed<std::int64_t>(in, "rows");
  if (header == kHeader) {
    const auto t = split_tokens(in.line());
    if (t.size() != 4 || t[0] != "jobs") malformed("expected 'jobs <index> <length> <checksum>'");
    state.jobs.index = number<int>(t[1], "job log index");
    if (state.jobs.index != 0 && state.jobs.index != 1) malformed("job log index is not 0 or 1");
    state.jobs.length = number<std::uint64_t>(t[2], "job log length");
    state.jobs.checksum = number<std::uint64_t>(t[3], "job log checksum");
  } else {
    state.in_flight = jobs(in, "in_flight", with_trial);
  }
  state.requeue = jobs(in, "requeue", with_trial);
  const auto snapshot = split_tokens(in.line());
  if (snapshot.size() != 3 || snapshot[0] != "snapshot")
    malformed("expected 'snapshot <seq> <rows>'");
  state.snapshot = number<std::uint64_t>(snapshot[1], "snapshot");
  state.snapshot_rows = number<std::int64_t>(snapshot[2], "snapshot rows");
  const auto n = keyed<std::size_t>(in, "ops");
  const auto ops = in.line();
  if (n > 0) {
    for (const auto op : split_tokens(ops)) {
      if (op != "a" && (op.size() < 2 || (op[0] != 't' && op[0] != 'a'))) {
        malformed("unknown strategy call '" + std::string(op) + "'");
      }
      if (op.size() > 1) number<JobId>(op.substr(1), op[0] == 't' ? "told id" : "asked id");
      state.ops.emplace_back(op);
    }
  } else if (!ops.empty()) {
    malformed("ops 0 with calls listed");
  }
  if (state.ops.size() != n) malformed("ops count " + std::to_string(n) + " does not match");
  if (!in.done()) state.curves = keyed<std::int64_t>(in, "curves");
  if (!in.done()) malformed("it has bytes after the curves");
  return state;
}

} // namespace hpsearch
