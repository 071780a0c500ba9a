#pragma once
// The processes that run in a home (their command line names it with --home-path), found in
// /proc, and a home of its own for each test.
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tools_test {

inline std::vector<pid_t> processes_in_home(const std::filesystem::path& home, pid_t except = -1) {
  std::vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  while (const dirent* entry = ::readdir(proc)) {
    pid_t pid = std::atoi(entry->d_name);
    if (pid <= 0 || pid == except) continue;
    std::string text, state;
    try {  // a process that ends meanwhile fails the read (libstdc++ throws from underflow)
      std::ifstream cmdline("/proc/" + std::string(entry->d_name) + "/cmdline");
      text.assign(std::istreambuf_iterator<char>(cmdline), {});
      std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
      std::getline(stat, state);
    } catch (const std::exception&) {
      continue;
    }
    bool zombie = state.find(") Z") != std::string::npos;
    if (!zombie && text.find("--home-path=" + home.string() + '\0') != std::string::npos &&
        text.find("--role-name=") != std::string::npos)
      found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}

// True once `done` holds, sampling every 10 ms (what it watches has no change notification);
// false after `deadline`.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  for (auto until = std::chrono::steady_clock::now() + deadline; std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(std::chrono::milliseconds(10)))
    if (done()) return true;
  return done();
}

// A home under the temporary folder, named after the test; whatever still runs in it is killed
// at the end so a failing test leaves nothing behind.
class home_test : public testing::Test {
 protected:
  void SetUp() override {
    auto* info = testing::UnitTest::GetInstance()->current_test_info();
    home_ = std::filesystem::temp_directory_path() /
            ("lc-" + std::string(info->test_suite_name()) + "-" + std::to_string(::getpid()) + "-" + info->name());
    std::filesystem::remove_all(home_);
  }
  void TearDown() override {
    for (pid_t pid : processes_in_home(home_)) ::kill(pid, SIGKILL);
    std::filesystem::remove_all(home_);
  }
  std::size_t running_in_home(pid_t except = -1) const { return processes_in_home(home_, except).size(); }

  std::filesystem::path home_;
};

}  // namespace tools_test
