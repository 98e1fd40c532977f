#pragma once
// The architecture metrics of an evaluation (issue 18): the trainable parameters and the
// multiply-adds per sample of the network its genes choose, from the torch-free decode
// (network.hpp), recorded as the user metrics arch_params and arch_flops: float64 columns
// m:arch_params and m:arch_flops of the checkpoint of every problem with an architecture
// (config declares them). The worker adds them to each job's metadata
// (runtime/architecture_metrics_evaluator.hpp), whatever the objective kind.
#include "hpsearch/arch/network.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::arch {

inline constexpr std::string_view kParamsMetric = "arch_params";
inline constexpr std::string_view kFlopsMetric = "arch_flops";

/// Appends kParamsMetric and kFlopsMetric to `metrics` (a problem's declared metrics) where
/// absent.
void declare_architecture_metrics(std::vector<std::string>& metrics);

/// `metadata` (a job's user metrics: a JSON object, or empty) with arch_params and arch_flops
/// of `network` added. A metadata that already holds either key (the job reported its own),
/// or that is not a JSON object, is returned unchanged.
std::string with_architecture_metrics(const std::string& metadata, const Network& network);

} // namespace hpsearch::arch
