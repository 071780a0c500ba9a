// The executables test_worker_7 and test_worker_8: the worker as a library process's main object.
#include "lc/entry_point.hpp"
#include "test_worker.hpp"

LC_MAIN(worker)
