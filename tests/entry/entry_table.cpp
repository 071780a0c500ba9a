#include "programs.hpp"

LC_TYPE(std::vector<std::vector<double>>)

std::vector<std::vector<double>> table(lc::channel&, const test_entry::table_settings& s) {
  return std::vector<std::vector<double>>(static_cast<std::size_t>(s.x), std::vector<double>(static_cast<std::size_t>(s.y), s.value));
}

int main(int argc, char** argv) { return lc::run(table, argc, argv); }
