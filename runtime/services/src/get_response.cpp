#include "lc/get_response.hpp"

namespace lc {

void GetResponse::on(const Start&) {
  if (!detail::watch(server_, self_address()))
    return finish(Faulted("no response", "address " + server_.to_string() + " is not alive"));
  send(request_, server_);
  if (seconds_) start<T1>(*seconds_);
}
void GetResponse::on(const Stop&) { finish_with(Aborted{}); }
void GetResponse::on(const T1&) { finish_with(TimedOut(T1{})); }
void GetResponse::on(const Gone& g) {
  if (g.who == server_)
    return finish(Faulted("no response", "address " + server_.to_string() + " ended before replying"));
  finish_with(received());
}
void GetResponse::on_unknown(const message& m) { finish_with(m); }
void GetResponse::finish_with(message value) {
  detail::unwatch(server_, self_address());
  finish(std::move(value));
}

}  // namespace lc
