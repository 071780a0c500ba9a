// A server that complains and never listens; it gives up after 30 s.
#include <unistd.h>

#include <iostream>

int main() {
  std::cerr << "fake_never_listens: waiting for a database that never comes" << std::endl;
  sleep(30);
  return 1;
}
