#include "lc/retry_intervals.hpp"

namespace lc {

retry_schedule::retry_schedule(RetryIntervals retry, std::uint64_t seed) : retry_(std::move(retry)), random_(seed) {}

std::optional<double> retry_schedule::next() {
  if (retry_.step_limit && static_cast<std::int64_t>(taken_) + 1 >= *retry_.step_limit) return std::nullopt;
  std::optional<double> step;
  if (taken_ < retry_.first_steps.size()) step = retry_.first_steps[taken_];
  else step = retry_.regular_steps;
  if (!step) return std::nullopt;
  ++taken_;
  return randomize(*step);
}

// A whole number of `randomized` from 0 to (step, or step x truncated) / randomized is added.
double retry_schedule::randomize(double step) {
  if (!retry_.randomized || *retry_.randomized <= 0) return step;
  double top = retry_.truncated ? step * *retry_.truncated : step;
  auto multiples = static_cast<std::int64_t>(top / *retry_.randomized);
  if (multiples < 0) multiples = 0;
  std::uniform_int_distribution<std::int64_t> pick(0, multiples);
  return step + static_cast<double>(pick(random_)) * *retry_.randomized;
}

}  // namespace lc
