// Scenario 7's server runs worker in the executable test_worker_7, a library process.
#include "lc/process_object.hpp"
#include "worker.hpp"

LC_LIBRARY(worker, "test_worker_7")
