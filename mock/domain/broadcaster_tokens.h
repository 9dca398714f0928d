#pragma once
// The Agora RTC token a stream's creator, guests and broadcasters publish into its channel with.

#include <cstdint>
#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// Tokens and their publish privileges last this long.
inline constexpr uint32_t kBroadcasterTokenSeconds = 3600;
// The appId of mock tokens when no Agora app id is configured (32 characters, as Agora's).
inline constexpr char kMockAgoraAppId[] = "mock-agora-app-id-not-configured";
// Mock tokens start so, then base64 of what the token stands for: "007" like AccessToken2,
// and plainly not one.
inline constexpr char kMockTokenPrefix[] = "007mock-not-a-real-agora-token-";

struct AgoraCredentials {
  std::string app_id, app_certificate;  // each 32 hex digits for real tokens
};

struct BroadcasterToken {
  std::string app_id, channel_name;
  uint32_t uid = 0;
  std::string token;
  Millis expires_at = 0;
  bool is_real = false;
};

// The Agora uid of a user: a stable 32-bit number derived from the user's ObjectId (the low 31
// bits of its FNV-1a hash; never 0, which Agora reads as "any uid").
uint32_t agoraUidFor(const std::string& user_id);

// With valid credentials, a real AccessToken2 with publisher privileges for the stream's channel
// and the caller's uid; otherwise a mock token (is_real false) of the same response shape.
// Errors: 404 no such stream; 403 the caller is not its creator, a guest or a broadcaster, or the
// stream is neither scheduled nor active.
Result<BroadcasterToken> issueBroadcasterToken(const State& s, const std::string& stream_id,
                                               const std::string& user_id,
                                               const AgoraCredentials& credentials, Millis now);

}  // namespace lsm
