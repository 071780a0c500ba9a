#include "lc_harness/progress_line.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

TEST(progress_line, shows_step_elapsed_eta_what_rate_and_errors) {
  progress_event e{3, 52, "scenario 1: 8 connections, size 8", 20.0, 120.0, 35120.4, 2};
  EXPECT_EQ(format_progress(e, 30.0),
            "[3/52] 0:30 elapsed, ETA 2:30 | scenario 1: 8 connections, size 8 | last 35120 req/s, 2 errors");
  e.live = true;
  EXPECT_NE(format_progress(e, 30.0).find("| 35120 req/s, 2 errors"), std::string::npos);
}

TEST(progress_line, the_first_step_has_no_eta_and_no_rate) {
  const progress_event e{1, 10, "scenario 2: teardown SIGINT idle", 0.0, 50.0};
  EXPECT_EQ(format_progress(e, 0.2), "[1/10] 0:00 elapsed | scenario 2: teardown SIGINT idle");
}
