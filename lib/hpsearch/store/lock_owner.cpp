#include "hpsearch/store/lock_owner.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace hpsearch {

namespace {

constexpr std::size_t width = 17; // "0001733456789.123": epoch seconds until year 300000

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << seconds;
  return out.str();
}

} // namespace

std::size_t heartbeat_width() {
  return width;
}

std::string heartbeat_text(double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0*.3f", static_cast<int>(width), seconds > 0 ? seconds : 0.0);
  return std::string(buf).substr(0, width);
}

std::string format_lock(const LockOwner& o) {
  return "host " + o.host + "\npid " + std::to_string(o.pid) + "\njob " + o.job_id +
         "\nscheduler " + o.scheduler + "\nstart " + o.start_time + "\nrefresh " +
         seconds_text(o.refresh) + "\nheartbeat " + heartbeat_text(o.heartbeat) + "\n";
}

LockOwner parse_lock(const std::string& text) {
  LockOwner o;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "host") o.host = value;
    if (key == "pid") o.pid = std::atoll(value.c_str());
    if (key == "job") o.job_id = value;
    if (key == "scheduler") o.scheduler = value;
    if (key == "start") o.start_time = value;
    if (key == "refresh") o.refresh = std::atof(value.c_str());
    if (key == "heartbeat") o.heartbeat = std::atof(value.c_str());
  }
  return o;
}

std::string describe(const LockOwner& o) {
  return "host " + (o.host.empty() ? "?" : o.host) + ", pid " + std::to_string(o.pid) + ", job " +
         (o.job_id.empty() ? "none" : o.job_id);
}

} // namespace hpsearch
