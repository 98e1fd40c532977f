#include "hpsearch/report/kept_model_listing.hpp"

#include "hpsearch/report/text_table.hpp"

#include <algorithm>

namespace hpsearch::report {

std::string format_kept_models(const std::vector<KeptModelFile>& files, std::int64_t keep) {
  const auto present =
      std::count_if(files.begin(), files.end(), [](const KeptModelFile& f) { return f.present; });
  std::string out = "Kept models (run.keep_models " + std::to_string(keep) + ", " +
                    std::to_string(present) + " of " + std::to_string(files.size()) +
                    " present):\n";
  if (files.empty()) return out + "  none yet: no evaluation has ended ok\n";
  std::vector<std::vector<std::string>> rows;
  rows.reserve(files.size());
  for (const KeptModelFile& f : files) {
    rows.push_back({"eval " + std::to_string(f.evaluation->id),
                    "objective " + format_number(f.evaluation->objective), f.path,
                    f.present ? "present" : "missing"});
  }
  return out + table(rows, "  ");
}

} // namespace hpsearch::report
