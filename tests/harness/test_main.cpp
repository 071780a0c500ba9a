#include "lc_harness/child_reaper.hpp"

#include <gtest/gtest.h>

#include <signal.h>

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  lc::harness::become_subreaper();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
