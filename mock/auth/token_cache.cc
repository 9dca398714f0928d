#include "auth/token_cache.h"

#include <mutex>

namespace lsm {

Result<Claims> VerifiedTokens::verify(std::string_view token, long long now_unix) const {
  {
    std::shared_lock lock(mu_);
    auto hit = verified_.find(std::string(token));
    if (hit != verified_.end()) {
      // Signature, parsing and subject were checked when it was stored; the time is not fixed.
      if (auto in_time = JwtCodec::checkTime(hit->second, now_unix); !in_time) {
        return in_time.error();
      }
      return hit->second;
    }
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
