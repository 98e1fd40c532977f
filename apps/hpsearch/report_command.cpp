#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/html/html_report.hpp"
#include "hpsearch/store/reader.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace hpsearch::app {

namespace {

struct ReportArgs {
  std::string checkpoint;
  std::string output;
  ReadGuardOptions guard;
};

/// `checkpoint` with its extension replaced by .html.
std::string default_output(const std::string& checkpoint) {
  const std::size_t slash = checkpoint.find_last_of('/');
  const std::size_t dot = checkpoint.find_last_of('.');
  const bool has_extension =
      dot != std::string::npos && (slash == std::string::npos || dot > slash);
  return (has_extension ? checkpoint.substr(0, dot) : checkpoint) + ".html";
}

void run_report(const ReportArgs& args) {
  guard_checkpoint_read(args.checkpoint, args.guard);
  const CheckpointContents contents = read_checkpoint(args.checkpoint);
  std::optional<Problem> problem;
  std::string space_error;
  try {
    if (contents.info.problem_text.empty()) throw Error::input("the checkpoint stores none");
    problem =
        parse_problem(contents.info.problem_text, args.checkpoint + " (the problem it stores)");
  } catch (const Error& e) {
    space_error = e.what();
  }
  const std::string html =
      render_html_report(contents, problem ? &problem->space : nullptr, space_error);
  const std::string output = args.output.empty() ? default_output(args.checkpoint) : args.output;
  std::ofstream out(output, std::ios::binary);
  if (!out) throw Error::io("cannot write the report to '" + output + "'");
  out << html;
  out.flush();
  if (!out) throw Error::io("cannot write the report to '" + output + "' (disk full?)");
  std::cout << "hpsearch: wrote " << output << " (" << contents.evaluations.size()
            << " evaluations, " << (html.size() + 1023) / 1024 << " KiB)\n";
}

} // namespace

void setup_report(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a checkpoint's report as one self-contained HTML file (inline SVG and "
                "CSS, nothing fetched from anywhere; open it from disk): summary, best so far "
                "against evaluations and wall time, worker utilization per allocation, "
                "parameter importance, parallel coordinates, partial dependence, learning "
                "curves, the sortable table of evaluations and the problem file. Safe to run "
                "on the checkpoint of a search that is still running.");
  cmd->add_option("checkpoint", args->checkpoint, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--output,-o", args->output,
                  "HTML file to write (default: the checkpoint's path with .html)");
  add_read_timeout(*cmd, args->guard);
  cmd->callback([args, &exit_code] {
    run_report(*args);
    exit_code = 0;
  });
}

} // namespace hpsearch::app
