#pragma once
#include "lc_harness/latency_histogram.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lc::harness {

struct customer {
  std::string name;
  std::int64_t age = 0;
  bool operator==(const customer&) const = default;
};

// One connection's own records as its acknowledged replies left them. POST returns no id, so a
// created record is `unplaced` until a listing shows its (unique) name.
struct connection_model {
  struct write {
    std::optional<std::int64_t> id;  // none: a POST
    std::optional<customer> after;   // none: a DELETE
  };
  std::string prefix;                                       // "c3-": every name it creates starts so
  std::map<std::int64_t, std::optional<customer>> records;  // none: deleted
  std::vector<customer> unplaced;
  std::optional<write> in_flight;  // sent, reply not (yet) read: either outcome is right
};

struct resource_load_options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  int connections = 8;
  int read_percent = 90;  // the rest are writes: POST, PUT and DELETE of the connection's own records
  int preload = 8;        // records each connection creates before the measured window
  std::chrono::milliseconds duration{1000};
  std::chrono::milliseconds timeout{5000};
  std::uint64_t seed = 1;
  // Not empty: the read ceiling, every request a GET that must be answered 200 with exactly this.
  std::string fixed_body;
  // Called once when the measured window ends; the connections then go on until the server
  // closes them (the teardown check signals it here). Empty: they stop at the window's end.
  std::function<void()> at_window_end;
};

struct resource_result {
  std::uint64_t reads = 0, writes = 0;  // validated replies inside the measured window
  std::uint64_t errors = 0;             // transport failures before the window's end, wrong statuses or bodies
  std::vector<std::string> first_errors;
  double seconds = 0.0;
  double generator_cpu_share = 0.0;  // this process's CPU seconds per wall second, preload included
  latency_histogram latency;
  std::string read_body;  // one GET /customer/N reply, the read ceiling's body
  std::vector<connection_model> models;

  double reads_per_second() const { return seconds > 0 ? reads / seconds : 0.0; }
  double writes_per_second() const { return seconds > 0 ? writes / seconds : 0.0; }
};

resource_result run_resource_load(const resource_load_options& options);

std::string customer_body(const customer& c);  // {"value":{"name":..,"age":..}}, a POST or PUT body
std::string customer_reply(const customer& c);  // the exact GET /customer/N reply

// What the store (customers.json, or a GET /customer listing) holds, by id; throws if it is not one.
std::map<std::int64_t, customer> parse_customer_table(const std::string& text);

// What in `table` contradicts the connections' models: every acknowledged state must be there, a
// write still in flight may be either way, and no own record may be unknown.
std::vector<std::string> store_problems(const std::map<std::int64_t, customer>& table,
                                        const std::vector<connection_model>& models);

}  // namespace lc::harness
