#pragma once
// The one lock discipline: every read of State happens under a shared lock, every change under the
// exclusive lock, for the whole of one domain operation (so a check and its update are atomic).
// Responses are computed from State inside the lock; serialising them happens outside.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include "domain/model.h"

namespace lsm {

class Store {
 public:
  explicit Store(State initial) : state_(std::move(initial)) {}

  template <typename F>
  auto read(F&& f) const {
    std::shared_lock lock(mu_);
    return f(static_cast<const State&>(state_));
  }
  template <typename F>
  auto write(F&& f) {
    std::unique_lock lock(mu_);
    version_.fetch_add(1, std::memory_order_relaxed);
    return f(state_);
  }
  void replace(State next) {
    std::unique_lock lock(mu_);
    version_.fetch_add(1, std::memory_order_relaxed);
    state_ = std::move(next);
  }
  // Grows with every write (a write that changed nothing counts too); --state-file saves when it
  // moved.
  uint64_t version() const { return version_.load(std::memory_order_relaxed); }

 private:
  mutable std::shared_mutex mu_;
  State state_;  // guarded by mu_
  std::atomic<uint64_t> version_{0};
};

}  // namespace lsm
