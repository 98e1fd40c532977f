#include "hpsearch/report/pbt_schedule.hpp"

#include "hpsearch/core/value.hpp"

namespace hpsearch::report {

std::string schedule_text(const std::vector<ScheduleStep>& schedule) {
  std::string out;
  for (std::size_t i = 0; i < schedule.size();) {
    std::size_t j = i;
    std::string trials = std::to_string(schedule[i].trial);
    while (j + 1 < schedule.size() && schedule[j + 1].config == schedule[i].config) {
      ++j;
      trials += ", " + std::to_string(schedule[j].trial);
    }
    out += "  " + to_string(Value{schedule[i].from}) + " -> " + to_string(Value{schedule[j].to}) +
           "  " + schedule[i].config.to_string() + "  (trial" + (j > i ? "s " : " ") + trials +
           ")\n";
    i = j + 1;
  }
  return out;
}

} // namespace hpsearch::report
