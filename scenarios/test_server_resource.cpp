// test_server_resource: a REST server of customers, kept in a file of the model folder.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_resource.hpp"

// Network location and processing of the request URI.
const lc::ReForm resource_form{"/{resource}(/{identity})?", {{"resource", R"(\w+)"}, {"identity", "[0-9]+"}}};

// The store: its file, its image in memory and the next number. Owned by the server alone.
struct customer_store {
  lc::File<customer_table> file;
  customer_table memory;
  std::int64_t counter = 1;
};

// Restful style dispatching.
lc::message retrieve_customer(customer_store& db) { return db.memory; }

lc::message create_customer(customer_store& db, const Customer& body) {
  db.memory[db.counter++] = body;
  db.file.store(db.memory);
  return lc::HttpResponse{.status_code = 201, .reason_phrase = "Created"};
}

lc::message read_customer(customer_store& db, std::int64_t identity, const lc::header_map&) {
  auto customer = db.memory.find(identity);
  if (customer == db.memory.end()) return lc::HttpResponse{.status_code = 404, .reason_phrase = "Not Found"};
  return customer->second;
}

lc::message update_customer(customer_store& db, const Customer& body, std::int64_t identity) {
  auto customer = db.memory.find(identity);
  if (customer == db.memory.end()) return lc::HttpResponse{.status_code = 404, .reason_phrase = "Not Found"};
  customer->second = body;
  db.file.store(db.memory);
  return lc::HttpResponse{.status_code = 200};
}

lc::message delete_customer(customer_store& db, std::int64_t identity) {
  if (db.memory.erase(identity) == 0) return lc::HttpResponse{.status_code = 404, .reason_phrase = "Not Found"};
  db.file.store(db.memory);
  return lc::HttpResponse{.status_code = 200};
}

lc::message server(lc::channel& self, const server_settings& settings) {
  // Load the saved image from the model folder, or start empty.
  customer_store db{lc::model_folder().file<customer_table>("customers", {.create_default = true})};
  db.memory = db.file.recover();
  db.counter = db.memory.empty() ? 1 : db.memory.rbegin()->first + 1;

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
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
