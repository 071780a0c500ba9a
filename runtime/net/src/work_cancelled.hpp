#pragma once
// Between our own processes only (frame_options::announce_cancelled): the sender's work, the
// frame's return address, was stopped, so what it sent here and is still waiting is not wanted.
#include <boost/describe.hpp>

#include "lc/message.hpp"

namespace lc::detail {
struct WorkCancelled {};
BOOST_DESCRIBE_STRUCT(WorkCancelled, (), ())
}  // namespace lc::detail

LC_MESSAGE(lc::detail::WorkCancelled, "lc.runtime.WorkCancelled")
