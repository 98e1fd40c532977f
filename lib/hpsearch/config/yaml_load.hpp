#pragma once
// load_document: the one YAML document of a problem file, with every yaml-cpp failure
// turned into a located hpsearch::Error. Internal to the config module.
#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace hpsearch::detail {

/// The document in `text`. Throws hpsearch::Error "<origin>:<line>:<col>: ..." for a YAML
/// syntax error, an empty text (only comments or blanks) and a second document.
/// (Not YAML::LoadAll: on some malformed inputs, e.g. a leading ',', yaml-cpp 0.7's
/// LoadAll loops without consuming input and allocates until memory runs out.)
YAML::Node load_document(const std::string& text, std::string_view origin);

} // namespace hpsearch::detail
