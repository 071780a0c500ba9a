#pragma once
// map<K,V> that keeps insertion order, as a Python dict does: the wire order of its pairs is
// the order they were put in (std::map would sort them).
#include <utility>
#include <vector>

#include "lc/portable.hpp"

namespace lc {

template <class K, class V>
class ordered_map : public std::vector<std::pair<K, V>> {
 public:
  using key_type = K;
  using mapped_type = V;
  using std::vector<std::pair<K, V>>::vector;

  const V* find_value(const K& key) const {
    for (const auto& [k, v] : *this)
      if (k == key) return &v;
    return nullptr;
  }
  // A key put twice keeps its first place and takes the last value.
  void insert_or_assign(K key, V value) {
    for (auto& [k, v] : *this)
      if (k == key) { v = std::move(value); return; }
    this->emplace_back(std::move(key), std::move(value));
  }
};

template <portable K, portable V>
struct portable_traits<ordered_map<K, V>> {
  static std::string signature() { return "map<" + signature_of<K>() + "," + signature_of<V>() + ">"; }
};

}  // namespace lc
