#include "hpsearch/runtime/mpi_reporter.hpp"

#include <exception>
#include <iostream>

namespace hpsearch {

MpiReporter::~MpiReporter() {
  try {
    for (auto& request : requests_) request.wait();
  } catch (const std::exception& e) {
    std::cerr << "hpsearch: warning: a progress report was not delivered: " << e.what() << "\n";
  }
}

bool MpiReporter::report(double step, double value) {
  reap_sends();
  sending_.push_back(ProgressMsg{job_id_, step, value});
  requests_.push_back(world_.isend(manager_, tag_value(Tag::progress), sending_.back()));
  ++reports_;
  drain_decisions();
  return stop_;
}

bool MpiReporter::stop_requested() {
  drain_decisions();
  return stop_;
}

void MpiReporter::drain_decisions() {
  while (world_.iprobe(manager_, tag_value(Tag::decision))) {
    DecisionMsg decision;
    world_.recv(manager_, tag_value(Tag::decision), decision);
    if (decision.job_id == job_id_ && decision.stop != 0) stop_ = true;
  }
}

void MpiReporter::reap_sends() {
  while (!requests_.empty() && requests_.front().test()) {
    requests_.pop_front();
    sending_.pop_front();
  }
}

} // namespace hpsearch
