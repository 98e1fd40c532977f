#include "hpsearch/sched/stop_signals.hpp"

#include "hpsearch/core/error.hpp"

#include <atomic>
#include <csignal>
#include <ctime>
#include <signal.h>

namespace hpsearch {

namespace {

constexpr int kSignals[] = {SIGTERM, SIGINT, SIGUSR1};

// The signal flag (see the header for why it is global). Lock-free, so async-signal-safe.
std::atomic<int> g_received{0};
std::atomic<int> g_count{0};
std::atomic<long long> g_first_ns{0}; ///< CLOCK_MONOTONIC nanoseconds of the first signal
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<long long>::is_always_lock_free);

// The handlers in place before ours, restored by ~StopSignals. Written only by the
// constructor and destructor of the single instance, never by the handler.
struct sigaction g_previous[std::size(kSignals)];
std::atomic<bool> g_installed{false};

extern "C" void on_stop_signal(int signal) {
  int expected = 0;
  if (g_received.compare_exchange_strong(expected, signal)) {
    timespec now{}; // clock_gettime is async-signal-safe; steady_clock reads the same clock
    clock_gettime(CLOCK_MONOTONIC, &now);
    g_first_ns = static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
  }
  g_count.fetch_add(1);
}

} // namespace

StopSignals::StopSignals() {
  if (g_installed.exchange(true)) {
    throw Error::internal("StopSignals: only one instance may exist");
  }
  g_received = 0;
  g_count = 0;
  g_first_ns = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART; // a signal never makes a system call fail with EINTR
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    sigaction(kSignals[i], &action, &g_previous[i]);
  }
}

StopSignals::~StopSignals() {
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    sigaction(kSignals[i], &g_previous[i], nullptr);
  }
  g_installed = false;
}

int StopSignals::received() const {
  return g_received.load();
}

int StopSignals::count() const {
  return g_count.load();
}

double StopSignals::received_at() const {
  return static_cast<double>(g_first_ns.load()) * 1e-9;
}

std::string StopSignals::name(int signal) {
  switch (signal) {
  case SIGTERM:
    return "SIGTERM";
  case SIGINT:
    return "SIGINT";
  case SIGUSR1:
    return "SIGUSR1";
  }
  return "signal " + std::to_string(signal);
}

} // namespace hpsearch
