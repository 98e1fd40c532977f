#pragma once
// One function pair per subcommand (CLI11's subcom_in_files shape): setup_* binds the
// options to a value struct, the callback runs it and records the exit code.
#include "hpsearch/store/read_guard.hpp"

#include <CLI/CLI.hpp>

namespace hpsearch::app {

/// Each setup function registers a subcommand whose callback stores its exit code here.
void setup_run(CLI::App& app, int& exit_code);
void setup_show(CLI::App& app, int& exit_code);
void setup_export(CLI::App& app, int& exit_code);
void setup_validate(CLI::App& app, int& exit_code);
void setup_status(CLI::App& app, int& exit_code);
void setup_simulate(CLI::App& app, int& exit_code);
void setup_report(CLI::App& app, int& exit_code);

/// Adds --read-timeout (the read guard's time limit, store/read_guard.hpp) to `command`.
void add_read_timeout(CLI::App& command, ReadGuardOptions& options);

} // namespace hpsearch::app
