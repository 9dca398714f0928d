// libFuzzer target: the Authorization header and the HS256 JWT verifier (mock/auth/jwt).
//
// The first byte picks a mode; the rest is its input.
//   0: an Authorization header value -> bearerToken -> JwtCodec::verify.
//   1: a token the fuzzer builds: "header JSON \n payload JSON", base64url-encoded and signed
//      with the mock's secret, so the claim checks behind the signature are reached.
//   2: a user id and a lifetime -> mint -> verify, then the token with one byte changed.
// Properties checked beyond "no crash, no UB":
// - an accepted token carries a signature equal to HMAC-SHA256(secret, header.payload),
//   computed here with OpenSSL, its header's "alg" is exactly "HS256", its "exp" lies ahead of
//   the clock (minus the tolerated skew) and its "sub" is the returned user id;
// - a minted token verifies to the user and times it was minted for (an empty user id is refused
//   as "token has no subject"); changing any one byte of it makes it fail;
// - bearerToken's result has no blanks and comes back unchanged from "Bearer <token>".
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "auth/jwt.h"

namespace {

constexpr char kSecret[] = "livestream-mock-dev-secret";
constexpr long long kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "fuzz_jwt: property violated: %s\n", what);
  std::abort();
}

void check(bool ok, const char* what) {
  if (!ok) violated(what);
}

const lsm::JwtCodec& codec() {
  static const lsm::JwtCodec c(kSecret);
  return c;
}

std::string base64Url(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v =
        (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6)
      out.push_back(kAlphabet[(v >> shift) & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    if (rest == 2) v |= uint8_t(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

std::optional<std::string> fromBase64Url(std::string_view text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string hmacSha256(std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), kSecret, sizeof(kSecret) - 1,
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
  return std::string(reinterpret_cast<const char*>(mac), len);
}

// What every accepted token must satisfy, checked without cpp-jwt.
void checkAccepted(std::string_view token, const lsm::Claims& claims) {
  const size_t first = token.find('.');
  const size_t last = token.rfind('.');
  check(first != std::string_view::npos && first != last, "an accepted token has three segments");
  check(base64Url(hmacSha256(token.substr(0, last))) == token.substr(last + 1),
        "an accepted token is signed with the secret");
  const auto header_text = fromBase64Url(token.substr(0, first));
  const auto payload_text = fromBase64Url(token.substr(first + 1, last - first - 1));
  check(header_text && payload_text, "an accepted token's segments are base64url");
  const auto header = nlohmann::json::parse(*header_text, nullptr, false);
  const auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
  check(header.is_object() && payload.is_object(), "an accepted token holds two JSON objects");
  check(header.value("alg", nlohmann::json()) == "HS256", "an accepted token's alg is HS256");
  check(payload.contains("exp") && payload["exp"].is_number(), "an accepted token has exp");
  check(claims.expires_at > kNow - lsm::JwtCodec::kClockSkewSeconds,
        "an accepted token has not expired");
  check(!claims.user_id.empty() && payload.value("sub", nlohmann::json()) == claims.user_id,
        "an accepted token's user is its sub");
}

void verifyHeader(std::string_view header_value) {
  auto token = lsm::bearerToken(header_value);
  if (!token) {
    check(token.error().kind == lsm::ErrorKind::kUnauthenticated, "bearer errors are 401 kinds");
    return;
  }
  check(!token->empty() && token->find_first_of(" \t") == std::string::npos,
        "a bearer token is one word");
  auto again = lsm::bearerToken("Bearer " + *token);
  check(again.ok() && *again == *token, "Bearer <token> gives the token back");
  auto claims = codec().verify(*token, kNow);
  if (claims) {
    checkAccepted(*token, *claims);
  } else {
    check(claims.error().kind == lsm::ErrorKind::kUnauthenticated, "verify errors are 401 kinds");
  }
}

void verifyForged(std::string_view input) {
  const size_t nl = input.find('\n');
  const std::string_view header = input.substr(0, nl);
  const std::string_view payload =
      nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  const std::string signing_input = base64Url(header) + "." + base64Url(payload);
  const std::string token = signing_input + "." + base64Url(hmacSha256(signing_input));
  auto claims = codec().verify(token, kNow);
  if (claims) checkAccepted(token, *claims);
}

void mintAndTamper(std::string_view input) {
  if (input.size() < 4) return;
  const long long ttl = 1 + ((uint8_t(input[0]) << 8) | uint8_t(input[1]));
  const size_t where = uint8_t(input[2]);
  const char replacement = input[3];
  const std::string user(input.substr(4));
  const std::string token = codec().mint(user, kNow, ttl);
  if (token.empty()) return;  // mint refuses user ids that are not UTF-8
  auto claims = codec().verify(token, kNow);
  if (token.size() > lsm::JwtCodec::kMaxTokenLength) {  // a user id of kilobytes (-max_len 65536)
    check(!claims.ok(), "a token over the length cap is refused");
    return;
  }
  if (user.empty()) {  // mint signs it (unit tests use that), verify must refuse it
    check(!claims.ok() && claims.error().details.at(0) == "token has no subject",
          "a token without a subject is refused");
    return;
  }
  check(claims.ok(), "a minted token verifies");
  check(claims->user_id == user, "a minted token names its user");
  check(claims->issued_at == kNow && claims->expires_at == kNow + ttl,
        "a minted token keeps its times");
  checkAccepted(token, *claims);
  std::string tampered = token;
  char& byte = tampered[where % tampered.size()];
  if (byte == replacement) return;
  byte = replacement;
  check(!codec().verify(tampered, kNow).ok(), "a token with one byte changed is refused");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      verifyHeader(input);
      break;
    case 1:
      verifyForged(input);
      break;
    default:
      mintAndTamper(input);
      break;
  }
  return 0;
}
