#include "lc/lc.hpp"
