#include "programs.hpp"

void nothing(lc::channel&) {}

int main(int argc, char** argv) { return lc::run(nothing, argc, argv); }
