#include "programs.hpp"

lc::message fault(lc::channel&, const test_entry::fault_settings& s) {
  return lc::Faulted("test fault", s.explanation, std::nullopt, s.exit_status);
}

int main(int argc, char** argv) { return lc::run(fault, argc, argv); }
