#pragma once
// Two test hosts made on this machine: network namespaces joined by one veth pair, 10.0.0.1 and
// 10.0.0.2, host A also holding 10.0.0.195 (the reference's standard LAN directory address for a
// 10.x network), each with its own loopback and no route anywhere else; removed (with the pair)
// when the object goes. Programs run in a host through `ip netns exec`; the test's own
// sockets reach a host from a thread that joined its namespace (in_host).
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "scenario_server.hpp"

namespace scenario_test {

class test_hosts {
 public:
  static constexpr const char* address_a = "10.0.0.1";
  static constexpr const char* address_b = "10.0.0.2";
  static constexpr const char* standard_lan = "10.0.0.195";

  test_hosts() {
    remove_stale();
    auto tag = std::to_string(::getpid());
    a_ = "lc-" + tag + "-a";
    b_ = "lc-" + tag + "-b";
    auto veth_a = "lc" + tag + "a", veth_b = "lc" + tag + "b";
    made_ = run("ip netns add " + a_) && run("ip netns add " + b_) &&
            run("ip link add " + veth_a + " type veth peer name " + veth_b) &&
            run("ip link set " + veth_a + " netns " + a_) && run("ip link set " + veth_b + " netns " + b_) &&
            run("ip -n " + a_ + " addr add " + address_a + "/24 dev " + veth_a) &&
            run("ip -n " + a_ + " addr add " + standard_lan + "/24 dev " + veth_a) &&
            run("ip -n " + b_ + " addr add " + address_b + "/24 dev " + veth_b) &&
            run("ip -n " + a_ + " link set " + veth_a + " up") && run("ip -n " + b_ + " link set " + veth_b + " up") &&
            run("ip -n " + a_ + " link set lo up") && run("ip -n " + b_ + " link set lo up");
  }
  ~test_hosts() {
    for (const auto& host : {a_, b_}) {  // whatever still runs there (a daemon a test started)
      run("for p in $(ip netns pids " + host + "); do kill -9 $p; done");
      run("ip netns del " + host);  // takes the veth pair with it
    }
  }
  test_hosts(const test_hosts&) = delete;
  test_hosts& operator=(const test_hosts&) = delete;

  bool made() const { return made_; }
  const std::string& a() const { return a_; }
  const std::string& b() const { return b_; }

  // `program` (a file beside the test executable) started in `host`.
  std::unique_ptr<scenario_server> start(const std::string& host, const std::string& program,
                                         std::vector<std::string> arguments) const {
    std::vector<std::string> exec{"netns", "exec", host, binary_path(program)};
    exec.insert(exec.end(), arguments.begin(), arguments.end());
    return std::make_unique<scenario_server>("/bin/ip", exec, std::map<std::string, std::string>{});
  }

  // What `work` returns, run on a thread that has joined `host`'s network namespace.
  template <class T>
  T in_host(const std::string& host, std::function<T()> work) const {
    std::packaged_task<T()> task([&] {
      int fd = ::open(("/run/netns/" + host).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) throw std::runtime_error("cannot join " + host);
      ::close(fd);
      return work();
    });
    auto result = task.get_future();
    std::thread(std::move(task)).join();
    return result.get();
  }

 private:
  static bool run(const std::string& command) { return std::system((command + " 2>/dev/null").c_str()) == 0; }

  // The hosts of a test process that was killed before it could remove them (lc-<pid>-a/b),
  // with whatever still runs in them.
  static void remove_stale() {
    std::unique_ptr<FILE, int (*)(FILE*)> list(::popen("ip netns list 2>/dev/null", "r"), ::pclose);
    if (!list) return;
    char line[256];
    std::vector<std::string> stale;
    while (std::fgets(line, sizeof line, list.get())) {
      int pid = 0;
      char side = 0;
      if (std::sscanf(line, "lc-%d-%c", &pid, &side) == 2 && pid > 0 && ::kill(pid, 0) != 0)
        stale.push_back("lc-" + std::to_string(pid) + "-" + side);
    }
    for (const auto& name : stale) {
      run("for p in $(ip netns pids " + name + "); do kill -9 $p; done");
      run("ip netns del " + name);
    }
  }

  std::string a_, b_;
  bool made_ = false;
};

}  // namespace scenario_test
