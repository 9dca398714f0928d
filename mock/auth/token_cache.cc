#include "auth/token_cache.h"

#include <mutex>

namespace lsm {

namespace {

// The time checks of JwtCodec::verify, for a token already known to be well formed and signed.
bool inTime(const Claims& claims, long long now_unix) {
  if (now_unix - JwtCodec::kClockSkewSeconds >= claims.expires_at) return false;
  if (claims.not_before != 0 && now_unix + JwtCodec::kClockSkewSeconds < claims.not_before)
    return false;
  return true;
}

}  // namespace

Result<Claims> VerifiedTokens::verify(std::string_view token, long long now_unix) const {
  {
    std::shared_lock lock(mu_);
    auto hit = verified_.find(std::string(token));
    if (hit != verified_.end() && inTime(hit->second, now_unix)) return hit->second;
  }
  auto claims = codec_.verify(token, now_unix);
  if (claims) {
    std::unique_lock lock(mu_);
    // Bounded: a client minting a token per request cannot grow it; start over when full.
    if (verified_.size() >= capacity_) verified_.clear();
    verified_.emplace(std::string(token), *claims);
  }
  return claims;
}

}  // namespace lsm
