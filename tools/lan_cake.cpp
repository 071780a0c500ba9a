// lan-cake: the directory at LAN scope (lc/host_directory.hpp), as the reference's script: the
// host-cakes of several hosts connect to it (their --directory-at-lan).
#include <optional>

#include "lc/lc.hpp"

namespace {

struct lan_settings {
  std::optional<lc::HostPort> directory_at_lan;  // where to listen; all interfaces by default
  std::optional<bool> encrypted_directory;       // accepted; not implemented yet
};
BOOST_DESCRIBE_STRUCT(lan_settings, (), (directory_at_lan, encrypted_directory))

lc::message lan(lc::channel& self, const lan_settings& settings) {
  auto m = lc::lan_directory(self, settings.directory_at_lan.value_or(lc::HostPort{"0.0.0.0", 54195}));
  if (m.get<lc::Aborted>()) return m;
  if (auto* refused = m.get<lc::Faulted>()) return lc::Faulted("directory terminated", refused->to_string());
  return m;
}

}  // namespace

LC_MAIN(lan)
