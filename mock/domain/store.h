#pragma once
// The one lock discipline: every read of State happens under a shared lock, every change under the
// exclusive lock, for the whole of one domain operation (so a check and its update are atomic).
// Responses are computed from State inside the lock; serialising them happens outside.

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <utility>

#include "domain/aspects.h"
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
  // A write that may change only `changes` (domain/aspects.h); those aspects' versions move.
  template <typename F>
  auto write(Aspects changes, F&& f) {
    std::unique_lock lock(mu_);
    bump(changes);
    if (!audit_) return f(state_);
    const auto before = aspectFingerprints(state_);
    auto result = f(state_);
    const Aspects undeclared = changedAspects(before, aspectFingerprints(state_)) & ~changes;
    if (undeclared) {
      bump(kAllAspects);  // nothing stale is served after the failed audit either
      throw std::logic_error("a write declared to change " + describeAspects(changes) +
                             " also changed " + describeAspects(undeclared));
    }
    return result;
  }
  // A write that may change anything.
  template <typename F>
  auto write(F&& f) {
    return write(kAllAspects, std::forward<F>(f));
  }
  void replace(State next) {
    std::unique_lock lock(mu_);
    bump(kAllAspects);
    state_ = std::move(next);
  }

  // Grows with every write (a write that changed nothing counts too); --state-file saves when it
  // moved.
  uint64_t version() const { return versionOf(kAllAspects); }
  // Grows with every write that may change one of `aspects`: what a remembered read made from
  // those aspects is keyed on. (A sum of counters that only grow moves when any of them does.)
  uint64_t versionOf(Aspects aspects) const {
    uint64_t sum = 0;
    for (size_t i = 0; i < kAspectCount; ++i) {
      if (aspects & (1u << i)) sum += versions_[i].load(std::memory_order_relaxed);
    }
    return sum;
  }

  // --audit-writes: every write checks that it changed only what it declared, and throws
  // std::logic_error (a 500 naming the aspects) when it did not. Set before serving.
  void setAuditWrites(bool on) { audit_ = on; }

 private:
  void bump(Aspects aspects) {
    for (size_t i = 0; i < kAspectCount; ++i) {
      if (aspects & (1u << i)) versions_[i].fetch_add(1, std::memory_order_relaxed);
    }
  }

  mutable std::shared_mutex mu_;
  State state_;  // guarded by mu_
  std::array<std::atomic<uint64_t>, kAspectCount> versions_{};
  bool audit_ = false;
};

}  // namespace lsm
