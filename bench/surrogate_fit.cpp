// surrogate_fit: fit and predict times of the surrogates on d = 6 (sum of sines), one line
// per configuration: forests of 50 trees ("et", "rf") at n = 100 .. 20,000, single thread,
// then with max_samples = 2000 and with 2 threads at n = 20,000; the GP at small n.
//   surrogate_fit [REPEATS]   (default 5; the best time of the repeats is printed)
#include "hpsearch/core/rng.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

using namespace hpsearch;

namespace {

Eigen::MatrixXd points(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) x(i, j) = rng.uniform();
  return x;
}

Eigen::VectorXd targets(const Eigen::MatrixXd& x) {
  Eigen::VectorXd y(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    y[i] = 0.0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) y[i] += std::sin(4.0 * x(i, j) + j);
  }
  return y;
}

double best_ms(int repeats, const std::function<void()>& run) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

void measure(const char* name, const SurrogateOptions& options, Eigen::Index n, int repeats,
             const char* note) {
  const Eigen::Index d = 6;
  const Eigen::MatrixXd x = points(n, d, 1);
  const Eigen::VectorXd y = targets(x);
  const Eigen::MatrixXd q1 = points(1000, d, 2);
  const Eigen::MatrixXd q10 = points(10000, d, 3);
  auto model = make_regressor(name, options, std::vector<FeatureKind>(d));
  const double fit = best_ms(repeats, [&] { model->fit(x, y, 7); });
  const double p1 = best_ms(repeats, [&] { model->predict(q1); });
  const double p10 = best_ms(repeats, [&] { model->predict(q10); });
  std::printf("%-3s n=%-6ld %-28s fit %9.2f ms   predict 1k %7.2f ms   predict 10k %8.2f ms\n",
              name, static_cast<long>(n), note, fit, p1, p10);
  std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  SurrogateOptions options; // 50 trees, all features, threads 1
  for (const char* name : {"et", "rf"}) {
    for (const Eigen::Index n : {100, 1000, 5000, 20000})
      measure(name, options, n, n >= 20000 ? std::max(1, repeats / 2) : repeats,
              "(50 trees, 1 thread)");
    SurrogateOptions capped = options;
    capped.max_samples = 2000;
    measure(name, capped, 20000, repeats, "(max_samples 2000)");
    SurrogateOptions two = options;
    two.threads = 2;
    measure(name, two, 20000, std::max(1, repeats / 2), "(2 threads)");
  }
  for (const Eigen::Index n : {50, 200, 1000}) measure("gp", options, n, 1, "");
  return 0;
}
