// A machine as the main object, built from its settings; completes with the table at Start and
// with Aborted on Stop.
#include "programs.hpp"

LC_TYPE(std::vector<std::vector<double>>)

struct table_machine : lc::stateless<table_machine, lc::Start> {
  using settings_type = test_entry::table_settings;
  explicit table_machine(const settings_type& s) : settings(s) {}
  void on(const lc::Start&) {
    complete(std::vector<std::vector<double>>(static_cast<std::size_t>(settings.x),
                                              std::vector<double>(static_cast<std::size_t>(settings.y), settings.value)));
  }
  settings_type settings;
};

int main(int argc, char** argv) { return lc::run<table_machine>(argc, argv); }
