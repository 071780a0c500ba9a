// A REST customer store that keeps every record right but answers GET /customer/N one year older.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/resource_load.hpp"

#include <boost/json.hpp>

#include <charconv>

using namespace lc::harness;

int main(int argc, char** argv) {
  net::io_context io(1);
  std::map<std::int64_t, customer> store;
  std::int64_t next = 1;
  return run_mini_server(
      {"fake_tampered_customer"}, parse_server_address(argc, argv), io,
      [&](http::verb method, std::string_view target, const std::string& body, reply_fn reply) {
        std::int64_t id = 0;
        const bool one = target.starts_with("/customer/") &&
                         std::from_chars(target.data() + 10, target.data() + target.size(), id).ec == std::errc();
        auto decode = [&body] {
          const auto parsed = boost::json::parse(body);
          const auto& v = parsed.at("value");
          return customer{std::string(v.at("name").as_string()), v.at("age").to_number<std::int64_t>()};
        };
        if (!one && method == http::verb::post) return store[next++] = decode(), reply(http::status::created, "");
        if (!one) {
          boost::json::array entries;
          for (const auto& [n, c] : store) entries.push_back({n, {{"name", c.name}, {"age", c.age}}});
          return reply(http::status::ok, boost::json::serialize(boost::json::object{
                                             {"value", {"map<integer8,test_resource.Customer>", entries, boost::json::array()}}}));
        }
        auto it = store.find(id);
        if (it == store.end()) return reply(http::status::not_found, "");
        if (method == http::verb::put) return it->second = decode(), reply(http::status::ok, "");
        if (method == http::verb::delete_) return store.erase(it), reply(http::status::ok, "");
        reply(http::status::ok, customer_reply({it->second.name, it->second.age + 1}));
      });
}
