#include "auth/jwt.h"

#include <openssl/crypto.h>

#include <cmath>
#include <cstdint>
#include <jwt/jwt.hpp>
#include <optional>
#include <system_error>
#include <utility>

#include "core/base64.h"
#include "core/json_parse.h"

// cpp-jwt 1.4 pitfalls this file works around (all checked against /usr/include/jwt):
// - decode(..., verify(true)) checks "exp" and "nbf" against std::chrono::system_clock, before the
//   signature, and returns early on failure; verify(false) skips the signature as well. The mock's
//   clock is settable, so tokens are parsed with verify(false) and the HMAC, "exp" and "nbf" are
//   checked here.
// - Its base64 decoder indexes a 256-entry table with a plain (signed) char: a byte >= 0x80 reads
//   out of bounds (asserts without NDEBUG); characters outside the alphabet are mostly decoded
//   silently. Every segment's alphabet is therefore checked before cpp-jwt sees the token.
// - It matches "alg" case-insensitively ("hs256" counts as HS256); a non-string "alg" or "typ"
//   throws nlohmann::json::type_error even from the error_code overload of decode().
// - Its HMAC verify compares with ==; the comparison here is constant-time.
// - jwt_object::signature() refuses an empty secret.

namespace lsm {
namespace {

constexpr char kAlgorithm[] = "HS256";
constexpr char kIssuer[] = "livestream-mock";
// NumericDate claims beyond this magnitude (about year 31,700,000) are malformed; keeps the
// arithmetic below far from overflow.
constexpr long long kMaxNumericDate = 1'000'000'000'000'000LL;

Error malformed() {
  return Error::unauthenticated("malformed token");
}
Error badSignature() {
  return Error::unauthenticated("bad signature");
}

bool isBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Unpadded base64url: only its alphabet, and never a length that would leave a lone 6-bit group.
bool isBase64UrlSegment(std::string_view s) {
  if (s.size() % 4 == 1) return false;
  for (char c : s) {
    if (!isBase64UrlChar(c)) return false;
  }
  return true;
}

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;  // may be empty here, so that alg "none" is reported as such
};

std::optional<Segments> split(std::string_view token) {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return std::nullopt;
  Segments s{token.substr(0, first), token.substr(first + 1, second - first - 1),
             token.substr(second + 1)};
  if (s.header.empty() || s.payload.empty() || !isBase64UrlSegment(s.header) ||
      !isBase64UrlSegment(s.payload) || !isBase64UrlSegment(s.signature))
    return std::nullopt;
  return s;
}

enum class ClaimState { kAbsent, kOk, kInvalid };

// Reads a NumericDate claim (integer or finite number of seconds; fractions are floored).
template <typename Json>
ClaimState readNumericDate(const Json& payload, const char* name, long long* out) {
  const auto it = payload.find(name);
  if (it == payload.end()) return ClaimState::kAbsent;
  if (it->is_number_unsigned()) {
    const auto v = it->template get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(kMaxNumericDate)) return ClaimState::kInvalid;
    *out = static_cast<long long>(v);
    return ClaimState::kOk;
  }
  if (it->is_number_integer()) {
    const auto v = it->template get<std::int64_t>();
    if (v > kMaxNumericDate || v < -kMaxNumericDate) return ClaimState::kInvalid;
    *out = static_cast<long long>(v);
    return ClaimState::kOk;
  }
  if (it->is_number_float()) {
    const double v = it->template get<double>();
    if (!std::isfinite(v) || std::fabs(v) > static_cast<double>(kMaxNumericDate))
      return ClaimState::kInvalid;
    *out = static_cast<long long>(std::floor(v));
    return ClaimState::kOk;
  }
  return ClaimState::kInvalid;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

JwtCodec::JwtCodec(std::string secret) : secret_(std::move(secret)) {}

std::string JwtCodec::mint(const std::string& user_id, long long now_unix,
                           long long ttl_seconds) const {
  long long expires_at = 0;
  if (secret_.empty() || __builtin_add_overflow(now_unix, ttl_seconds, &expires_at)) return {};
  try {
    jwt::jwt_object obj{jwt::params::algorithm(kAlgorithm), jwt::params::secret(secret_)};
    obj.add_claim("iss", std::string(kIssuer))
        .add_claim("sub", user_id)
        .add_claim("iat", now_unix)
        .add_claim("exp", expires_at);
    std::error_code ec;
    std::string token = obj.signature(ec);
    if (ec) return {};
    return token;
  } catch (...) {
    return {};
  }
}

Result<Claims> JwtCodec::verify(std::string_view token, long long now_unix) const {
  try {
    return verifyOrThrow(token, now_unix);
  } catch (...) {
    return malformed();
  }
}

Result<Claims> JwtCodec::verifyOrThrow(std::string_view token, long long now_unix) const {
  if (token.size() > kMaxTokenLength) return malformed();
  const std::optional<Segments> segments = split(token);
  if (!segments) return malformed();

  // Parses header and payload only; see the note at the top on why verify(false).
  std::error_code ec;
  const jwt::jwt_object obj =
      jwt::decode(token, jwt::params::algorithms({kAlgorithm}), ec, jwt::params::verify(false));
  if (ec) return malformed();

  const auto& header = obj.header().create_json_obj();
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) return malformed();
  if (alg->get<std::string>() != kAlgorithm)  // exact, unlike cpp-jwt's case-insensitive match
    return Error::unauthenticated("algorithm not allowed");

  if (secret_.empty() || segments->signature.empty()) return badSignature();
  const std::string_view signing_input =
      token.substr(0, segments->header.size() + 1 + segments->payload.size());
  auto [mac, sign_ec] = jwt::HMACSign<jwt::algo::HS256>::sign(secret_, signing_input);
  if (sign_ec || mac.empty()) return badSignature();
  std::string expected = jwt::base64_encode(mac.data(), mac.size());
  expected.resize(jwt::base64_uri_encode(&expected[0], expected.size()));
  if (expected.size() != segments->signature.size() ||
      CRYPTO_memcmp(expected.data(), segments->signature.data(), expected.size()) != 0)
    return badSignature();

  const auto& payload = obj.payload().create_json_obj();
  if (!payload.is_object()) return malformed();
  Claims claims;
  if (readNumericDate(payload, "exp", &claims.expires_at) != ClaimState::kOk) return malformed();
  if (readNumericDate(payload, "iat", &claims.issued_at) == ClaimState::kInvalid)
    return malformed();
  long long not_before = 0;
  const ClaimState nbf = readNumericDate(payload, "nbf", &not_before);
  if (nbf == ClaimState::kInvalid) return malformed();

  if (nbf == ClaimState::kOk) claims.not_before = not_before;
  if (auto in_time = checkTime(claims, now_unix); !in_time) return in_time.error();

  const auto sub = payload.find("sub");
  if (sub == payload.end() || !sub->is_string() || sub->get<std::string>().empty())
    return Error::unauthenticated("token has no subject");
  claims.user_id = sub->get<std::string>();
  return claims;
}

Status JwtCodec::checkTime(const Claims& claims, long long now_unix) {
  if (now_unix - kClockSkewSeconds >= claims.expires_at) {
    return Error::unauthenticated("token expired");
  }
  // not_before is 0 when the token has no "nbf"; a present nbf of 0 or less never fails either.
  if (now_unix + kClockSkewSeconds < claims.not_before) {
    return Error::unauthenticated("token not yet valid");
  }
  return okStatus();
}

Result<std::string> bearerToken(std::string_view authorization_header) {
  std::string_view v = authorization_header;
  while (!v.empty() && isSpace(v.front()))
    v.remove_prefix(1);
  while (!v.empty() && isSpace(v.back()))
    v.remove_suffix(1);
  if (v.empty()) return Error::unauthenticated("missing bearer token");

  std::size_t end_of_scheme = 0;
  while (end_of_scheme < v.size() && !isSpace(v[end_of_scheme]))
    ++end_of_scheme;
  if (end_of_scheme == v.size()) {  // one word: "Bearer" alone, or a bare token
    if (equalsIgnoreCase(v, "Bearer")) return Error::unauthenticated("missing bearer token");
    return std::string(v);
  }

  if (!equalsIgnoreCase(v.substr(0, end_of_scheme), "Bearer"))
    return Error::unauthenticated("unsupported authorization scheme");
  std::string_view rest = v.substr(end_of_scheme);
  while (!rest.empty() && isSpace(rest.front()))
    rest.remove_prefix(1);
  for (char c : rest) {
    if (isSpace(c)) return Error::unauthenticated("malformed authorization header");
  }
  return std::string(rest);
}

std::optional<std::string> unverifiedSubject(std::string_view token) {
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string payload(token.substr(first + 1, second - first - 1));
  for (char& c : payload) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (payload.size() % 4 != 0)
    payload += '=';
  auto text = base64Decode(payload);
  if (!text) return std::nullopt;
  auto claims = parseJson(*text);
  if (!claims || !claims->is_object()) return std::nullopt;
  for (const char* name : {"sub", "userId", "id", "_id"}) {
    auto it = claims->find(name);
    if (it != claims->end() && it->is_string() && !it->get<std::string>().empty()) {
      return it->get<std::string>();
    }
  }
  return std::nullopt;
}

}  // namespace lsm
