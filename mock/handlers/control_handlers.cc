// The mock's own routes under /__mock/ (tag mock-control in the spec): never on a real server.
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

}  // namespace lsm
