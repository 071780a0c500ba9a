#include "programs.hpp"

test_entry::echo_settings echo(lc::channel&, const test_entry::echo_settings& settings) { return settings; }

int main(int argc, char** argv) { return lc::run(echo, argc, argv); }
