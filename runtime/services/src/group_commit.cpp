#include "lc/group_commit.hpp"

#include "lc/channel.hpp"

namespace lc {
namespace {

message file_writer(channel& self, const std::filesystem::path& name) {
  for (;;) {
    message m = self.input();
    if (auto* store = m.get<StoreFile>()) {
      FileStored done{store->generation, std::nullopt};
      try {
        detail::replace_file(name, store->text);
      } catch (const file_error& e) {
        done.error = e.what();
      }
      self.reply(std::move(done));
    } else if (m.is<Stop>()) {
      return Aborted{};
    }
  }
}

}  // namespace

address detail::start_file_writer(object& self, std::filesystem::path name) {
  static const bool named = (bind(file_writer, "file_writer"), true);
  (void)named;
  return self.create(file_writer, std::move(name));
}

}  // namespace lc
