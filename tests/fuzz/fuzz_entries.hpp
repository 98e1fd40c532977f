#pragma once
// The fuzz targets' entry points (tests/fuzz/README.md). Each takes untrusted bytes and
// must return normally or throw nothing: hpsearch::Error (the documented answer to bad
// input) is caught here, anything else (another exception, a sanitizer report, a hang)
// is a bug. libFuzzer calls them from LLVMFuzzerTestOneInput (fuzz_*.cpp); the unit test
// test_fuzz_replay calls them on every committed seed and regression input.
#include <string_view>

namespace hpsearch::fuzz {

/// parse_problem() on the bytes as a problem file's text, then the `hpsearch validate`
/// summary of a problem it accepts.
void problem_file(std::string_view bytes);

/// A training command's stdout fed to OutputParser (in chunks whose size the first byte
/// picks), each line through parse_objective_line / parse_progress_line, and the whole
/// text through parse_result_json and parse_json. Checks that a progress report is finite
/// and that JSON written back by to_json parses again to the same text.
void command_output(std::string_view bytes);

/// The bytes written to a temporary file that read_checkpoint() opens, then the
/// `hpsearch show` summary and the CSV / JSON-lines exports of what it read. Checks that no
/// HDF5 object is left open afterwards.
void checkpoint_file(std::string_view bytes);

} // namespace hpsearch::fuzz
