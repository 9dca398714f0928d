#pragma once
// Remembers tokens whose signature has been verified, so an app sending the same token on every
// request pays for one HMAC, not one per request. Only the signature and parsing are remembered:
// "exp" and "nbf" are checked against the (settable) clock on every use, by the verifier's own
// JwtCodec::checkTime.

#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/jwt.h"
#include "core/result.h"

namespace lsm {

class VerifiedTokens {
 public:
  explicit VerifiedTokens(const JwtCodec& codec, size_t capacity = 4096)
      : codec_(codec), capacity_(capacity) {}

  // Same answers as JwtCodec::verify.
  Result<Claims> verify(std::string_view token, long long now_unix) const;

 private:
  const JwtCodec& codec_;
  size_t capacity_;
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, Claims> verified_;  // guarded by mu_
};

}  // namespace lsm
