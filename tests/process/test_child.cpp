#include "test_child.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "lc/entry_point.hpp"
#include "lc/process_object.hpp"

LC_TYPE(std::vector<std::vector<double>>)

std::optional<lc::Faulted> validate(const bounded& b) {
  if (b.n > 10) return lc::Faulted("bounded too big", "n over the limit of 10");
  return std::nullopt;
}
LC_MESSAGE(bounded, "process_test.bounded")

lc::message test_child(lc::channel& self, const child_settings& s) {
  if (s.mode == "table")
    return std::vector<std::vector<double>>(s.y, std::vector<double>(s.x, 0.5));
  if (s.mode == "role") return std::string(lc::process_flags().role_name.value_or("<none>"));
  if (s.mode == "fault") return lc::Faulted("child fault", "on purpose", {}, 5);
  if (s.mode == "out_of_range") return bounded{11};
  if (s.mode == "exit3") std::_Exit(3);
  if (s.mode == "crash") std::abort();
  if (s.mode == "garbage") {
    std::fputs("not json\n", stdout);
    std::fflush(stdout);
    std::_Exit(0);
  }
  if (s.mode == "flood") {  // stdout that never ends
    std::string line(65536, 'x');
    for (;;) std::fwrite(line.data(), 1, line.size(), stdout);
  }
  if (s.mode == "wait") {
    for (;;)
      if (self.input().is<lc::Stop>()) return lc::Aborted{};
  }
  if (s.mode == "deaf") {  // its runtime takes SIGINT, but the function never takes its Stop
    for (;;) self.input();
  }
  if (s.mode == "ignore") {  // deaf to SIGINT itself, so only SIGKILL ends it
    std::signal(SIGINT, SIG_IGN);
    for (;;) self.input();
  }
  return lc::Faulted("unknown mode", s.mode);
}

LC_PROCESS(test_child, "lc_test_child")
