#pragma once
// ListSampler: a sampler for scheduler tests. It proposes {x = 0}, {x = 1}, ... up to
// `limit` configurations (then nullopt, as an exhausted grid does) and records every
// evaluation it is told.
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/strategy.hpp"

#include <string>
#include <vector>

namespace hpsearch {

class ListSampler final : public Strategy {
public:
  explicit ListSampler(std::int64_t limit = 1'000'000, std::vector<Evaluation>* told = nullptr)
      : limit_(limit), told_(told) {}

  std::optional<Config> ask() override {
    if (next_ >= limit_) return std::nullopt;
    return Config({{"x", Value(next_++)}});
  }
  void tell(const Evaluation& evaluation) override {
    if (told_ != nullptr) told_->push_back(evaluation);
  }
  std::string_view name() const override { return "list"; }
  std::string save_state() const override { return "list " + std::to_string(next_); }
  void restore_state(const std::string& state) override {
    if (state.rfind("list ", 0) != 0) throw Error::input("list sampler state is corrupt");
    next_ = std::stoll(state.substr(5));
  }

private:
  std::int64_t limit_;
  std::vector<Evaluation>* told_;
  std::int64_t next_ = 0;
};

} // namespace hpsearch
