#pragma once
// Time as the API writes it: ISO-8601 UTC with milliseconds ("2026-01-15T10:30:00.000Z"), and the
// mock's clock, which tests and the control API can set or advance.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lsm {

using Millis = int64_t;  // milliseconds since the Unix epoch, UTC

std::string formatIsoMillis(Millis t);
// Accepts RFC 3339 date-times: fractional seconds optional (any digits), 'Z' or +hh:mm offset.
std::optional<Millis> parseIsoDateTime(std::string_view s);
bool isIsoDateTime(std::string_view s);

// The mock's clock: system time plus an offset, or a fixed time once set.
class Clock {
 public:
  Millis now() const;
  void set(Millis t);  // the clock keeps running from t
  void advance(Millis delta);
  void reset();  // back to system time
  // How far the clock is from system time: moves only when it is set, advanced or reset.
  Millis offset() const { return offset_.load(std::memory_order_relaxed); }

 private:
  std::atomic<Millis> offset_{0};
};

Millis systemNowMillis();

}  // namespace lsm
