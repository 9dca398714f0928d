#include "domain/broadcaster_tokens.h"
#include "handlers/handler.h"

namespace lsm {

Result<Reply> getBroadcasterToken(Call& c) {
  const std::string& id = c.in.path.at("id");
  const AgoraCredentials credentials{c.services.config.agora_app_id,
                                     c.services.config.agora_app_certificate};
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    auto issued = issueBroadcasterToken(s, id, c.caller_id, credentials, now);
    if (!issued) return issued.error();
    return Reply{201,
                 {{"appId", issued->app_id},
                  {"channelName", issued->channel_name},
                  {"uid", issued->uid},
                  {"role", "publisher"},
                  {"token", issued->token},
                  {"expiresAt", formatIsoMillis(issued->expires_at)},
                  {"isRealToken", issued->is_real}},
                 std::nullopt};
  });
}

}  // namespace lsm
