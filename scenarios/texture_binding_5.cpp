// Scenario 5's server runs texture_process in the executable test_function_5.
#include "lc/process_object.hpp"
#include "texture_process.hpp"

LC_PROCESS(texture_process, "test_function_5")
