// host-cake: the directory at HOST scope (lc/host_directory.hpp), as the reference's script.
#include <optional>

#include "lc/lc.hpp"

namespace {

struct host_settings {
  std::optional<lc::HostPort> directory_at_host;
  std::optional<lc::HostPort> directory_at_lan;  // lan-cake's, to pass listings wider than HOST up to
  std::optional<bool> encrypted_directory;       // accepted; not implemented yet
};
BOOST_DESCRIBE_STRUCT(host_settings, (), (directory_at_host, directory_at_lan, encrypted_directory))

lc::message host(lc::channel& self, const host_settings& settings) {
  auto m = lc::host_directory(self, settings.directory_at_host.value_or(lc::HostPort{"127.0.0.1", 54195}),
                              settings.directory_at_lan);
  if (m.get<lc::Aborted>()) return m;
  if (auto* refused = m.get<lc::Faulted>()) return lc::Faulted("directory terminated", refused->to_string());
  return m;
}

}  // namespace

LC_MAIN(host)
