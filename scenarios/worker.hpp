#pragma once
#include "lc/channel.hpp"

// The worker of scenarios 3 and 4 (threads) and 7 and 8 (processes): answers each Xy with a table.
lc::message worker(lc::channel& self);
