#pragma once
// Waiting for one message in a test's object, with a deadline.
#include <chrono>
#include <optional>
#include <string>

#include "lc/channel.hpp"

// The next message of type T within `seconds`. Anything else the app sees is a failure here,
// since these apps expect nothing else (in particular no KeepAlive or StillThere).
template <class T>
std::optional<T> next(lc::channel& self, std::string& unexpected, double seconds = 10.0) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    auto m = self.input(std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count());
    if (!m) break;
    if (auto* t = m->get<T>()) return *t;
    unexpected += " " + m->type_name();
  }
  return std::nullopt;
}


// The next message of type T within `seconds`, anything else skipped; empty at the deadline.
template <class T>
lc::message expect(lc::channel& self, double seconds = 30.0) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    auto m = self.input(1.0);
    if (m && m->get<T>()) return *m;
  }
  return {};
}
