#pragma once
// A File whose stores run on a thread of their own, each one carrying every change made since the
// one before began, and whose replies wait until their change is on the disk (a group commit).
//
//   lc::group_commit<customers> table(self, lc::model_folder().file<customers>("customers", options));
//   table.change()[id] = customer;                  // in latest() now, in stored() once on disk
//   return table.reply_when_stored(created);        // sent when the file holds the change
//   ...
//   else if (auto* done = m.get<lc::FileStored>()) table.on(*done);
//
// Reads answered from stored() never wait for the disk and never show a change that a crash could
// still take back. A store that fails answers every waiting reply with a Faulted (500) naming the
// file, and latest() goes back to stored().
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include <boost/describe.hpp>

#include "lc/file.hpp"
#include "lc/message.hpp"
#include "lc/object.hpp"

namespace lc {

struct StoreFile {
  std::uint64_t generation = 0;
  std::string text;
};
BOOST_DESCRIBE_STRUCT(StoreFile, (), (generation, text))

struct FileStored {
  std::uint64_t generation = 0;
  std::optional<std::string> error;  // the file_error's text
};
BOOST_DESCRIBE_STRUCT(FileStored, (), (generation, error))

}  // namespace lc

LC_MESSAGE(lc::StoreFile, "lc.storage.StoreFile")
LC_MESSAGE(lc::FileStored, "lc.storage.FileStored")

namespace lc {
namespace detail {
// A function on its own thread that replaces `name` with each StoreFile's text and replies FileStored.
address start_file_writer(object& self, std::filesystem::path name);
}  // namespace detail

template <portable T>
class group_commit {
 public:
  // Recovers the file now (file_error as File::recover) and starts its writer.
  group_commit(object& self, File<T> file)
      : self_(self), file_(std::move(file)), stored_(file_.recover()), latest_(stored_),
        writer_(detail::start_file_writer(self, file_.full_name())) {}

  const T& stored() const { return stored_; }
  const T& latest() const { return latest_; }
  T& change() { return latest_; }

  // Holds `reply` for the sender of the message being handled until latest() is on disk. Returns
  // nothing, which is what a handler returns to send no reply of its own.
  message reply_when_stored(message reply) {
    held_.push_back({self_.return_address(), std::move(reply), next_generation_});
    if (!writing_) write();
    return {};
  }

  // Holds a reply that depends on latest() without changing it (a 404 for what a delete on its way
  // to the disk removed) until every change before it is on disk, so that a store that fails
  // answers it as it answers them. Sent now, when nothing is on its way.
  message reply_when_settled(message reply) {
    if (held_.empty()) return reply;
    auto generation = held_.back().generation;  // the last change's: in flight, or the next store
    held_.push_back({self_.return_address(), std::move(reply), generation});
    return {};
  }

  // The writer's answer: the replies it covers go out, and the next store begins if one waits.
  void on(const FileStored& done) {
    writing_ = false;
    if (done.error) {
      latest_ = stored_;
      for (auto& h : held_) self_.send(Faulted(*done.error, std::nullopt, 500), h.to);
      held_.clear();
      return;
    }
    stored_ = std::move(in_flight_);
    while (!held_.empty() && held_.front().generation <= done.generation) {
      self_.send(std::move(held_.front().reply), held_.front().to);
      held_.pop_front();
    }
    if (!held_.empty()) write();
  }

 private:
  struct held_reply {
    address to;
    message reply;
    std::uint64_t generation;
  };

  void write() {
    std::string text;
    try {
      text = file_.text(latest_);
    } catch (const file_error& e) {
      on(FileStored{next_generation_, e.what()});
      return;
    }
    in_flight_ = latest_;
    self_.send(StoreFile{next_generation_++, std::move(text)}, writer_);
    writing_ = true;
  }

  object& self_;
  File<T> file_;
  T stored_;
  T latest_;
  T in_flight_;
  address writer_;
  std::deque<held_reply> held_;
  std::uint64_t next_generation_ = 1;
  bool writing_ = false;
};

}  // namespace lc
