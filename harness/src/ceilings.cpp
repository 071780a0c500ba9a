#include "lc_harness/ceilings.hpp"
#include "lc_harness/scratch_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

extern char** environ;

namespace lc::harness {

using clock_type = std::chrono::steady_clock;

ceiling_result measure_create_join(std::chrono::milliseconds duration) {
  const auto start = clock_type::now();
  const auto end = start + duration;
  std::uint64_t n = 0;
  while (clock_type::now() < end && n < 10'000'000) {
    std::thread t([] {});
    t.join();
    ++n;
  }
  const double s = std::chrono::duration<double>(clock_type::now() - start).count();
  return {"thread create+join", n / s, true, ""};
}

ceiling_result measure_spawn(const std::string& executable, int parallel, std::chrono::milliseconds duration) {
  ceiling_result r{parallel > 1 ? "posix_spawn+wait x" + std::to_string(parallel) : "posix_spawn+wait sequential",
                   0.0, false, ""};
  if (!std::filesystem::exists(executable)) {
    r.note = "skipped: " + executable + " does not exist";
    return r;
  }
  std::vector<std::string> args = {executable, "--x=8", "--y=8", "--child-process", "--full-output"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);

  const auto start = clock_type::now();
  const auto end = start + duration;
  std::uint64_t done = 0, failed = 0;
  while (clock_type::now() < end && done < 100'000) {
    std::vector<pid_t> pids;
    for (int i = 0; i < parallel; ++i) {
      pid_t pid = 0;
      if (posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ) == 0) pids.push_back(pid);
    }
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++done;
      else ++failed;
    }
    if (pids.empty() || failed > 10) break;
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  const double s = std::chrono::duration<double>(clock_type::now() - start).count();
  r.per_second = done / s;
  r.available = done > 0;
  if (failed) r.note = std::to_string(failed) + " runs failed";
  return r;
}

ceiling_result measure_store_rename(std::size_t bytes, std::chrono::milliseconds duration) {
  ceiling_result r{"write+fsync+rename+fsync dir", 0.0, false, ""};
  scratch_folder scratch("lc-store-ceiling");
  if (scratch.path().empty()) return r.note = "mkdtemp failed", r;
  const std::string folder = scratch.path().string();
  const std::string temp = folder + "/customers.json.tmp", target = folder + "/customers.json";
  const std::string text(bytes, 'x');
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const auto start = clock_type::now();
  std::uint64_t done = 0;
  while (clock_type::now() < start + duration) {
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    if (fd >= 0) ok = ::close(fd) == 0 && ok;
    ok = ok && ::rename(temp.c_str(), target.c_str()) == 0 && ::fsync(dir) == 0;
    if (!ok) {
      r.note = "a write, fsync or rename failed";
      break;
    }
    ++done;
  }
  const double s = std::chrono::duration<double>(clock_type::now() - start).count();
  ::close(dir);
  r.per_second = done / s;
  r.available = done > 0;
  return r;
}

}  // namespace lc::harness
