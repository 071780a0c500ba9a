#pragma once
// The child's end of a library process: connects back to the parent that started it, hands every
// message from the parent to the main object (replies go straight back through the connection)
// and stops the main object when the parent's connection goes.
#include "lc/machine.hpp"
#include "lc/net_messages.hpp"
#include "lc/process_object.hpp"

namespace lc {

class library_host : public stateless<library_host, Start, Stop, Connected, NotConnected, Closed> {
 public:
  static constexpr std::string_view thread_name = "library-host";

  library_host(address main, HostPort parent) : main_(main), parent_(std::move(parent)) {}

  void on(const Start&);
  void on(const Stop&);
  void on(const Connected&);
  void on(const NotConnected& refused);
  void on(const Closed& closed);
  void on_unknown(const message& m);

 private:
  address main_;
  HostPort parent_;
};

}  // namespace lc
