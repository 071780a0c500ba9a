// The executables test_worker_7 and test_worker_8: the worker as a library process's main object.
#include "lc/main.hpp"
#include "worker.hpp"

LC_MAIN(worker)
