#include "hpsearch/config/yaml_load.hpp"

#include "hpsearch/config/yaml_field.hpp"
#include "hpsearch/core/error.hpp"

#include <optional>
#include <sstream>
#include <yaml-cpp/eventhandler.h>

namespace hpsearch::detail {

namespace {

/// Records where a document starts and ignores its content.
class DocumentStart final : public YAML::EventHandler {
public:
  std::optional<YAML::Mark> mark;

  void OnDocumentStart(const YAML::Mark& m) override { mark = m; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

[[noreturn]] void fail(std::string_view origin, const YAML::Mark& mark, std::string_view what,
                       std::string_view expected = {}) {
  throw Error::input(located_message(origin, mark, {}, what, {}, expected));
}

/// Where a second document starts, if there is one. Calls the parser a bounded number of
/// times, so a parser that stops advancing cannot make this loop.
std::optional<YAML::Mark> second_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStart first;
  if (!parser.HandleNextDocument(first)) return std::nullopt;
  DocumentStart second;
  if (!parser.HandleNextDocument(second)) return std::nullopt;
  return second.mark.value_or(YAML::Mark());
}

} // namespace

YAML::Node load_document(const std::string& text, std::string_view origin) {
  constexpr std::string_view expected = "a map with keys space, objective and optionally "
                                        "forbidden, search, run";
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull() && root.Mark().line < 0) {
      fail(origin, YAML::Mark(), "the problem file is empty", expected);
    }
    if (const auto mark = second_document(text)) {
      fail(origin, *mark, "more than one YAML document",
           "a single document, without a second '---'");
    }
    return root;
  } catch (const YAML::Exception& e) {
    fail(origin, e.mark, "invalid YAML: " + e.msg);
  }
}

} // namespace hpsearch::detail
