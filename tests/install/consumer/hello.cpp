#include "lc/lc.hpp"
std::string hello(lc::channel&) { return "hello"; }
LC_MAIN(hello)
