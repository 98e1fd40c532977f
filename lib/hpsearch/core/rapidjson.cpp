#include "hpsearch/core/rapidjson.hpp"

#include <string>

namespace hpsearch {

void rapidjson_assert_failed(const char* condition) {
  throw Error::internal(std::string("RapidJSON used out of contract: ") + condition);
}

} // namespace hpsearch
