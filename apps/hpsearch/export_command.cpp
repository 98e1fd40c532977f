#include "commands.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/export.hpp"
#include "hpsearch/store/reader.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace hpsearch::app {

namespace {

struct ExportArgs {
  std::string checkpoint;
  std::string csv;
  std::string json;
  ReadGuardOptions guard;
};

template <class Write>
void write_file(const std::string& path, const CheckpointContents& contents, Write write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error::io("cannot write '" + path + "'");
  write(contents, out);
  out.flush();
  if (!out) throw Error::io("cannot write '" + path + "' (disk full?)");
}

} // namespace

void setup_export(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a checkpoint's evaluations as DeepHyper-compatible CSV (p:<name>, "
                "objective, job_id, job_status, m:timestamp_*, m:worker_rank, m:host, ...)\n"
                "or as JSON lines. Safe on the checkpoint of a running search.");
  cmd->add_option("checkpoint", args->checkpoint, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--csv", args->csv, "CSV file to write (pandas.read_csv reads it)");
  cmd->add_option("--json", args->json, "JSON-lines file to write (one object per evaluation)");
  add_read_timeout(*cmd, args->guard);
  cmd->callback([args, &exit_code] {
    if (args->csv.empty() && args->json.empty()) {
      throw Error::input("hpsearch export: say where to write: --csv OUT and/or --json OUT");
    }
    guard_checkpoint_read(args->checkpoint, args->guard);
    const CheckpointContents contents = read_checkpoint(args->checkpoint);
    if (!args->csv.empty()) write_file(args->csv, contents, write_csv);
    if (!args->json.empty()) write_file(args->json, contents, write_json_lines);
    std::cout << "hpsearch: exported " << contents.evaluations.size() << " evaluations"
              << (args->csv.empty() ? "" : " to " + args->csv)
              << (args->json.empty() ? "" : (args->csv.empty() ? " to " : " and ") + args->json)
              << "\n";
    exit_code = 0;
  });
}

} // namespace hpsearch::app
