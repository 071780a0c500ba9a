#include "lc/home_folders.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "home_paths.hpp"

namespace lc {

namespace {

namespace fs = std::filesystem;

struct home_paths {
  std::mutex lock;
  std::optional<fs::path> model;
  std::optional<fs::path> resource;
};

home_paths& paths() {
  static home_paths p;
  return p;
}

// Made on first use; removed at exit by the process that made it (not by a forked child).
class tmp_space {
 public:
  ~tmp_space() { remove(); }

  fs::path path() {
    std::lock_guard guard(lock_);
    if (path_.empty()) {
      const char* root = std::getenv("TMPDIR");
      std::string pattern = (root && *root ? fs::path(root) : fs::path("/tmp")) / "lc-XXXXXX";
      if (!::mkdtemp(pattern.data())) throw detail::file_failure("create", pattern, std::strerror(errno));
      path_ = pattern;
      owner_ = ::getpid();
    }
    return path_;
  }

  // A folder of the role's, emptied; not this process's to remove.
  void use(const fs::path& folder) {
    std::lock_guard guard(lock_);
    std::error_code error;
    fs::create_directories(folder, error);
    for (auto it = fs::directory_iterator(folder, error); !error && it != fs::directory_iterator(); it.increment(error))
      fs::remove_all(it->path(), error);
    if (error) throw detail::file_failure("empty", folder, error.message());
    path_ = folder;
    owner_ = 0;
  }

  void remove() {
    std::lock_guard guard(lock_);
    if (path_.empty() || owner_ != ::getpid()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    path_.clear();
  }

 private:
  std::mutex lock_;
  fs::path path_;
  pid_t owner_ = 0;
};

tmp_space& tmp() {
  static tmp_space space;
  return space;
}

}  // namespace

namespace detail {

void record_home_paths(const command_line& flags) {
  auto& p = paths();
  std::lock_guard guard(p.lock);
  std::error_code ignored;
  p.model = flags.model_path ? fs::path(*flags.model_path) : fs::current_path(ignored);
  p.resource.reset();
  if (flags.resource_path) {  // as os.path.abspath: "a/../b/" is "<cwd>/b"
    auto path = fs::absolute(*flags.resource_path, ignored).lexically_normal();
    p.resource = path.has_filename() || path == path.root_path() ? path : path.parent_path();
  }
}

void use_role_folders(const home_role& role, const command_line& flags) {
  {
    auto& p = paths();
    std::lock_guard guard(p.lock);
    if (!flags.model_path) p.model = role.model();
    if (!flags.resource_path) p.resource = role.resource;
  }
  tmp().use(role.tmp());
}

void remove_tmp_folder() { tmp().remove(); }

}  // namespace detail

Folder model_folder() {
  auto& p = paths();
  std::unique_lock guard(p.lock);
  auto path = p.model ? *p.model : fs::current_path();
  guard.unlock();
  return Folder(path);
}

std::optional<Folder> resource_folder() {
  auto& p = paths();
  std::unique_lock guard(p.lock);
  auto path = p.resource;
  guard.unlock();
  if (!path) return std::nullopt;
  return Folder(*path);
}

Folder tmp_folder() { return Folder(tmp().path()); }

}  // namespace lc
