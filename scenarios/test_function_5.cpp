#include "lc/process_object.hpp"
#include "texture_process.hpp"

LC_PROCESS(texture, "test_function_5")
