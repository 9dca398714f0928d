#include "domain/clock_tick.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace lsm {
namespace {

constexpr Millis kBase = 1'800'000'000'000;  // 2027-01-15
constexpr Millis kHour = 3'600'000;

// `n` scheduled streams, stream i planned (i + 1) hours after kBase.
State scheduled(int n) {
  State s;
  for (int i = 0; i < n; ++i) {
    Stream st;
    st.id = "stream-" + std::to_string(i);
    st.creator_id = "creator";
    st.status = StreamStatus::kScheduled;
    st.planned_start_date = kBase + (i + 1) * kHour;
    s.streams.emplace(st.id, st);
  }
  return s;
}

TEST(ClockTick, ATickWithNothingDueLeavesTheVersionAlone) {
  Store store(scheduled(1));
  Clock clock;
  clock.set(kBase);
  const uint64_t before = store.version();
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(tickClock(store, clock).started_streams.empty());
  EXPECT_EQ(store.version(), before);
  clock.advance(2 * kHour);
  EXPECT_EQ(tickClock(store, clock).started_streams, std::vector<std::string>{"stream-0"});
  EXPECT_GT(store.version(), before);
  const uint64_t after = store.version();
  tickClock(store, clock);
  EXPECT_EQ(store.version(), after);
}

// The ticker spins while the clock jumps past a stream's planned start, many times over: every
// change must report the stream it started, never leave it to a tick that slipped in between.
TEST(ClockTick, AClockChangeAlwaysReportsItsOwnEffectsWhileTheTickerRuns) {
  Store store(scheduled(1));
  Clock clock;
  std::atomic<bool> stop{false};
  std::atomic<int> ticked{0};
  std::thread ticker([&] {
    while (!stop) {
      ticked += static_cast<int>(tickClock(store, clock).started_streams.size());
      std::this_thread::yield();
    }
  });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  int changes = 0, reported = 0;
  while (changes < 200000 && std::chrono::steady_clock::now() < give_up) {
    clock.set(kBase);  // first the clock, so the ticker finds nothing due in the fresh state
    store.replace(scheduled(1));
    auto change = changeClock(store, clock, [](Clock& c) { c.advance(2 * kHour); });
    ++changes;
    if (change.effects.started_streams == std::vector<std::string>{"stream-0"}) ++reported;
  }
  stop = true;
  ticker.join();
  EXPECT_GT(changes, 1000);
  EXPECT_EQ(reported, changes);
  EXPECT_EQ(ticked.load(), 0) << "the ticker took effects a clock change should have reported";
}

}  // namespace
}  // namespace lsm
