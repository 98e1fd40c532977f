#include "hpsearch/eval/command_template.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_options.hpp"

#include <algorithm>
#include <array>

namespace hpsearch {

namespace {

constexpr const auto& kJobPlaceholders = command_job_placeholders;
constexpr std::string_view kAllParams = "params";

std::string known_names(const std::vector<std::string>& parameters) {
  std::string out = "{params}";
  for (const auto& name : kJobPlaceholders) out += ", {" + std::string(name) + "}";
  for (const auto& name : parameters) out += ", {" + name + "}";
  return out;
}

bool is_job_fact(std::string_view name) {
  return std::find(kJobPlaceholders.begin(), kJobPlaceholders.end(), name) !=
         kJobPlaceholders.end();
}

std::string fact(std::string_view name, const JobFacts& facts) {
  if (name == "job_id") return std::to_string(facts.id);
  if (name == "seed") return std::to_string(facts.seed);
  if (name == "fidelity") return to_string(Value{facts.fidelity});
  if (name == "workdir") return facts.workdir;
  if (name == "trial_id") return std::to_string(facts.trial);
  if (name == "from_fidelity") return to_string(Value{facts.from_fidelity});
  if (name == "trial_dir") return facts.trial_dir;
  return facts.problem_dir;
}

} // namespace

std::span<const std::string_view> CommandTemplate::job_placeholders() {
  return kJobPlaceholders;
}

CommandTemplate::CommandTemplate(std::vector<std::string> argv, std::vector<std::string> parameters)
    : source_(std::move(argv)) {
  if (source_.empty() || source_.front().empty()) {
    throw Error::input(
        "objective.command: the command is empty (expected a program and its arguments, "
        "e.g. [python3, train.py, --lr, \"{lr}\"])");
  }
  const auto is_parameter = [&](const std::string& name) {
    return std::find(parameters.begin(), parameters.end(), name) != parameters.end();
  };
  for (std::size_t e = 0; e < source_.size(); ++e) {
    const std::string& text = source_[e];
    const std::string where = "objective.command[" + std::to_string(e) + "] '" + text + "'";
    Element element;
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
        literal += c; // {{ or }}
        ++i;
        continue;
      }
      if (c == '}') throw Error::input(where + ": unbalanced '}' (write }} for a literal brace)");
      if (c != '{') {
        literal += c;
        continue;
      }
      const std::size_t close = text.find('}', i);
      if (close == std::string::npos) {
        throw Error::input(where + ": unbalanced '{' (write {{ for a literal brace)");
      }
      const std::string name = text.substr(i + 1, close - i - 1);
      if (name == kAllParams) {
        if (text != "{params}") {
          throw Error::input(where + ": {params} must be a whole element (it expands to several "
                                     "arguments)");
        }
        element.all_params = true;
      } else if (is_parameter(name) && is_job_fact(name)) {
        throw Error::input(where + ": placeholder {" + name +
                           "} is ambiguous: it names a parameter "
                           "and a fact of the job; rename the parameter");
      } else if (!is_parameter(name) && !is_job_fact(name)) {
        throw Error::input(where + ": unknown placeholder {" + name +
                           "} (known: " + known_names(parameters) + ")");
      }
      if (!literal.empty()) element.pieces.push_back({false, std::move(literal)});
      literal.clear();
      element.pieces.push_back({true, name});
      i = close;
    }
    if (!literal.empty() || element.pieces.empty()) element.pieces.push_back({false, literal});
    elements_.push_back(std::move(element));
  }
}

std::vector<std::string> CommandTemplate::expand(const Config& config,
                                                 const JobFacts& facts) const {
  std::vector<std::string> argv;
  bool last_is_literal_option = false;
  for (const Element& element : elements_) {
    if (element.all_params) {
      for (const auto& [name, value] : config.entries()) {
        argv.push_back("--" + name);
        argv.push_back(to_string(value));
      }
      last_is_literal_option = false;
      continue;
    }
    std::string arg;
    bool inactive = false;
    bool literal = true;
    for (const Piece& piece : element.pieces) {
      if (!piece.placeholder) {
        arg += piece.text;
        continue;
      }
      literal = false;
      if (is_job_fact(piece.text)) {
        arg += fact(piece.text, facts);
      } else if (const Value* value = config.find(piece.text)) {
        arg += to_string(*value);
      } else {
        inactive = true;
      }
    }
    if (inactive) {
      if (last_is_literal_option) argv.pop_back();
      last_is_literal_option = false;
      continue;
    }
    last_is_literal_option = literal && arg.size() > 1 && arg.front() == '-';
    argv.push_back(std::move(arg));
  }
  return argv;
}

} // namespace hpsearch
