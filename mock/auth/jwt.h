#pragma once
// HS256 JSON Web Tokens for the mock's own access tokens. Time is always passed in (the mock has a
// settable clock), never read from the system clock.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lsm {

// The claims the mock relies on, taken from a verified token.
struct Claims {
  std::string user_id;       // "sub"
  long long issued_at = 0;   // "iat"; 0 when the token has none
  long long expires_at = 0;  // "exp" (required)
  long long not_before = 0;  // "nbf"; 0 when the token has none
};

class JwtCodec {
 public:
  // Tolerated clock difference, in seconds, for "exp" and "nbf".
  static constexpr long long kClockSkewSeconds = 5;
  // Longer tokens are rejected before any parsing.
  static constexpr std::size_t kMaxTokenLength = 8192;

  // `secret` must not be empty: with an empty secret mint() returns "" and verify() rejects every
  // token.
  explicit JwtCodec(std::string secret);

  // Mints an HS256 token {sub, iat: now, exp: now + ttl, iss: "livestream-mock"}. Returns "" only
  // when it cannot sign (empty secret, user_id not valid UTF-8).
  std::string mint(const std::string& user_id, long long now_unix, long long ttl_seconds) const;

  // Accepts only a compact JWS whose header says exactly "HS256" and whose signature matches the
  // secret; "exp" must be present, and "exp"/"nbf" are checked against now_unix with
  // kClockSkewSeconds of tolerance; "sub" must be a non-empty string. Never throws. The error is
  // Error::unauthenticated with one of the reasons "malformed token", "algorithm not allowed",
  // "bad signature", "token expired", "token not yet valid", "token has no subject".
  Result<Claims> verify(std::string_view token, long long now_unix) const;

  // The time checks of verify() on claims it accepted earlier: "token expired" or "token not yet
  // valid" (Error::unauthenticated) unless now_unix is within "exp" and "nbf", with the skew.
  static Status checkTime(const Claims& claims, long long now_unix);

 private:
  Result<Claims> verifyOrThrow(std::string_view token, long long now_unix) const;

  std::string secret_;
};

// Extracts the token from an Authorization header value: "Bearer <token>" (scheme
// case-insensitive, one or more spaces or tabs before the token), or a bare token with no scheme
// (the API's docs tell users to paste it without the prefix). Error (unauthenticated) when the
// value is empty, is "Bearer" with no token, has anything after the token, or uses another
// scheme ("Basic ...").
Result<std::string> bearerToken(std::string_view authorization_header);

// --proxy: the user a token issued by the real server names (its payload's `sub`, else `userId`,
// `id` or `_id`), read without verifying the signature, which only the real server can. For the
// operations the mock answers in front of it. nullopt: not a JWT, or no such claim.
std::optional<std::string> unverifiedSubject(std::string_view token);

}  // namespace lsm
