#include "commands.hpp"

namespace hpsearch::app {

void add_read_timeout(CLI::App& command, ReadGuardOptions& options) {
  command
      .add_option("--read-timeout", options.timeout,
                  "Seconds an existing checkpoint may take to be read in a child process "
                  "first (a damaged file can make libhdf5 crash or hang: that is then an "
                  "error, exit 2)")
      ->default_val(options.timeout)
      ->check(CLI::PositiveNumber);
}

} // namespace hpsearch::app
