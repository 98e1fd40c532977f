// suite_server: evaluates the issue-17 benchmark suite (bench/suite/suite_problem.hpp) for
// a peer in another language (bench/optuna_suite.py), so every tool optimises exactly the
// same compiled functions. A line protocol on stdin/stdout, one request per line:
//   problems                      -> "NAME HALF" per problem, then "end"
//   space NAME                    -> one line per parameter, in order, then "end":
//        real|int NAME LOW HIGH LOG(0/1)      or  categorical|ordinal NAME V1 V2 ...
//        followed, for a conditional parameter, by " if PARENT in V1,V2" or " if PARENT gt V"
//   eval NAME SEED INDEX K=V ...  -> "OBSERVED REGRET" (the noisy value this evaluation
//                                    sees, and the noiseless value minus the optimum)
//   duration SEED INDEX           -> the virtual evaluation time of the asynchronous mode
// Errors answer "error MESSAGE" and the server keeps serving.
#include "hpsearch/core/value.hpp"
#include "suite/suite_problem.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

namespace {

using namespace hpsearch;
using bench::SuiteProblem;

const SuiteProblem& problem_named(const std::string& name) {
  const SuiteProblem* p = bench::find_suite_problem(name);
  if (p == nullptr) throw std::runtime_error("no problem " + name);
  return *p;
}

std::string condition_text(const Condition& condition) {
  if (!condition.is_leaf() || condition.op() == Condition::Op::less) {
    throw std::runtime_error("suite_server: only equals, in and greater conditions are served");
  }
  std::string text =
      " if " + condition.parent() + (condition.op() == Condition::Op::greater ? " gt " : " in ");
  for (std::size_t i = 0; i < condition.values().size(); ++i) {
    text += (i > 0 ? "," : "") + to_string(condition.values()[i]);
  }
  return text;
}

void print_space(const SuiteProblem& p) {
  for (const Parameter& parameter : p.space.parameters()) {
    std::string line(to_string(parameter.kind));
    line += " " + parameter.name;
    if (parameter.kind == ParamKind::real || parameter.kind == ParamKind::integer) {
      std::ostringstream bounds;
      bounds.precision(17);
      bounds << ' ' << parameter.low << ' ' << parameter.high << ' ' << (parameter.log ? 1 : 0);
      line += bounds.str();
    } else {
      for (const Value& choice : parameter.choices) line += " " + to_string(choice);
    }
    if (parameter.active_if) line += condition_text(*parameter.active_if);
    std::cout << line << '\n';
  }
  std::cout << "end\n";
}

/// "K=V ..." -> the configuration, each value typed by its parameter.
Config parse_config(const SuiteProblem& p, std::istringstream& in) {
  Config config;
  std::string item;
  while (in >> item) {
    const auto eq = item.find('=');
    const Parameter* parameter =
        eq == std::string::npos ? nullptr : p.space.find(item.substr(0, eq));
    if (parameter == nullptr) throw std::runtime_error("bad item " + item);
    const std::string text = item.substr(eq + 1);
    std::optional<Value> value;
    if (parameter->kind == ParamKind::real) {
      value = std::stod(text);
    } else if (parameter->kind == ParamKind::integer) {
      value = static_cast<std::int64_t>(std::stoll(text));
    } else {
      for (const Value& choice : parameter->choices) {
        if (to_string(choice) == text) value = choice;
      }
    }
    if (!value || !parameter->contains(*value)) throw std::runtime_error("bad value " + item);
    config.set(parameter->name, *value);
  }
  if (!p.space.contains(config)) throw std::runtime_error("not a configuration of " + p.name);
  return config;
}

void serve(const std::string& line) {
  std::istringstream in(line);
  std::string command;
  in >> command;
  if (command == "problems") {
    for (const auto& p : bench::suite_problems()) {
      std::cout << p.name << ' ' << bench::to_string(p.half()) << '\n';
    }
    std::cout << "end\n";
  } else if (command == "space") {
    std::string name;
    in >> name;
    print_space(problem_named(name));
  } else if (command == "eval") {
    std::string name;
    std::uint64_t seed = 0;
    std::uint64_t index = 0;
    in >> name >> seed >> index;
    const SuiteProblem& p = problem_named(name);
    const Config config = parse_config(p, in);
    std::ostringstream answer;
    answer.precision(17);
    answer << bench::observe(p, config, seed, index) << ' ' << p.truth(config) - p.optimum;
    std::cout << answer.str() << '\n';
  } else if (command == "duration") {
    std::uint64_t seed = 0;
    std::uint64_t index = 0;
    in >> seed >> index;
    std::ostringstream answer;
    answer.precision(17);
    answer << bench::evaluation_duration(seed, index);
    std::cout << answer.str() << '\n';
  } else {
    throw std::runtime_error("unknown command " + command);
  }
}

} // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    try {
      serve(line);
    } catch (const std::exception& e) {
      std::cout << "error " << e.what() << '\n';
    }
    std::cout.flush();
  }
  return 0;
}
