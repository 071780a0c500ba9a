#include <stdexcept>

#include "programs.hpp"

std::int64_t thrower(lc::channel&) { throw std::runtime_error("kid raised"); }

int main(int argc, char** argv) { return lc::run(thrower, argc, argv); }
