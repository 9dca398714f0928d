#include "support/cleanup.h"

#include <chrono>
#include <iostream>
#include <thread>

#include "support/suite.h"

namespace contract {

namespace {

std::string describe(const HttpResult& r) {
  if (!r.sent) return r.error.empty() ? "no answer" : r.error;
  return std::to_string(r.status);
}

}  // namespace

RemovalResult removeStream(const LedgerEntry& e, int attempts) {
  Suite& s = Suite::get();
  std::optional<Role> creator;
  for (const auto& [role, id] : s.user_ids) {
    if (id == e.creator_user_id) creator = role;
  }
  RemovalResult result;
  if (!creator || s.target.tokens[*creator].empty()) {
    result.detail = "no token of this run belongs to its creator " + e.creator_user_id;
    return result;
  }
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500 * attempt));
    HttpResult cancel = s.client->send(
        Req("cancelLiveStream").path("id", e.stream_id).as(*creator).cleanup().build());
    HttpResult del = s.client->send(
        Req("deleteLiveStream").path("id", e.stream_id).as(*creator).cleanup().build());
    HttpResult gifts = s.client->send(
        Req("getLiveStreamGiftCounts").path("id", e.stream_id).as(*creator).cleanup().build());
    result.detail = "cancel " + describe(cancel) + ", delete " + describe(del) +
                    ", then gift-counts " + describe(gifts);
    if (gifts.sent && gifts.status == 404) {
      result.outcome = Removal::kGone;
      return result;
    }
    HttpResult token = s.client->send(
        Req("getBroadcasterToken").path("id", e.stream_id).as(*creator).cleanup().build());
    result.detail += ", broadcaster-token " + describe(token);
    if (token.sent && token.status == 404) {
      result.outcome = Removal::kGone;
      return result;
    }
    if (token.sent && token.status == 403) {
      result.outcome = Removal::kNotLive;
    } else if (token.sent && token.status >= 200 && token.status < 300) {
      result.outcome = Removal::kLive;
    } else {
      result.outcome = Removal::kUnknown;
    }
  }
  return result;
}

template <class Pick>
size_t sweepLedger(Pick pick, bool report) {
  Suite& s = Suite::get();
  size_t removed = 0;
  for (const auto& e : s.ledger->entries(s.client->baseUrl())) {
    if (!pick(e)) continue;
    const RemovalResult r = removeStream(e);
    const std::string what = "stream " + e.stream_id + " (created by " + e.role + " in " +
                             (e.this_run ? e.test : "an earlier run: " + e.test) + ")";
    if (r.outcome == Removal::kGone || r.outcome == Removal::kNotLive) {
      s.ledger->remove(e.stream_id);
      ++removed;
      if (r.outcome == Removal::kNotLive) {
        Report::get().cleanupNote(what + " is no longer live but was not deleted: " + r.detail);
      }
    } else if (report) {
      Report::get().leftBehind(
          what + (r.outcome == Removal::kLive ? " is still live" : "") + ": " + r.detail +
          (s.ledger->path().empty() ? "" : "; kept in " + s.ledger->path() + " for the next run"));
    }
  }
  return removed;
}

size_t sweepAll(bool report) {
  return sweepLedger([](const LedgerEntry&) { return true; }, report);
}

size_t sweepTest(const std::string& test) {
  return sweepLedger([&](const LedgerEntry& e) { return e.this_run && e.test == test; }, false);
}

}  // namespace contract
