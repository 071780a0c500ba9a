// clients_as_threads: many HTTP clients in one process, as the reference's demo.
#include "clients_as_threads.hpp"
#include "lc/lc.hpp"

LC_MAIN(clients_as_threads)
