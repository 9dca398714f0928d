// Exact state under concurrency: many clients at once (a thread and a connection each, all
// released together), and the state afterwards is exactly what the rules allow. These tests are
// also what `tools/test --tsan` runs against a ThreadSanitizer build of the mock.
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "test_support.h"

namespace lsm_test {
namespace {

constexpr char kSuperlikePath[] = "/chat/superlike";

// Runs `work(i)` on `n` threads that start at the same moment; returns when all are done.
void race(int n, const std::function<void(int)>& work) {
  std::mutex mu;
  std::condition_variable cv;
  bool go = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return go; });
      }
      work(i);
    });
  }
  {
    std::lock_guard lock(mu);
    go = true;
  }
  cv.notify_all();
  for (auto& t : threads)
    t.join();
}

class Concurrency : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--threads", "4", "--quiet"}; }

  // The mock must survive the races and exit cleanly: under tools/test --tsan a data race makes
  // it stop with exit code 66 and a "ThreadSanitizer" report on stderr.
  void TearDown() override {
    if (mock_ && mock_->ok()) {
      const ExitResult exit = mock_->stop(SIGTERM);
      EXPECT_EQ(exit.code, 0) << exit.err.substr(0, 6000);
      EXPECT_EQ(exit.err.find("ThreadSanitizer"), std::string::npos) << exit.err.substr(0, 6000);
    }
    FreshMockTest::TearDown();
  }

  // One client per thread, made before the race (curl handles are not shared across threads).
  std::vector<std::unique_ptr<HttpClient>> clients(int n) {
    std::vector<std::unique_ptr<HttpClient>> out;
    for (int i = 0; i < n; ++i)
      out.push_back(std::make_unique<HttpClient>(mock().baseUrl()));
    return out;
  }

  long long credits(const std::string& user) {
    auto r = http().get("/__mock/users");
    for (const auto& u : r.data()) {
      if (u["_id"] == user) return u["credits"].get<long long>();
    }
    ADD_FAILURE() << "no user " << user;
    return -1;
  }

  json streamInState(const std::string& id) {
    auto r = http().get("/__mock/state");
    EXPECT_EQ(r.status, 200) << r.describe();
    for (const auto& s : r.data()["streams"]) {
      if (s.value("id", "") == id) return s;
    }
    return nullptr;
  }

  std::string createStream(const std::string& title) {
    auto r =
        http().multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)}, {{"title", title}});
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.status == 201 ? r.data()["id"].get<std::string>() : "";
  }
};

TEST_F(Concurrency, SuperlikeRaceDebitsEachCreditOnce) {
  constexpr int kClients = 16, kEach = 6;  // 96 attempts for a balance that pays for 23
  constexpr long long kStart = 235, kPrice = 10;
  auto set =
      http().request("PUT", std::string("/__mock/users/") + ids::kJohnDoe + "/credits",
                     {{"Content-Type", "application/json"}}, json{{"credits", kStart}}.dump());
  ASSERT_EQ(set.status, 200) << set.describe();
  auto cs = clients(kClients);
  std::mutex mu;
  std::map<long, int> statuses;
  std::vector<std::string> unexpected;
  const std::string path = std::string("/api/v1/live-stream/") + ids::kBigStream + kSuperlikePath;
  race(kClients, [&](int i) {
    for (int k = 0; k < kEach; ++k) {
      auto r = cs[i]->request("POST", path, {bearer(ids::kJohnDoe)});
      std::lock_guard lock(mu);
      ++statuses[r.status];
      if (r.status == 400 && !anyErrorContains(r, "insufficient")) {
        unexpected.push_back(r.describe());
      } else if (r.status != 201 && r.status != 400) {
        unexpected.push_back(r.describe());
      } else if (r.status == 201 && r.data().value("price", 0) != kPrice) {
        unexpected.push_back(r.describe());
      }
    }
  });
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unexpected, first: "
                                  << (unexpected.empty() ? "" : unexpected[0]);
  const long long successes = statuses[201];
  EXPECT_EQ(successes, kStart / kPrice) << "each success must be paid by exactly one debit";
  EXPECT_EQ(statuses[400], kClients * kEach - successes);
  EXPECT_EQ(credits(ids::kJohnDoe), kStart - kPrice * successes);
  EXPECT_EQ(credits(ids::kJohnDoe), kStart % kPrice);
}

TEST_F(Concurrency, ChatRaceLosesAndDuplicatesNoMessage) {
  constexpr int kClients = 16, kEach = 12;
  std::vector<std::string> senders;
  const Response users = http().get("/__mock/users");
  for (const auto& u : users.data()) {
    if (u["_id"] != ids::kChatBanned && senders.size() < kClients) senders.push_back(u["_id"]);
  }
  ASSERT_EQ(senders.size(), static_cast<size_t>(kClients));
  const std::string path = std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages";
  auto cs = clients(kClients);
  std::atomic<int> failures{0};
  race(kClients, [&](int i) {
    for (int k = 0; k < kEach; ++k) {
      const std::string text = "race c" + std::to_string(i) + " m" + std::to_string(k);
      auto r =
          cs[i]->request("POST", path, {bearer(senders[i]), {"Content-Type", "application/json"}},
                         json{{"content", text}}.dump());
      if (r.status != 201 || r.data().value("content", "") != text) ++failures;
    }
  });
  EXPECT_EQ(failures.load(), 0);

  // The whole history, oldest first (page 1 is the newest page; each page is oldest first).
  std::vector<json> history;
  auto first = http().get(path + "?limit=100&page=1", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(first.status, 200) << first.describe();
  const int pages = first.data()["pagination"]["totalPages"];
  for (int p = pages; p >= 1; --p) {
    auto r = http().get(path + "?limit=100&page=" + std::to_string(p), {bearer(ids::kJohnDoe)});
    ASSERT_EQ(r.status, 200) << r.describe();
    for (const auto& m : r.data()["list"])
      history.push_back(m);
  }
  std::map<int, std::vector<int>> seen;  // client -> its message numbers in history order
  std::set<std::string> ids_seen;
  for (const auto& m : history) {
    EXPECT_TRUE(ids_seen.insert(m["_id"].get<std::string>()).second) << "duplicate id " << m;
    int c = -1, k = -1;
    if (std::sscanf(m.value("content", "").c_str(), "race c%d m%d", &c, &k) == 2) {
      seen[c].push_back(k);
      EXPECT_EQ(m["sender"]["_id"], senders.at(static_cast<size_t>(c))) << m;
    }
  }
  ASSERT_EQ(seen.size(), static_cast<size_t>(kClients));
  for (const auto& [c, ks] : seen) {
    std::vector<int> expected(kEach);
    for (int k = 0; k < kEach; ++k)
      expected[static_cast<size_t>(k)] = k;
    EXPECT_EQ(ks, expected) << "client " << c << ": every message once, in its send order";
  }
  for (size_t i = 1; i < history.size(); ++i) {
    EXPECT_LE(history[i - 1]["createdAt"].get<std::string>(),
              history[i]["createdAt"].get<std::string>())
        << "history order and createdAt disagree at " << i;
  }
}

TEST_F(Concurrency, CancelEndAndDeleteRaceHasOneWinnerPerTransition) {
  constexpr int kRounds = 6, kPerAction = 4;
  std::map<std::string, std::map<long, int>> totals;  // action -> status -> count
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string id = createStream("race " + std::to_string(round));
    ASSERT_FALSE(id.empty());
    auto cs = clients(3 * kPerAction);
    std::mutex mu;
    std::map<std::string, std::map<long, int>> got;
    race(3 * kPerAction, [&](int i) {
      const int action = i % 3;
      Response r;
      if (action == 0) {
        r = cs[i]->request("POST", "/api/v1/live-stream/" + id + "/cancel",
                           {bearer(ids::kJohnDoe)});
      } else if (action == 1) {
        r = cs[i]->request("POST", "/__mock/streams/" + id + "/end",
                           {{"Content-Type", "application/json"}}, "{}");
      } else {
        r = cs[i]->request("DELETE", "/api/v1/live-stream/" + id, {bearer(ids::kJohnDoe)});
      }
      std::lock_guard lock(mu);
      ++got[action == 0 ? "cancel" : action == 1 ? "end" : "delete"][r.status];
    });
    // cancel and end both leave `active`: exactly one of all those attempts wins.
    EXPECT_EQ(got["cancel"][201] + got["end"][201], 1);
    EXPECT_EQ(got["cancel"][201] + got["cancel"][409] + got["cancel"][404], kPerAction);
    EXPECT_EQ(got["end"][201] + got["end"][409] + got["end"][404], kPerAction);
    // A soft delete succeeds at most once (409 while active, 404 once deleted).
    EXPECT_LE(got["delete"][200], 1);
    EXPECT_EQ(got["delete"][200] + got["delete"][409] + got["delete"][404], kPerAction);

    // Then everyone deletes at once: exactly one delete, whatever happened above.
    std::atomic<int> deleted{0}, gone{0};
    race(2 * kPerAction, [&](int i) {
      auto r = cs[i]->request("DELETE", "/api/v1/live-stream/" + id, {bearer(ids::kJohnDoe)});
      if (r.status == 200) ++deleted;
      if (r.status == 404) ++gone;
    });
    EXPECT_EQ(got["delete"][200] + deleted.load(), 1);
    EXPECT_EQ(deleted.load() + gone.load(), 2 * kPerAction);

    const json s = streamInState(id);
    ASSERT_TRUE(s.is_object());
    const std::string expected = got["cancel"][201] == 1 ? "cancelled" : "ended";
    EXPECT_EQ(s["status"], expected) << s.dump();
    EXPECT_FALSE(s.value("deletedAt", json()).is_null()) << s.dump();
    for (const auto& [action, by_status] : got)
      for (const auto& [status, n] : by_status)
        totals[action][status] += n;
  }
  std::cout << "[ race ] " << kRounds << " rounds:";
  for (const auto& [action, by_status] : totals) {
    std::cout << " " << action;
    for (const auto& [status, n] : by_status)
      std::cout << " " << status << "x" << n;
  }
  std::cout << "\n";
}

TEST_F(Concurrency, RacingCreatesNeverGiveOneUserTwoActiveStreams) {
  constexpr int kRounds = 4, kClients = 8;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto cs = clients(kClients);
    std::mutex mu;
    std::map<long, int> statuses;
    std::vector<std::string> created;
    race(kClients, [&](int i) {
      auto r = cs[i]->multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)},
                                {{"title", "double " + std::to_string(i)}});
      std::lock_guard lock(mu);
      ++statuses[r.status];
      if (r.status == 201) created.push_back(r.data()["id"]);
    });
    EXPECT_EQ(statuses[201], 1);
    EXPECT_EQ(statuses[409], kClients - 1);
    ASSERT_EQ(created.size(), 1u);
    int active = 0;
    const Response state = http().get("/__mock/state");
    for (const auto& s : state.data()["streams"]) {
      if (s.value("creatorId", "") == ids::kJohnDoe && s.value("status", "") == "active") ++active;
    }
    EXPECT_EQ(active, 1);
    auto cancel = http().request("POST", "/api/v1/live-stream/" + created[0] + "/cancel",
                                 {bearer(ids::kJohnDoe)});
    ASSERT_EQ(cancel.status, 201) << cancel.describe();
  }
}

}  // namespace
}  // namespace lsm_test
