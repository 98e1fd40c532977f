#pragma once
// The facts of a job a command template (`objective.command`, eval/command_template.hpp)
// can name besides the space's parameters: one list, read by the template and by config's
// check of the problem file.
#include <array>
#include <string_view>

namespace hpsearch {

inline constexpr std::array<std::string_view, 8> command_job_placeholders = {
    "job_id",      "seed",     "fidelity",      "workdir",
    "problem_dir", "trial_id", "from_fidelity", "trial_dir"};

} // namespace hpsearch
