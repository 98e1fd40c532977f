#include "hpsearch/config/problem.hpp"

#include "hpsearch/arch/architecture_metrics.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_field.hpp"
#include "hpsearch/config/yaml_load.hpp"
#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hpsearch {

namespace {

using detail::Field;
using detail::MapReader;

constexpr std::array<std::string_view, 7> sections = {
    "space", "architecture", "forbidden", "objective", "search", "run", "metrics"};
constexpr std::string_view top_level_expected = "a map with keys space, objective and optionally "
                                                "architecture, forbidden, search, run, metrics";

Problem parse_document(const YAML::Node& document, const std::string& origin) {
  const Field root(origin, document, {}, document.Mark());
  const MapReader map(root, top_level_expected);
  map.allow_only(sections, "the problem file");

  Problem problem;
  problem.origin = origin;
  detail::ParsedSpace space = detail::parse_space(map.require("space", "a map of parameters"));
  if (const auto architecture = map.get("architecture")) {
    detail::refuse_gene_names(space);
    problem.architecture = detail::parse_architecture(*architecture, space);
  }
  if (const auto forbidden = map.get("forbidden")) detail::parse_forbidden(*forbidden, space);
  problem.space = space.space;
  problem.objective =
      detail::parse_objective(map.require("objective", "a map with kind and name"), space);
  detail::check_architecture_objective(map.require("objective", "a map"), problem);
  if (const auto search = map.get("search")) {
    problem.search = detail::parse_search(*search, space, problem.objective);
  }
  if (const auto run = map.get("run")) {
    problem.run = detail::parse_run(*run);
    if (problem.run.kept_models.keep > 0 && problem.objective.kind != EvaluatorKind::torch) {
      MapReader(*run, "a map")
          .require("keep_models", "")
          .fail("keep_models keeps trained networks: it needs objective.kind torch",
                "keep_models: 0 (or remove it) for this objective kind");
    }
  }
  if (const auto metrics = map.get("metrics")) problem.metrics = detail::parse_metrics(*metrics);
  // Every evaluation of an architecture records its network's size (arch/architecture_metrics).
  if (problem.architecture) arch::declare_architecture_metrics(problem.metrics);
  return problem;
}

} // namespace

Problem parse_problem(const std::string& text, const std::string& origin) {
  const YAML::Node document = detail::load_document(text, origin);
  try {
    Problem problem = parse_document(document, origin);
    problem.text = text;
    return problem;
  } catch (const YAML::Exception& e) {
    // Reading a node yaml-cpp built should not throw; if it does, it is still bad input.
    throw Error::input(detail::located_message(origin, e.mark, {}, "unreadable YAML: " + e.msg));
  }
}

Problem load_problem(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error::input(path +
                       ": cannot read the problem file (it is a directory; expected a YAML file)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error::input(path + ": cannot read the problem file (" + errno_text(errno) + ")");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw Error::input(path + ": cannot read the problem file (" + errno_text(errno) + ")");
  }
  return parse_problem(text.str(), path);
}

} // namespace hpsearch
