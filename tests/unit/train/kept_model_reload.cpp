// kept_model_reload MODEL FORMAT SUBSET VALIDATION_FRACTION SPLIT_SEED: loads a kept model
// (train/kept_model.hpp, as `hpsearch export-model` writes it) with nothing but the file,
// rebuilds the validation split the search used, and prints the accuracy it measures next
// to the one recorded in the file: "recorded <x> measured <y> evaluation <id> params <n>".
// The end-to-end test (tests/mpi/test_architecture.py) compares both with the checkpoint.
#include "hpsearch/core/error.hpp"
#include "hpsearch/train/kept_model.hpp"
#include "hpsearch/train/split.hpp"

#include <c10/core/InferenceMode.h>
#include <cstdio>
#include <exception>
#include <string>
#include <torch/utils.h>

int main(int argc, char** argv) {
  using namespace hpsearch;
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s MODEL FORMAT SUBSET VALIDATION_FRACTION SPLIT_SEED\n", argv[0]);
    return 2;
  }
  try {
    torch::set_num_threads(1);
    const train::KeptModel kept = train::load_kept_model(argv[1]);
    train::DataSpec spec;
    spec.format = argv[2];
    spec.subset = std::stoll(argv[3]);
    spec.validation_fraction = std::stod(argv[4]);
    spec.split_seed = std::stoull(argv[5]);
    const train::Split split = train::load_split(spec);
    const train::Dataset& v = split.validation;
    std::vector<std::int64_t> shape{static_cast<std::int64_t>(v.size())};
    shape.insert(shape.end(), v.sample_shape.begin(), v.sample_shape.end());
    const auto x = torch::from_blob(const_cast<float*>(v.features.data()), shape, torch::kFloat32)
                       .clone()
                       .sub_(kept.mean)
                       .div_(kept.deviation);
    const auto y = torch::from_blob(const_cast<std::int64_t*>(v.labels.data()),
                                    {static_cast<std::int64_t>(v.size())}, torch::kInt64);
    c10::InferenceMode guard;
    std::int64_t correct = 0;
    const std::int64_t n = x.size(0);
    torch::nn::Sequential net = kept.net;
    for (std::int64_t at = 0; at < n; at += 2048) {
      const std::int64_t end = std::min(n, at + 2048);
      correct += net->forward(x.slice(0, at, end))
                     .argmax(1)
                     .eq(y.slice(0, at, end))
                     .sum()
                     .item<std::int64_t>();
    }
    std::int64_t params = 0;
    for (const auto& p : net->parameters()) params += p.numel();
    std::printf("recorded %.17g measured %.17g evaluation %lld params %lld\n", kept.info.value,
                static_cast<double>(correct) / static_cast<double>(n),
                static_cast<long long>(kept.info.evaluation), static_cast<long long>(params));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kept_model_reload: %s\n", e.what());
    return 1;
  }
}
