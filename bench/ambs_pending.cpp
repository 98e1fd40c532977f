// bench/ambs_pending: what it costs AMBS to forget a finished job.
//
// Every result removes its configuration from the pending (in-flight) list the constant liar,
// the believer and the penalizer read. With N workers up to N configurations are in flight,
// one removal per result. This program adds N random configurations of a 6-parameter space
// and removes them all, oldest first, in AMBS's Observations (by key) and in the plain
// vector + std::find it replaced (the baseline, measured in the same run), for several N. It
// prints process CPU seconds (the best of 3 runs, so the machine's load counts little) per
// N, the per-removal cost, and the growth from one N to the next: by key, 4x the jobs cost
// about 4x; by linear scan about 16x.
//
//   build/bench/ambs_pending [N ...]      default: 1024 4096 16384
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/ambs/observations.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

using hpsearch::Config;

double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

hpsearch::SearchSpace space6() {
  hpsearch::SearchSpace space;
  for (int i = 0; i < 6; ++i) {
    space.add(hpsearch::Parameter::real("x" + std::to_string(i), 0.0, 1.0));
  }
  return space;
}

std::vector<Config> configs(const hpsearch::SearchSpace& space, std::size_t n) {
  hpsearch::Rng rng(3);
  std::vector<Config> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(space.sample(rng));
  return out;
}

// Best-of-3 CPU seconds of `remove_all`, each run after a fresh `fill`.
template <typename Fill, typename RemoveAll> double best_of_three(Fill fill, RemoveAll remove_all) {
  double best = 1e300;
  for (int run = 0; run < 3; ++run) {
    fill();
    const double start = cpu_seconds();
    remove_all();
    best = std::min(best, cpu_seconds() - start);
  }
  return best;
}

struct Row {
  std::size_t n;
  double by_key;
  double scan;
};

Row measure(std::size_t n) {
  const hpsearch::SearchSpace space = space6();
  const std::vector<Config> in_flight = configs(space, n);
  hpsearch::Observations observations{space, hpsearch::Encoding::index,
                                      hpsearch::Direction::minimize, hpsearch::FailurePolicy::worst,
                                      hpsearch::Scaling::none};
  std::size_t missing = 0;
  const double by_key = best_of_three(
      [&] {
        observations.clear_pending();
        for (const Config& c : in_flight) observations.add_pending(c);
      },
      [&] {
        for (const Config& c : in_flight) missing += observations.remove_pending(c) ? 0 : 1;
      });
  std::vector<Config> pending;
  const double scan = best_of_three([&] { pending = in_flight; },
                                    [&] {
                                      for (const Config& c : in_flight) {
                                        const auto it =
                                            std::find(pending.begin(), pending.end(), c);
                                        if (it == pending.end()) {
                                          ++missing;
                                        } else {
                                          pending.erase(it);
                                        }
                                      }
                                    });
  if (missing != 0 || observations.pending_size() != 0 || !pending.empty()) {
    std::fprintf(stderr, "ambs_pending: %zu removals found nothing at N=%zu\n", missing, n);
    std::exit(1);
  }
  return {n, by_key, scan};
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) {
    char* end = nullptr;
    const unsigned long long n = std::strtoull(argv[i], &end, 10);
    if (end == argv[i] || *end != '\0' || n == 0) {
      std::fprintf(stderr, "ambs_pending: '%s' is not a positive count of jobs in flight\n",
                   argv[i]);
      return 2;
    }
    sizes.push_back(static_cast<std::size_t>(n));
  }
  if (sizes.empty()) sizes = {1024, 4096, 16384};
  std::printf("%10s %14s %14s %10s %12s %12s %10s\n", "in_flight", "by_key_s", "scan_s", "scan/key",
              "key_us/rm", "key_growth", "scan_growth");
  const Row* previous = nullptr;
  std::vector<Row> rows;
  rows.reserve(sizes.size());
  for (std::size_t n : sizes) {
    rows.push_back(measure(n));
    const Row& r = rows.back();
    const double per = 1e6 * r.by_key / static_cast<double>(r.n);
    if (previous != nullptr) {
      std::printf("%10zu %14.6f %14.6f %10.1f %12.3f %12.2f %10.2f\n", r.n, r.by_key, r.scan,
                  r.scan / r.by_key, per, r.by_key / previous->by_key, r.scan / previous->scan);
    } else {
      std::printf("%10zu %14.6f %14.6f %10.1f %12.3f %12s %10s\n", r.n, r.by_key, r.scan,
                  r.scan / r.by_key, per, "-", "-");
    }
    previous = &rows.back();
  }
  return 0;
}
