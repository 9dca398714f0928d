// The mock's own routes under /__mock/ (tag mock-control in the spec): never on a real server.
#include "domain/clock_tick.h"
#include "domain/fixtures.h"
#include "domain/gift_counts.h"
#include "domain/mock_actions.h"
#include "domain/provider_states.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

Result<Reply> mockHealth(Call& c) {
  return Reply{
      200,
      {{"status", "ok"}, {"uptimeSeconds", (systemNowMillis() - c.services.started_at) / 1000}},
      std::nullopt};
}

Result<Reply> mockListUsers(Call& c) {
  const long long now_s = c.services.clock.now() / 1000;
  const long long ttl = c.services.config.token_ttl_seconds;
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    json list = json::array();
    for (const auto& id : s.user_order) {
      const User& u = *s.user(id);
      json entry = userSnapshot(u);
      entry["token"] = c.services.jwt.mint(u.id, now_s, ttl);
      entry["credits"] = u.credits;
      entry["canBroadcast"] = u.can_broadcast;
      list.push_back(std::move(entry));
    }
    return Reply{200, std::move(list), std::nullopt};
  });
}

Result<Reply> mockMintToken(Call& c) {
  const std::string user_id = optString(c.in.body, "userId").value_or("");
  const long long ttl = intOr(c.in.body, "expiresInSeconds", c.services.config.token_ttl_seconds);
  const long long now_s = c.services.clock.now() / 1000;
  const bool known =
      c.services.store.read([&](const State& s) { return s.user(user_id) != nullptr; });
  if (!known) return Error::notFound("userId: no user " + user_id);
  return Reply{201,
               {{"userId", user_id},
                {"token", c.services.jwt.mint(user_id, now_s, ttl)},
                {"expiresAt", formatIsoMillis((now_s + ttl) * 1000)}},
               std::nullopt};
}

Result<Reply> mockGetUpload(Call& c) {
  const std::string& name = c.in.path.at("fileName");
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto it = s.uploads.find(name);
    if (it == s.uploads.end()) return Error::notFound("no upload " + name);
    return Reply{200, nullptr, it->second};
  });
}

// --- State: reset, export, import ---------------------------------------------------------------

namespace {

json stateSummary(const State& s, Millis now) {
  size_t messages = 0;
  for (const auto& [_, list] : s.chat)
    messages += list.size();
  return {{"users", s.users.size()},
          {"streams", s.streams.size()},
          {"chatMessages", messages},
          {"now", formatIsoMillis(now)}};
}

json clockView(Millis now, const ClockEffects& effects) {
  return {{"now", formatIsoMillis(now)},
          {"offsetSeconds", (now - systemNowMillis()) / 1000},
          {"startedStreams", effects.started_streams},
          {"dueReminders", effects.due_reminders}};
}

// The stream as `viewer` sees it (role, replayAccess), after a control action.
Result<Reply> streamReply(Call& c, int status, const std::string& stream_id,
                          const std::string& viewer) {
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    const Stream* st = s.liveStream(stream_id);
    if (!st) return Error::notFound("no stream " + stream_id);
    return Reply{status, liveStreamView(s, *st, viewer, now), std::nullopt};
  });
}

}  // namespace

Result<Reply> mockReset(Call& c) {
  // Clock and state are reset in one critical section, so no tick runs between them.
  return c.services.store.write([&](State& s) -> Result<Reply> {
    c.services.clock.reset();
    const Millis now = c.services.clock.now();
    auto fresh = loadFixtures(c.services.config.fixtures_dir, now);
    if (!fresh) return fresh.error();
    json summary = stateSummary(*fresh, now);
    s = std::move(fresh).value();
    return Reply{200, std::move(summary), std::nullopt};
  });
}

Result<Reply> mockGetState(Call& c) {
  return c.services.store.read([&](const State& s) {
    const Millis now = c.services.clock.now();
    return Reply{200, exportState(s, now), std::nullopt};
  });
}

Result<Reply> mockPutState(Call& c) {
  auto imported = importState(c.in.body);
  if (!imported) return Error::invalid(imported.error().details);
  return c.services.store.write([&](State& s) -> Result<Reply> {
    json summary = stateSummary(*imported, c.services.clock.now());
    s = std::move(imported).value();
    return Reply{200, std::move(summary), std::nullopt};
  });
}

// --- Time ----------------------------------------------------------------------------------------

Result<Reply> mockGetClock(Call& c) {
  const Millis now = c.services.store.read([&](const State&) { return c.services.clock.now(); });
  return Reply{200, clockView(now, {}), std::nullopt};
}

Result<Reply> mockSetClock(Call& c) {
  const json& body = c.in.body;
  const int given = body.contains("set") + body.contains("advanceSeconds") + body.contains("reset");
  if (given != 1) return Error::invalid("body: give exactly one of set, advanceSeconds, reset");
  const ClockChange changed = changeClock(c.services.store, c.services.clock, [&](Clock& clock) {
    if (auto set = optString(body, "set")) {
      clock.set(*parseIsoDateTime(*set));
    } else if (body.contains("advanceSeconds")) {
      clock.advance(body["advanceSeconds"].get<int64_t>() * 1000);
    } else {
      clock.reset();
    }
  });
  return Reply{200, clockView(changed.now, changed.effects), std::nullopt};
}

// --- Events the product API has no endpoint for
// ---------------------------------------------------

Result<Reply> mockJoinAudience(Call& c) {
  const std::string& id = c.in.path.at("id");
  const std::string user = optString(c.in.body, "userId").value_or("");
  auto joined = c.services.store.write(
      kStreamsAspect, [&](State& s) { return joinAudience(s, id, user, c.services.clock.now()); });
  if (!joined) return joined.error();
  return streamReply(c, 201, id, user);
}

Result<Reply> mockLeaveAudience(Call& c) {
  const std::string& id = c.in.path.at("id");
  const std::string& user = c.in.path.at("userId");
  auto left =
      c.services.store.write(kStreamsAspect, [&](State& s) { return leaveAudience(s, id, user); });
  if (!left) return left.error();
  return streamReply(c, 200, id, user);
}

Result<Reply> mockEndStream(Call& c) {
  const std::string& id = c.in.path.at("id");
  EndStreamInput input;
  if (c.in.body.is_object()) {
    input.recording = c.in.body.value("recording", false);
    input.recording_url = optString(c.in.body, "recordingUrl");
    if (c.in.body.contains("replayCreditPrice")) {
      input.replay_credit_price = c.in.body["replayCreditPrice"].get<double>();
    }
  }
  return c.services.store.write(kStreamsAspect, [&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    auto ended = endStream(s, id, input, now);
    if (!ended) return ended.error();
    return Reply{201, liveStreamView(s, **ended, (*ended)->creator_id, now), std::nullopt};
  });
}

Result<Reply> mockSetCredits(Call& c) {
  const std::string& user = c.in.path.at("userId");
  const int64_t credits = intOr(c.in.body, "credits", 0);
  auto set = c.services.store.write(kCreditsAspect,
                                    [&](State& s) { return setCredits(s, user, credits); });
  if (!set) return set.error();
  return Reply{200, {{"userId", user}, {"credits", credits}}, std::nullopt};
}

namespace {

Result<Reply> chatBan(Call& c, const std::string& user, bool banned, int status) {
  const std::string& id = c.in.path.at("id");
  auto done = c.services.store.write(kStreamsAspect,
                                     [&](State& s) { return setChatBan(s, id, user, banned); });
  if (!done) return done.error();
  return Reply{status, {{"streamId", id}, {"userId", user}, {"banned", banned}}, std::nullopt};
}

}  // namespace

Result<Reply> mockBanFromChat(Call& c) {
  return chatBan(c, optString(c.in.body, "userId").value_or(""), true, 201);
}

Result<Reply> mockLiftChatBan(Call& c) {
  return chatBan(c, c.in.path.at("userId"), false, 200);
}

Result<Reply> mockSendGifts(Call& c) {
  const std::string& id = c.in.path.at("id");
  const std::string sender = optString(c.in.body, "senderId").value_or("");
  const std::string type = optString(c.in.body, "giftTypeId").value_or("");
  const int64_t count = intOr(c.in.body, "count", 1);
  return c.services.store.write(kGiftsAspect | kCreditsAspect | kIdsAspect,
                                [&](State& s) -> Result<Reply> {
                                  const Millis now = c.services.clock.now();
                                  if (auto sent = sendGifts(s, id, sender, type, count, now); !sent)
                                    return sent.error();
                                  auto counts = countGifts(s, id);
                                  if (!counts) return counts.error();
                                  return Reply{201, giftCountsView(id, *counts), std::nullopt};
                                });
}

// --- Provider states (the contract suite's set-ups) ----------------------------------------------

Result<Reply> mockListProviderStates(Call& c) {
  const ProviderStateCatalogue* catalogue = c.services.provider_states;
  if (!catalogue) return Error::internal("the provider-state catalogue is not loaded");
  return Reply{200, catalogue->states(), std::nullopt};
}

Result<Reply> mockChangeProviderState(Call& c) {
  const ProviderStateCatalogue* catalogue = c.services.provider_states;
  if (!catalogue) return Error::internal("the provider-state catalogue is not loaded");
  if (auto checked = catalogue->check(c.in.body); !checked) return checked.error();
  const std::string name = c.in.body["state"];
  const ProviderStateAction action =
      *providerStateActionFromString(c.in.body["action"].get<std::string>());
  const json params = c.in.body.value("params", json::object());
  return c.services.store.write([&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();  // read under the lock the change holds
    auto outcome = applyProviderState(s, name, action, params, now);
    if (!outcome) return outcome.error();
    return Reply{200, providerStateView(name, action, *outcome), std::nullopt};
  });
}

Result<Reply> mockListRequests(Call& c) {
  const auto limit = static_cast<size_t>(intOr(c.in.query, "limit", 50));
  return Reply{200, c.services.journal.newest(limit), std::nullopt};
}

}  // namespace lsm
