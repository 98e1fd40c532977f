#include "hpsearch/eval/host_protocol.hpp"

#include "hpsearch/core/error.hpp"

#include <bit>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace hpsearch {

namespace {

static_assert(std::endian::native == std::endian::little, "the frame format is little-endian");

enum class Kind : std::uint8_t { init = 1, ready, job, progress, stop, result };
enum class ValueTag : std::uint8_t { integer = 1, real, boolean, text };

class Writer {
public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  std::string frame() const {
    const auto size = static_cast<std::uint32_t>(out_.size());
    std::string framed(sizeof size, '\0');
    std::memcpy(framed.data(), &size, sizeof size);
    return framed + out_;
  }

private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::int64_t i64() { return fixed<std::int64_t>(); }
  std::uint64_t u64() { return fixed<std::uint64_t>(); }
  double f64() { return fixed<double>(); }
  std::string str() {
    const std::uint64_t n = u64();
    if (n > in_.size()) fail("a string runs past the frame");
    return std::string(take(static_cast<std::size_t>(n)));
  }
  void finish() const {
    if (!in_.empty()) fail("bytes left over after the message");
  }
  [[noreturn]] static void fail(const std::string& what) {
    throw Error::internal("evaluation host protocol: malformed frame: " + what);
  }

private:
  template <class T> T fixed() {
    T v{};
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string_view take(std::size_t n) {
    if (n > in_.size()) fail("the frame ends early");
    const std::string_view bytes = in_.substr(0, n);
    in_.remove_prefix(n);
    return bytes;
  }
  std::string_view in_;
};

void put_value(Writer& w, const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    w.u8(static_cast<std::uint8_t>(ValueTag::integer));
    w.i64(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    w.u8(static_cast<std::uint8_t>(ValueTag::real));
    w.f64(*d);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    w.u8(static_cast<std::uint8_t>(ValueTag::boolean));
    w.u8(*b ? 1 : 0);
  } else {
    w.u8(static_cast<std::uint8_t>(ValueTag::text));
    w.str(std::get<std::string>(value));
  }
}

Value get_value(Reader& r) {
  switch (static_cast<ValueTag>(r.u8())) {
  case ValueTag::integer:
    return r.i64();
  case ValueTag::real:
    return r.f64();
  case ValueTag::boolean:
    return r.u8() != 0;
  case ValueTag::text:
    return r.str();
  }
  Reader::fail("unknown value tag");
}

struct Encoder {
  Writer& w;
  void operator()(const HostInit& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::init));
    w.str(m.problem_text);
    w.str(m.problem_origin);
    w.str(m.workdir);
    w.i64(m.rank);
    w.str(m.host);
    w.i64(m.local_rank);
    w.i64(m.local_size);
    w.str(m.device);
    w.str(m.trial_root);
  }
  void operator()(const HostReady& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::ready));
    w.str(m.error);
    w.i64(m.exit_code);
  }
  void operator()(const Job& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::job));
    w.i64(m.id);
    w.u64(m.config.size());
    for (const auto& [name, value] : m.config.entries()) {
      w.str(name);
      put_value(w, value);
    }
    w.f64(m.fidelity);
    w.i64(m.trial);
    w.f64(m.from_fidelity);
    w.i64(m.donor);
    w.u64(m.seed);
    w.f64(m.timeout);
  }
  void operator()(const HostProgress& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::progress));
    w.f64(m.step);
    w.f64(m.value);
  }
  void operator()(const HostStop& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::stop));
    w.u8(static_cast<std::uint8_t>(m.decision));
  }
  void operator()(const HostResult& m) const {
    w.u8(static_cast<std::uint8_t>(Kind::result));
    w.i64(static_cast<std::int64_t>(m.outcome.status));
    w.f64(m.outcome.objective);
    w.f64(m.outcome.started_at);
    w.f64(m.outcome.finished_at);
    w.str(m.outcome.message);
    w.str(m.outcome.metadata);
  }
};

HostMessage decode_payload(std::string_view payload) {
  Reader r(payload);
  HostMessage message;
  switch (static_cast<Kind>(r.u8())) {
  case Kind::init: {
    HostInit m;
    m.problem_text = r.str();
    m.problem_origin = r.str();
    m.workdir = r.str();
    m.rank = r.i64();
    m.host = r.str();
    m.local_rank = r.i64();
    m.local_size = r.i64();
    m.device = r.str();
    m.trial_root = r.str();
    message = std::move(m);
    break;
  }
  case Kind::ready: {
    HostReady m;
    m.error = r.str();
    m.exit_code = r.i64();
    message = std::move(m);
    break;
  }
  case Kind::job: {
    Job m;
    m.id = r.i64();
    const std::uint64_t n = r.u64();
    if (n > payload.size()) Reader::fail("more parameters than bytes");
    for (std::uint64_t i = 0; i < n; ++i) {
      std::string name = r.str();
      m.config.set(name, get_value(r));
    }
    m.fidelity = r.f64();
    m.trial = r.i64();
    m.from_fidelity = r.f64();
    m.donor = r.i64();
    m.seed = r.u64();
    m.timeout = r.f64();
    message = std::move(m);
    break;
  }
  case Kind::progress: {
    HostProgress m;
    m.step = r.f64();
    m.value = r.f64();
    message = m;
    break;
  }
  case Kind::stop: {
    const std::uint8_t decision = r.u8();
    if (decision != static_cast<std::uint8_t>(ReportDecision::stop) &&
        decision != static_cast<std::uint8_t>(ReportDecision::pause)) {
      Reader::fail("unknown stop decision " + std::to_string(decision));
    }
    message = HostStop{static_cast<ReportDecision>(decision)};
    break;
  }
  case Kind::result: {
    HostResult m;
    const std::int64_t status = r.i64();
    if (status < 0 || status > static_cast<std::int64_t>(Status::lost)) {
      Reader::fail("unknown status " + std::to_string(status));
    }
    m.outcome.status = static_cast<Status>(status);
    m.outcome.objective = r.f64();
    m.outcome.started_at = r.f64();
    m.outcome.finished_at = r.f64();
    m.outcome.message = r.str();
    m.outcome.metadata = r.str();
    message = std::move(m);
    break;
  }
  default:
    Reader::fail("unknown message kind");
  }
  r.finish();
  return message;
}

} // namespace

std::string encode(const HostMessage& message) {
  Writer w;
  std::visit(Encoder{w}, message);
  return w.frame();
}

void HostDecoder::feed(std::string_view bytes) {
  buffer_.append(bytes);
}

std::optional<HostMessage> HostDecoder::next() {
  std::uint32_t size = 0;
  if (buffer_.size() < sizeof size) return std::nullopt;
  std::memcpy(&size, buffer_.data(), sizeof size);
  if (size > kMaxFrame) Reader::fail("a frame of " + std::to_string(size) + " bytes");
  if (buffer_.size() < sizeof size + size) return std::nullopt;
  HostMessage message = decode_payload(std::string_view(buffer_).substr(sizeof size, size));
  buffer_.erase(0, sizeof size + size);
  return message;
}

bool send_message(int socket, const HostMessage& message) {
  const std::string frame = encode(message);
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t n = ::send(socket, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd fd{socket, POLLOUT, 0};
      ::poll(&fd, 1, 100);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return false;
    }
  }
  return true;
}

bool receive_available(int socket, HostDecoder& decoder) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(socket, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      decoder.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

} // namespace hpsearch
