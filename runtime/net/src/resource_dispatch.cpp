#include "lc/resource_dispatch.hpp"

#include <algorithm>
#include <cctype>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

#include "http_mapping.hpp"

namespace lc {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string bare_name(const std::string& name) {
  auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::string_view method_name(HttpMethod method) { return boost::describe::enum_to_string(method, "?"); }

std::optional<HttpMethod> method_of(std::string_view text) {
  HttpMethod method{};
  if (!boost::describe::enum_from_string(std::string(text).c_str(), method)) return std::nullopt;
  return method;
}

HttpResponse text_response(int status, std::string text) {
  HttpResponse r;
  r.status_code = status;
  r.reason_phrase = std::string(detail::reason_for(status));
  r.body = std::move(text);
  return r;
}

HttpResponse cannot_be_dispatched(object& self, const FormRequest& request, std::string_view error, int status = 400) {
  std::string text = "Cannot map request [" + request.method + "] \"" + request.request + "\" (" + std::string(error) + ")";
  self.warning(text);
  return text_response(status, std::move(text));
}

HttpResponse cannot_be_converted(object& self, const FormRequest& request, std::string_view error, int status) {
  std::string fields;
  for (const auto& [name, value] : request.form_entry) {
    if (!fields.empty()) fields += ',';
    fields += name + "=" + value.value_or("None");
  }
  std::string text = "Cannot complete conversion \"" + fields + "\" (" + std::string(error) + ")";
  self.warning(text);
  return text_response(status, std::move(text));
}

}  // namespace

namespace detail {

void check_json_media(const FormRequest& request) {
  auto found = request.header.end();
  for (auto i = request.header.begin(); i != request.header.end(); ++i)
    if (lower(i->first) == "content-type") found = i;
  if (found == request.header.end()) return;
  auto media = media_type(found->second);
  if (media != "application/json")
    throw conversion_error("a body of media type \"" + media + "\", not application/json", 415);
}

}  // namespace detail

ResourceDispatch::ResourceDispatch(const ReForm& form, std::vector<const type_record*> resources) {
  entry_names_ = form.entry_names();
  auto found = std::find(entry_names_.begin(), entry_names_.end(), "resource");
  if (found == entry_names_.end()) throw std::invalid_argument("form has no \"resource\" entry");
  entry_names_.erase(found);
  for (const auto* r : resources) resource_by_name_.emplace(lower(bare_name(r->name)), r);
}

void ResourceDispatch::add_frame(const type_record& resource, HttpMethod method, const std::vector<std::string>& fields,
                                 call_frame frame) {
  signature key{lower(bare_name(resource.name)), method, {}};
  for (const auto& name : entry_names_)
    key.present.push_back(std::find(fields.begin(), fields.end(), name) != fields.end());
  frames_[std::move(key)] = std::move(frame);
}

message ResourceDispatch::not_allowed(const FormRequest& request, const signature& key) const {
  std::vector<std::string_view> allowed;
  for (const auto& [k, frame] : frames_)
    if (k.resource == key.resource && k.present == key.present) {
      allowed.push_back(method_name(k.method));
      if (k.method == HttpMethod::GET) allowed.push_back("HEAD");
    }
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  if (allowed.empty()) return {};
  std::string allow;
  for (auto m : allowed) allow += (allow.empty() ? "" : ", ") + std::string(m);
  HttpResponse r = text_response(405, "Cannot map request [" + request.method + "] \"" + request.request +
                                          "\" (method not allowed; allowed: " + allow + ")");
  r.header.emplace("Allow", allow);
  return r;
}

message ResourceDispatch::call(object& self, const FormRequest& request) const {
  auto resource = request.form_entry.find("resource");
  auto method = method_of(request.method);
  if (resource == request.form_entry.end() || !resource->second || !method ||
      resource_by_name_.find(*resource->second) == resource_by_name_.end())
    return cannot_be_dispatched(self, request, "unusable resource, method or URI");

  signature key{*resource->second, *method, {}};
  for (const auto& name : entry_names_) {
    auto e = request.form_entry.find(name);
    key.present.push_back(e != request.form_entry.end() && e->second.has_value());
  }
  auto frame = frames_.find(key);
  if (frame == frames_.end() && *method == HttpMethod::HEAD) {
    key.method = HttpMethod::GET;  // HEAD is GET without the body (RFC 9110 §9.3.2)
    frame = frames_.find(key);
    key.method = HttpMethod::HEAD;
  }
  if (frame == frames_.end()) {
    if (auto refused = not_allowed(request, key)) {
      self.warning(refused.get<HttpResponse>()->body.value_or(""));
      return refused;
    }
    return cannot_be_dispatched(self, request, "no matching call signature");
  }
  try {
    return frame->second(self, request);
  } catch (const conversion_error& e) {
    return cannot_be_converted(self, request, e.what(), e.status);
  } catch (const std::exception& e) {
    std::string text = "Cannot complete request [" + request.method + "] \"" + request.request + "\" (" + e.what() + ")";
    self.warning(text);
    return text_response(500, std::move(text));
  }
}

void ResourceDispatch::operator()(object& self, const FormRequest& request) const {
  if (auto reply = call(self, request)) self.reply(std::move(reply));
}

}  // namespace lc
