#pragma once
// errno_text: the system's message for an errno value ("No space left on device"), safe to
// call from any thread (std::strerror may return a buffer another thread overwrites).
#include <string>

namespace hpsearch {

std::string errno_text(int error);

} // namespace hpsearch
