#pragma once
// The process's end of the directory tree: an object on a thread of its own, started on the
// first listing wider than the process's directory scope. It pushes those listings up to the
// parent directory (--connect-to-directory, else 127.0.0.1:54195 in a process started by the
// entry point), listens on a loopback port for each publication, connects to the publisher's
// process for each route the parent sends, and tells both sides Available/Delivered/Dropped with
// addresses that lead over that connection.
#include <optional>

#include "lc/directory_links.hpp"

namespace lc::detail {

// The process's directory link (started if needed), or nothing when the process has no parent
// directory or the scope is not pushed.
std::optional<address> directory_link(ScopeOfDirectory scope);
// The link if it runs, without starting it.
std::optional<address> running_directory_link();

// Where the link connects: --connect-to-directory, else host-cake's address in a process started
// by the entry point; nothing in a library child or a process without a parent directory.
std::optional<HostPort> parent_directory();

}  // namespace lc::detail
