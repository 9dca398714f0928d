// The stream state machine, every (from, to) pair (mock/domain/stream_lifecycle).
#include "domain/stream_lifecycle.h"

#include <gtest/gtest.h>

#include <string>

namespace lsm {
namespace {

constexpr Millis kCreated = 1768473000000;  // 2026-01-15T10:30:00.000Z
constexpr Millis kNow = kCreated + 3600 * 1000;

Stream streamIn(StreamStatus status) {
  Stream st;
  st.id = "64d15f9e2e6c8f4d5a123456";
  st.status = status;
  st.created_at = st.updated_at = kCreated;
  if (status == StreamStatus::kActive || status == StreamStatus::kEnded) {
    st.started_at = kCreated + 1000;
  }
  if (status == StreamStatus::kEnded) st.ended_at = kCreated + 2000;
  return st;
}

// ---- the allowed transitions, each stamping what it should ----------------------------------

TEST(StreamLifecycle, ScheduledCanBecomeActiveStampingStartedAt) {
  Stream st = streamIn(StreamStatus::kScheduled);
  ASSERT_TRUE(transition(st, StreamStatus::kActive, kNow).ok());
  EXPECT_EQ(st.status, StreamStatus::kActive);
  EXPECT_EQ(st.started_at, kNow);
  EXPECT_FALSE(st.ended_at.has_value());
  EXPECT_EQ(st.updated_at, kNow);
  EXPECT_EQ(st.created_at, kCreated);
}

TEST(StreamLifecycle, ScheduledCanBeCancelledWithoutStartedOrEndedAt) {
  Stream st = streamIn(StreamStatus::kScheduled);
  ASSERT_TRUE(transition(st, StreamStatus::kCancelled, kNow).ok());
  EXPECT_EQ(st.status, StreamStatus::kCancelled);
  EXPECT_FALSE(st.started_at.has_value());
  EXPECT_FALSE(st.ended_at.has_value());
  EXPECT_EQ(st.updated_at, kNow);
}

TEST(StreamLifecycle, ActiveCanEndStampingEndedAtAndKeepingStartedAt) {
  Stream st = streamIn(StreamStatus::kActive);
  ASSERT_TRUE(transition(st, StreamStatus::kEnded, kNow).ok());
  EXPECT_EQ(st.status, StreamStatus::kEnded);
  EXPECT_EQ(st.started_at, kCreated + 1000);
  EXPECT_EQ(st.ended_at, kNow);
  EXPECT_EQ(st.updated_at, kNow);
}

TEST(StreamLifecycle, ActiveCanBeCancelledKeepingStartedAt) {
  Stream st = streamIn(StreamStatus::kActive);
  ASSERT_TRUE(transition(st, StreamStatus::kCancelled, kNow).ok());
  EXPECT_EQ(st.status, StreamStatus::kCancelled);
  EXPECT_EQ(st.started_at, kCreated + 1000);
  EXPECT_FALSE(st.ended_at.has_value());
  EXPECT_EQ(st.updated_at, kNow);
}

TEST(StreamLifecycle, ScheduledActiveEndedIsTheFullLife) {
  Stream st = streamIn(StreamStatus::kScheduled);
  ASSERT_TRUE(transition(st, StreamStatus::kActive, kNow).ok());
  ASSERT_TRUE(transition(st, StreamStatus::kEnded, kNow + 5000).ok());
  EXPECT_EQ(st.started_at, kNow);
  EXPECT_EQ(st.ended_at, kNow + 5000);
  EXPECT_EQ(st.updated_at, kNow + 5000);
}

TEST(StreamLifecycle, EndedCannotBeCancelled) {
  Stream st = streamIn(StreamStatus::kEnded);
  auto r = transition(st, StreamStatus::kCancelled, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().details,
            std::vector<std::string>{"stream is ended and cannot become cancelled"});
  EXPECT_EQ(st.status, StreamStatus::kEnded);
}

// ---- every pair ----------------------------------------------------------------------------

struct Pair {
  StreamStatus from, to;
  bool allowed;
};

std::string name(StreamStatus s) {
  std::string n = toString(s);
  n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return n;
}

class EveryTransition : public ::testing::TestWithParam<Pair> {};

TEST_P(EveryTransition, CanTransitionAndTransitionAgree) {
  const Pair p = GetParam();
  EXPECT_EQ(canTransition(p.from, p.to), p.allowed);
  Stream st = streamIn(p.from);
  const Stream before = st;
  auto r = transition(st, p.to, kNow);
  EXPECT_EQ(r.ok(), p.allowed);
  if (p.allowed) {
    EXPECT_EQ(st.status, p.to);
    EXPECT_EQ(st.updated_at, kNow);
    EXPECT_EQ(st.started_at.has_value(),
              p.to == StreamStatus::kActive || before.started_at.has_value());
    EXPECT_EQ(st.ended_at.has_value(), p.to == StreamStatus::kEnded);
  } else {
    EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
    EXPECT_EQ(r.error().details,
              std::vector<std::string>{std::string("stream is ") + toString(p.from) +
                                       " and cannot become " + toString(p.to)});
    // A refused transition changes nothing.
    EXPECT_EQ(st.status, before.status);
    EXPECT_EQ(st.started_at, before.started_at);
    EXPECT_EQ(st.ended_at, before.ended_at);
    EXPECT_EQ(st.updated_at, before.updated_at);
  }
}

constexpr auto S = StreamStatus::kScheduled;
constexpr auto A = StreamStatus::kActive;
constexpr auto E = StreamStatus::kEnded;
constexpr auto C = StreamStatus::kCancelled;

INSTANTIATE_TEST_SUITE_P(StreamLifecycle, EveryTransition,
                         ::testing::Values(Pair{S, S, false}, Pair{S, A, true}, Pair{S, E, false},
                                           Pair{S, C, true}, Pair{A, S, false}, Pair{A, A, false},
                                           Pair{A, E, true}, Pair{A, C, true}, Pair{E, S, false},
                                           Pair{E, A, false}, Pair{E, E, false}, Pair{E, C, false},
                                           Pair{C, S, false}, Pair{C, A, false}, Pair{C, E, false},
                                           Pair{C, C, false}),
                         [](const ::testing::TestParamInfo<Pair>& info) {
                           return name(info.param.from) + "To" + name(info.param.to) +
                                  (info.param.allowed ? "IsAllowed" : "IsAConflict");
                         });

TEST(StreamStatus, NamesRoundTrip) {
  for (auto s : {S, A, E, C})
    EXPECT_EQ(streamStatusFromString(toString(s)), s);
  EXPECT_FALSE(streamStatusFromString("live").has_value());
  EXPECT_FALSE(streamStatusFromString("Active").has_value());
}

}  // namespace
}  // namespace lsm
