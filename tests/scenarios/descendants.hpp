#pragma once
// Finds the processes a server started by the mark it carries in its environment
// (LC_TEST_MARK=<mark>, inherited by every child); zombies count as gone.
#include <sys/types.h>

#include <string>
#include <vector>

namespace scenario_test {

std::vector<pid_t> marked_processes(const std::string& mark);
bool is_alive(pid_t pid);  // false for a zombie or a missing process

}  // namespace scenario_test
