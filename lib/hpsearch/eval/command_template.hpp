#pragma once
// CommandTemplate: a training command as an argv list with {placeholders}, checked once
// and expanded per job. No shell ever sees the result: each list element becomes exactly
// one argument (or none), whatever characters a parameter value contains.
//
//   {name}        the value of parameter `name` (to_string(Value): reals in shortest
//                 round-trip form, booleans true/false, strings verbatim)
//   {params}      as a whole element: "--name value" pairs of every active parameter
//   {job_id} {seed} {fidelity} {workdir} {problem_dir}   facts of the job
//   {trial_id} {from_fidelity} {trial_dir}   the trial it works for (core/trial.hpp): its
//                 id, the fidelity its saved state holds (0: start from scratch) and the
//                 directory of that state (eval/trial_state.hpp; "" when none)
//   {{ and }}     literal braces
//
// An element naming a parameter that is inactive in a job (active_if) is left out, and so
// is the element just before it when that one is a literal option ("-..."), so that
// [--momentum, "{momentum}"] disappears as a pair.
#include "hpsearch/core/job.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// The facts of one job a template can name besides parameters.
struct JobFacts {
  JobId id = -1;
  std::uint64_t seed = 0;
  double fidelity = 0.0;
  std::string workdir;     ///< the job's own working directory
  std::string problem_dir; ///< the directory of the problem file
  TrialId trial = -1;
  double from_fidelity = 0.0;
  std::string trial_dir; ///< the trial's state directory; "" when none
};

class CommandTemplate {
public:
  /// job_id, seed, fidelity, workdir, problem_dir, trial_id, from_fidelity, trial_dir.
  static std::span<const std::string_view> job_placeholders();

  /// Throws hpsearch::Error when argv is empty or its first element is empty, when a
  /// brace is unbalanced, when {params} is part of a longer element, or when a placeholder
  /// names neither a parameter (of `parameters`) nor a job fact (the message names the
  /// placeholder and every known one), or names both.
  CommandTemplate(std::vector<std::string> argv, std::vector<std::string> parameters);

  /// The argv of `job` run in `facts.workdir`.
  std::vector<std::string> expand(const Config& config, const JobFacts& facts) const;

  const std::vector<std::string>& source() const { return source_; }

private:
  struct Piece {
    bool placeholder = false;
    std::string text; ///< literal text, or the placeholder's name
  };
  struct Element {
    std::vector<Piece> pieces;
    bool all_params = false; ///< the element is exactly {params}
  };

  std::vector<std::string> source_;
  std::vector<Element> elements_;
};

} // namespace hpsearch
