#include "domain/broadcaster_tokens.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/agora_token.h"

namespace lsm {

namespace {

uint32_t fnv1a(const std::string& text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

bool isHex32(const std::string& s) {
  return s.size() == 32 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string base64(const std::string& in) {
  std::vector<unsigned char> out(4 * ((in.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(n));
}

bool mayPublish(const Stream& st, const std::string& user_id) {
  auto has = [&](const std::vector<std::string>& ids) {
    return std::find(ids.begin(), ids.end(), user_id) != ids.end();
  };
  return st.creator_id == user_id || has(st.guest_ids) || has(st.broadcaster_ids);
}

}  // namespace

uint32_t agoraUidFor(const std::string& user_id) {
  const uint32_t uid = fnv1a(user_id) & 0x7fffffffu;
  return uid == 0 ? 1 : uid;
}

Result<BroadcasterToken> issueBroadcasterToken(const State& s, const std::string& stream_id,
                                               const std::string& user_id,
                                               const AgoraCredentials& credentials, Millis now) {
  const Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (!mayPublish(*st, user_id)) {
    return Error::forbidden("only the stream's creator, guests and broadcasters may publish");
  }
  if (st->status != StreamStatus::kScheduled && st->status != StreamStatus::kActive) {
    return Error::forbidden(std::string("the stream is ") + toString(st->status) +
                            ": nobody publishes into it any more");
  }
  BroadcasterToken out;
  out.channel_name = st->channel_name;
  out.uid = agoraUidFor(user_id);
  // AccessToken2 counts in whole seconds from its issue time.
  const uint32_t issue_ts = static_cast<uint32_t>(now / 1000);
  out.expires_at = (Millis{issue_ts} + kBroadcasterTokenSeconds) * 1000;
  out.app_id = credentials.app_id.empty() ? kMockAgoraAppId : credentials.app_id;
  if (isHex32(credentials.app_id) && isHex32(credentials.app_certificate)) {
    AgoraRtcTokenRequest request;
    request.app_id = credentials.app_id;
    request.app_certificate = credentials.app_certificate;
    request.channel_name = st->channel_name;
    request.uid = out.uid;
    request.issue_ts = issue_ts;
    request.expire_seconds = kBroadcasterTokenSeconds;
    request.privilege_expire_seconds = kBroadcasterTokenSeconds;
    // Agora's builders draw a random salt; one derived from the request keeps tokens reproducible
    // under the mock's settable clock.
    request.salt = fnv1a(stream_id + user_id + std::to_string(now)) % 99999999u + 1;
    request.publisher = true;
    out.token = buildAgoraRtcToken(request);
    out.is_real = !out.token.empty();
  }
  if (!out.is_real) {
    const nlohmann::json payload = {{"appId", out.app_id},
                                    {"channelName", out.channel_name},
                                    {"uid", out.uid},
                                    {"role", "publisher"},
                                    {"expiresAt", formatIsoMillis(out.expires_at)}};
    out.token = kMockTokenPrefix + base64(payload.dump());
  }
  return out;
}

}  // namespace lsm
