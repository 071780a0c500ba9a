// A process killed while it stores leaves the old value or the new one, never a torn file: a
// child stores two values in turn as fast as it can and is killed with SIGKILL at random
// instants, and after every kill the file recovers to one of the two.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "lc/folder.hpp"
#include "scratch_folder.hpp"

namespace {

using namespace storage_test;
using namespace std::chrono;
using text_list = std::vector<std::string>;

// Two values of different lengths, big enough that writing one takes many pages.
text_list value_of(const std::string& word, int count) {
  text_list v;
  for (int i = 0; i < count; ++i) v.push_back(word + "-" + std::to_string(i));
  return v;
}

[[noreturn]] void store_in_turn_forever(const lc::File<text_list>& file, const text_list& a, const text_list& b) {
  try {
    for (;;) {
      file.store(a);
      file.store(b);
    }
  } catch (...) {
    ::_exit(3);
  }
}

TEST(crash, a_store_killed_at_any_instant_leaves_the_old_or_the_new_value_and_temporaries_are_ignored) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  auto file = folder.file<text_list>("crash");
  const auto a = value_of("alpha", 30000);
  const auto b = value_of("beta", 20000);
  // Kills land anywhere in the first two rounds of the child's loop, however fast it runs here.
  auto started = steady_clock::now();
  file.store(b);
  file.store(a);
  auto round = duration_cast<microseconds>(steady_clock::now() - started);

  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<std::int64_t> delay_us(0, 2 * round.count() + 1000);
  const auto deadline = steady_clock::now() + seconds(60);
  int kills = 0, saw_a = 0, saw_b = 0;
  for (; kills < 200 && steady_clock::now() < deadline; ++kills) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) store_in_turn_forever(file, a, b);
    std::this_thread::sleep_for(microseconds(delay_us(random)));  // the random instant, not a wait
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child stopped by itself, status " << status;
    text_list now;
    ASSERT_NO_THROW(now = file.recover()) << "after kill " << kills;
    ASSERT_TRUE(now == a || now == b) << "after kill " << kills << " the file holds " << now.size() << " items";
    (now == a ? saw_a : saw_b)++;
  }
  EXPECT_GE(kills, 50);
  EXPECT_GT(saw_a, 0);
  EXPECT_GT(saw_b, 0);
  EXPECT_EQ(folder.matching(), text_list{"crash"});
  std::cout << kills << " kills: " << saw_a << " alpha, " << saw_b << " beta, "
            << scratch.names().size() - 1 << " temporaries left by killed stores\n";
  file.store(b);
  EXPECT_EQ(file.recover(), b);
}

}  // namespace
