// A parent that starts one waiting child and then waits itself: the tests kill it with SIGKILL
// and check that the child goes too.
#include "lc/entry_point.hpp"
#include "lc/process_object.hpp"
#include "test_child.hpp"

lc::message parent(lc::channel& self) {
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "wait"});
  for (;;)
    if (self.input().is<lc::Stop>()) return lc::Aborted{};
}

int main(int argc, char** argv) { return lc::run(parent, argc, argv); }
