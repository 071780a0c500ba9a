#pragma once
// RetryIntervals: the delays before each new attempt at something that failed, as the reference's
// (retry_intervals.py), e.g. group-cake's restarts of a role (--retry='{"regular_steps": 30.0}').
//
//   lc::retry_schedule delays(retry);
//   while (auto seconds = delays.next()) ...   // no value: give up
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include <boost/describe.hpp>

#include "lc/message.hpp"

namespace lc {

struct RetryIntervals {
  std::vector<double> first_steps;       // these delays first, in order
  std::optional<double> regular_steps;   // then this one, for ever
  std::optional<std::int64_t> step_limit;  // at most this many attempts (see retry_schedule)
  std::optional<double> randomized;      // each delay lengthened by a random multiple of this...
  std::optional<double> truncated;       // ...up to the delay times this (else up to the delay)
};
BOOST_DESCRIBE_STRUCT(RetryIntervals, (), (first_steps, regular_steps, step_limit, randomized, truncated))

// The delays of a RetryIntervals in turn. As in the reference, a step_limit of n gives n - 1 delays
// (the first attempt counts as a step), and a negative or zero limit gives none.
class retry_schedule {
 public:
  explicit retry_schedule(RetryIntervals retry, std::uint64_t seed = std::random_device{}());
  std::optional<double> next();

 private:
  double randomize(double step);

  RetryIntervals retry_;
  std::size_t taken_ = 0;
  std::mt19937_64 random_;
};

}  // namespace lc

LC_MESSAGE(lc::RetryIntervals, "layer_cake.retry_intervals.RetryIntervals")
