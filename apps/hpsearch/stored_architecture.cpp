#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

namespace hpsearch::app {

arch::Architecture stored_architecture(const CheckpointContents& contents,
                                       const std::string& checkpoint) {
  if (contents.info.problem_text.empty()) {
    throw Error::input(checkpoint + ": the checkpoint stores no problem file, so no architecture "
                                    "to decode layer lists with");
  }
  Problem problem =
      parse_problem(contents.info.problem_text, checkpoint + " (the problem it stores)");
  if (!problem.architecture) {
    throw Error::input(checkpoint + ": its problem has no `architecture:` section: layer lists "
                                    "exist only for architecture searches");
  }
  return std::move(*problem.architecture);
}

} // namespace hpsearch::app
