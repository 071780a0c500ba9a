#include "lc/entry_point.hpp"
#include "test_child.hpp"

int main(int argc, char** argv) { return lc::run(test_child, argc, argv); }
