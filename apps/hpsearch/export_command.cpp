#include "commands.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/export.hpp"
#include "hpsearch/report/network_listing.hpp"
#include "hpsearch/store/reader.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace hpsearch::app {

namespace {

struct ExportArgs {
  std::string checkpoint;
  std::string csv;
  std::string json;
  std::string layers;
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
  cmd->add_option("--layers", args->layers,
                  "Architecture searches: JSON-lines file of the successful evaluations' "
                  "networks, best first (rank, job_id, objective, params, flops, and the layer "
                  "list: node, kind, inputs, shape, shares, params, flops per layer)");
  add_read_timeout(*cmd, args->guard);
  cmd->callback([args, &exit_code] {
    if (args->csv.empty() && args->json.empty() && args->layers.empty()) {
      throw Error::input(
          "hpsearch export: say where to write: --csv OUT, --json OUT and/or --layers OUT");
    }
    guard_checkpoint_read(args->checkpoint, args->guard);
    const CheckpointContents contents = read_checkpoint(args->checkpoint);
    std::optional<arch::Architecture> architecture;
    if (!args->layers.empty()) architecture = stored_architecture(contents, args->checkpoint);
    if (!args->csv.empty()) write_file(args->csv, contents, write_csv);
    if (!args->json.empty()) write_file(args->json, contents, write_json_lines);
    if (architecture) {
      write_file(args->layers, contents, [&](const CheckpointContents& c, std::ostream& out) {
        report::write_layers_json(c, *architecture, out);
      });
    }
    std::string files;
    for (const std::string* f : {&args->csv, &args->json, &args->layers}) {
      if (!f->empty()) files += (files.empty() ? " to " : " and ") + *f;
    }
    std::cout << "hpsearch: exported " << contents.evaluations.size() << " evaluations" << files
              << "\n";
    exit_code = 0;
  });
}

} // namespace hpsearch::app
