#include "lc/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace lc::detail {

namespace {

namespace fs = std::filesystem;

std::string reason(int error) { return std::strerror(error); }

// A descriptor that is closed however the function leaves.
class descriptor {
 public:
  explicit descriptor(int fd) : fd_(fd) {}
  ~descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  int get() const { return fd_; }
  int close() {  // 0, or the errno of a failed close
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// ".customers.json.k3Xq9z" beside the target, created as open(O_EXCL) creates, so the umask
// gives it the mode a plain new file gets. Tries other names while they are taken.
std::pair<int, fs::path> open_temporary(const fs::path& name) {
  static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 random(std::random_device{}());
  auto folder = name.parent_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto bits = random() ^ static_cast<std::uint64_t>(::getpid());  // a forked child draws like its parent
    std::string suffix;
    for (int k = 0; k < 6; ++k, bits /= 62) suffix += letters[bits % 62];
    auto temporary = folder / ("." + name.filename().native() + "." + suffix);
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return {fd, temporary};
    if (errno != EEXIST) return {-errno, temporary};
  }
  return {-EEXIST, {}};
}

int write_all(int fd, std::string_view bytes) {  // 0, or errno
  while (!bytes.empty()) {
    auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// The rename is only on the disk once the folder is; some file systems cannot sync a folder.
int sync_folder(const fs::path& folder) {
  descriptor fd(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno;
  if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != ENOTSUP) return errno;
  return fd.close();
}

}  // namespace

file_error file_failure(std::string_view doing, const fs::path& name, std::string_view why) {
  std::error_code ignored;
  auto absolute = fs::absolute(name, ignored);
  return file_error("cannot " + std::string(doing) + " \"" + (absolute.empty() ? name : absolute).native() +
                    "\" (" + std::string(why) + ")");
}

void replace_file(const fs::path& name, std::string_view bytes) {
  auto [fd_or_error, temporary] = open_temporary(name);
  if (fd_or_error < 0) throw file_failure("store", name, reason(-fd_or_error));
  descriptor fd(fd_or_error);
  int error = 0;
  struct stat old {};
  if (::stat(name.c_str(), &old) == 0 && ::fchmod(fd.get(), old.st_mode & 07777) != 0) error = errno;  // a private file stays private
  if (error == 0) error = write_all(fd.get(), bytes);
  if (error == 0 && ::fsync(fd.get()) != 0) error = errno;
  if (int closed = fd.close(); error == 0) error = closed;
  if (error == 0 && ::rename(temporary.c_str(), name.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    throw file_failure("store", name, reason(error));
  }
  if (int synced = sync_folder(name.parent_path()); synced != 0) throw file_failure("store", name, reason(synced));
}

std::optional<std::string> read_file(const fs::path& name) {
  descriptor fd(::open(name.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw file_failure("recover", name, reason(errno));
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    auto n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) return text;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw file_failure("recover", name, reason(errno));
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

bool remove_file(const fs::path& name) {
  if (::unlink(name.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  throw file_failure("remove", name, reason(errno));
}

}  // namespace lc::detail
