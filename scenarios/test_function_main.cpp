// The executables test_function_5 and test_function_6: texture() as the process's main function.
#include "lc/main.hpp"
#include "texture_process.hpp"

LC_MAIN(texture_process)
