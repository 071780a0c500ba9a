#include "lc/process_object.hpp"
#include "test_worker.hpp"

LC_LIBRARY(worker, "test_worker_8")
