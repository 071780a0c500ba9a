#include "lc_harness/resource_load.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

namespace {

connection_model model_with(std::map<std::int64_t, std::optional<customer>> records) {
  connection_model m;
  m.prefix = "c0-";
  m.records = std::move(records);
  return m;
}

}  // namespace

TEST(resource_model, parses_a_listing_and_the_stored_file_alike) {
  const auto listing = parse_customer_table(
      R"({"value":["map<integer8,test_resource.Customer>",[[1,{"name":"Bob","age":42}],[3,{"name":"Al","age":7}]],[]]})");
  const auto file = parse_customer_table(R"({"value":[[1,{"age":42,"name":"Bob"}],[3,{"age":7,"name":"Al"}]]})");
  EXPECT_EQ(listing, file);
  EXPECT_EQ(listing.at(3), (customer{"Al", 7}));
  EXPECT_THROW(parse_customer_table(R"({"value":[[1,{"na)"), std::exception);
}

TEST(resource_model, the_reply_is_the_servers_bytes) {
  EXPECT_EQ(customer_reply({"Bob", 42}), R"({"value":["test_resource.Customer",{"name":"Bob","age":42},[]]})");
  EXPECT_EQ(customer_body({"Bob", 42}), R"({"value":{"name":"Bob","age":42}})");
}

TEST(resource_model, every_acknowledged_state_must_be_stored) {
  const auto m = model_with({{1, customer{"c0-1", 5}}, {2, std::nullopt}});
  EXPECT_TRUE(store_problems({{1, {"c0-1", 5}}, {7, {"c1-1", 1}}}, {m}).empty());
  EXPECT_EQ(store_problems({{1, {"c0-1", 6}}}, {m}).size(), 1u);                     // an acknowledged PUT lost
  EXPECT_EQ(store_problems({{1, {"c0-1", 5}}, {2, {"c0-2", 1}}}, {m}).size(), 1u);  // a DELETE lost
  EXPECT_EQ(store_problems({{1, {"c0-1", 5}}, {4, {"c0-9", 1}}}, {m}).size(), 1u);  // never acknowledged
}

TEST(resource_model, a_write_in_flight_may_be_either_way) {
  auto m = model_with({{1, customer{"c0-1", 5}}});
  m.in_flight = connection_model::write{1, customer{"c0-3", 9}};
  EXPECT_TRUE(store_problems({{1, {"c0-1", 5}}}, {m}).empty());
  EXPECT_TRUE(store_problems({{1, {"c0-3", 9}}}, {m}).empty());
  m.in_flight = connection_model::write{std::nullopt, customer{"c0-4", 2}};
  EXPECT_TRUE(store_problems({{1, {"c0-1", 5}}, {5, {"c0-4", 2}}}, {m}).empty());
  EXPECT_TRUE(store_problems({{1, {"c0-1", 5}}}, {m}).empty());
}

TEST(resource_model, an_acknowledged_create_without_a_known_id_must_be_stored) {
  auto m = model_with({});
  m.unplaced = {customer{"c0-1", 5}};
  EXPECT_TRUE(store_problems({{8, {"c0-1", 5}}}, {m}).empty());
  EXPECT_EQ(store_problems({}, {m}).size(), 1u);
}
