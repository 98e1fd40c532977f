#pragma once
// RapidJSON as hpsearch uses it. Every file includes RapidJSON through this header, so all
// of them see the same RAPIDJSON_ASSERT: a broken RapidJSON precondition (a value where an
// object's key is due, GetDouble on a string) throws an internal Error instead of
// aborting the process as RapidJSON's default assert() does.
#include "hpsearch/core/error.hpp"

#ifdef RAPIDJSON_ASSERT
#error "include RapidJSON only through hpsearch/core/rapidjson.hpp"
#endif

namespace hpsearch {
[[noreturn]] void rapidjson_assert_failed(const char* condition);
} // namespace hpsearch

#define RAPIDJSON_ASSERT(x) ((x) ? static_cast<void>(0) : ::hpsearch::rapidjson_assert_failed(#x))

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
