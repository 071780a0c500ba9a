#include "lc/directory_listing.hpp"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>

namespace lc {

std::string executable_name() { return program_invocation_short_name; }

std::string primary_ip() {
  ifaddrs* all = nullptr;
  if (getifaddrs(&all) != 0) return "(not detected)";
  std::string found = "(not detected)";
  for (auto* i = all; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
    if (!(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK)) continue;
    char text[INET_ADDRSTRLEN];
    auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) {
      found = text;
      break;
    }
  }
  freeifaddrs(all);
  return found;
}

}  // namespace lc
