#pragma once
// create<lc::GetResponse>(request, server, seconds): sends request to server and completes with the
// first reply; TimedOut after `seconds`, Aborted on Stop, and at once a Faulted when the server is
// not alive or ends before replying (the reference would wait for a timeout that cannot help).
#include <optional>
#include <string_view>

#include "lc/machine.hpp"
#include "lc/runtime.hpp"

namespace lc {

struct GetResponse : stateless<GetResponse, Start, Stop, T1, Gone> {
  GetResponse(message request, address server, std::optional<double> seconds = {})
      : request_(std::move(request)), server_(server), seconds_(seconds) {}
  void on(const Start&);
  void on(const Stop&);
  void on(const T1&);
  void on(const Gone&);
  void on_unknown(const message& m);

 private:
  void finish_with(message value);  // stops watching the server, then finish()
  message request_;
  address server_;
  std::optional<double> seconds_;
};

}  // namespace lc
