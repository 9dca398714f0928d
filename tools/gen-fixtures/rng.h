#pragma once
// Random numbers that are the same on every platform: std::mt19937_64's output is fixed by the
// standard, but std::uniform_int_distribution and std::shuffle are not, so every derived number
// here is plain arithmetic on the engine's output. No transcendental functions either (their last
// bit may differ between libms).

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace lsm::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), n > 0. The modulo bias is below 2^-40 for the sizes used here.
  uint64_t below(uint64_t n) { return engine_() % n; }
  // Uniform in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool percent(int p) { return below(100) < static_cast<uint64_t>(p); }
  // In [0, n), skewed toward 0: floor(n * u^power), so low indices come up far more often.
  size_t skewed(size_t n, int power) {
    double u = unit(), x = u;
    for (int i = 1; i < power; ++i)
      x *= u;
    return static_cast<size_t>(static_cast<double>(n) * x);
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // Fisher-Yates.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace lsm::gen
