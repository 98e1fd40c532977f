#include "hpsearch/core/rapidjson.hpp"

#include <string>

namespace hpsearch {

void rapidjson_assert_failed(const char* condition) {
  throw Error(std::string("RapidJSON used out of contract: ") + condition,
              ExitCode::internal_error);
}

} // namespace hpsearch
