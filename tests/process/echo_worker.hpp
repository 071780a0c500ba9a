#pragma once
#include "lc/channel.hpp"

// A library worker that sends every message back to its sender until Stop.
lc::message echo_worker(lc::channel& self);
