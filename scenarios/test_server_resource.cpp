// test_server_resource: a REST server of customers, kept in a file of the model folder.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_resource.hpp"

// Network location and processing of the request URI.
const lc::ReForm resource_form{"/{resource}(/{identity})?", {{"resource", R"(\w+)"}, {"identity", "[0-9]+"}}};

// The store: the file, what it holds, the changes on their way to it, and the next number.
// Owned by the server alone; a change is acknowledged once it is on disk.
struct customer_store {
  lc::group_commit<customer_table> table;
  std::int64_t counter = 1;
};

lc::HttpResponse not_found() { return {.status_code = 404, .reason_phrase = "Not Found"}; }

// Restful style dispatching.
lc::message retrieve_customer(customer_store& db) { return db.table.stored(); }

lc::message create_customer(customer_store& db, const Customer& body) {
  db.table.change()[db.counter++] = body;
  return db.table.reply_when_stored(lc::HttpResponse{.status_code = 201, .reason_phrase = "Created"});
}

lc::message read_customer(customer_store& db, std::int64_t identity, const lc::header_map&) {
  auto customer = db.table.stored().find(identity);
  if (customer == db.table.stored().end()) return not_found();
  return customer->second;
}

lc::message update_customer(customer_store& db, const Customer& body, std::int64_t identity) {
  auto& latest = db.table.change();
  auto customer = latest.find(identity);
  if (customer == latest.end()) return db.table.reply_when_settled(not_found());
  customer->second = body;
  return db.table.reply_when_stored(lc::HttpResponse{.status_code = 200});
}

lc::message delete_customer(customer_store& db, std::int64_t identity) {
  if (db.table.change().erase(identity) == 0) return db.table.reply_when_settled(not_found());
  return db.table.reply_when_stored(lc::HttpResponse{.status_code = 200});
}

lc::message server(lc::channel& self, const server_settings& settings) {
  // Load the saved image from the model folder, or start empty.
  customer_store db{{self, lc::model_folder().file<customer_table>("customers", {.create_default = true})}};
  db.counter = db.table.stored().empty() ? 1 : db.table.stored().rbegin()->first + 1;

  // Map each resource, method and set of fields to a function; each argument has a converter.
  auto with_store = [&db](auto function) { return std::bind_front(function, std::ref(db)); };
  lc::ResourceDispatch dispatch(resource_form, lc::resources<Customer>());
  dispatch.add<Customer>(lc::HttpMethod::GET, with_store(retrieve_customer));
  dispatch.add<Customer>(lc::HttpMethod::POST, with_store(create_customer), lc::decode_resource);
  dispatch.add<Customer>(lc::HttpMethod::GET, with_store(read_customer), lc::entry<std::int64_t>("identity"),
                         lc::request_header);
  dispatch.add<Customer>(lc::HttpMethod::PUT, with_store(update_customer), lc::decode_resource,
                         lc::entry<std::int64_t>("identity"));
  dispatch.add<Customer>(lc::HttpMethod::DELETE, with_store(delete_customer), lc::entry<std::int64_t>("identity"));

  lc::listen(self, settings.server_address, lc::uri_form(resource_form));
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  for (;;) {
    m = self.input();
    if (auto* request = m.get<lc::FormRequest>()) {
      dispatch(self, *request);
    } else if (auto* stored = m.get<lc::FileStored>()) {
      db.table.on(*stored);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
