#include "auth/jwt.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <string>

#include "auth/token_cache.h"

namespace lsm {
namespace {

constexpr char kSecret[] = "unit-test-secret";
constexpr long long kNow = 1'700'000'000;

// --- Hand-built tokens, independent of cpp-jwt ---

std::string base64Url(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

std::string hs(const EVP_MD* md, const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return base64Url(std::string(reinterpret_cast<const char*>(mac), len));
}

// header and payload are JSON text; signs the token with HS256 under `key`.
std::string signedToken(const std::string& header, const std::string& payload,
                        const std::string& key = kSecret, const EVP_MD* md = EVP_sha256()) {
  const std::string input = base64Url(header) + "." + base64Url(payload);
  return input + "." + hs(md, key, input);
}

std::string hs256Token(const std::string& payload) {
  return signedToken(R"({"alg":"HS256","typ":"JWT"})", payload);
}

std::string claims(const std::string& extra = "") {
  return R"({"sub":"user-1","iat":)" + std::to_string(kNow) + R"(,"exp":)" +
         std::to_string(kNow + 600) + extra + "}";
}

void expectRejected(const Result<Claims>& r, const std::string& reason) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0], reason);
}

// --- Round trip ---

TEST(Jwt, MintedTokenRoundTrips) {
  const JwtCodec codec(kSecret);
  const std::string token = codec.mint("user-42", kNow, 3600);
  ASSERT_FALSE(token.empty());
  const Result<Claims> r = codec.verify(token, kNow + 10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->user_id, "user-42");
  EXPECT_EQ(r->issued_at, kNow);
  EXPECT_EQ(r->expires_at, kNow + 3600);
}

TEST(Jwt, MintedTokenIsHs256WithIssuerAndAllClaims) {
  const std::string token = JwtCodec(kSecret).mint("user-42", kNow, 3600);
  const std::size_t dot = token.find('.');
  ASSERT_NE(dot, std::string::npos);
  EXPECT_EQ(token.substr(0, dot), base64Url(R"({"alg":"HS256","typ":"JWT"})"));
  const std::size_t dot2 = token.find('.', dot + 1);
  EXPECT_EQ(token.substr(dot + 1, dot2 - dot - 1),
            base64Url(R"({"exp":1700003600,"iat":1700000000,"iss":"livestream-mock",)"
                      R"("sub":"user-42"})"));
  // The signature is plain HS256 over header.payload.
  EXPECT_EQ(token.substr(dot2 + 1), hs(EVP_sha256(), kSecret, token.substr(0, dot2)));
}

TEST(Jwt, HandBuiltHs256TokenIsAccepted) {
  const Result<Claims> r = JwtCodec(kSecret).verify(hs256Token(claims()), kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->user_id, "user-1");
}

TEST(Jwt, UsesTheGivenClockNotTheSystemClock) {
  const JwtCodec codec(kSecret);
  // Long expired by the system clock, valid by the mock's clock: cpp-jwt's own check would fail.
  const std::string past = codec.mint("u", 1000, 60);
  EXPECT_TRUE(codec.verify(past, 1030).ok());
  // Valid by the system clock, expired by the mock's clock.
  const std::string now = codec.mint("u", kNow, 60);
  expectRejected(codec.verify(now, kNow + 3600), "token expired");
}

// --- Algorithms ---

TEST(Jwt, AlgNoneIsRejected) {
  const JwtCodec codec(kSecret);
  const std::string unsigned_token =
      base64Url(R"({"alg":"none"})") + "." + base64Url(claims()) + ".";
  expectRejected(codec.verify(unsigned_token, kNow), "algorithm not allowed");
  const std::string typed = base64Url(R"({"alg":"none","typ":"JWT"})") + "." + base64Url(claims()) +
                            "." + hs(EVP_sha256(), kSecret, "x");
  expectRejected(codec.verify(typed, kNow), "algorithm not allowed");
  expectRejected(
      codec.verify(base64Url(R"({"alg":"None"})") + "." + base64Url(claims()) + ".", kNow),
      "algorithm not allowed");
}

TEST(Jwt, TokenSignedWithAnotherSecretIsRejected) {
  const std::string token = JwtCodec("another-secret").mint("user-1", kNow, 600);
  expectRejected(JwtCodec(kSecret).verify(token, kNow), "bad signature");
}

TEST(Jwt, TamperedPayloadIsRejected) {
  const std::string token = hs256Token(claims());
  const std::size_t dot = token.find('.');
  const std::size_t dot2 = token.find('.', dot + 1);
  const std::string forged =
      token.substr(0, dot) + "." +
      base64Url(R"({"sub":"admin","exp":)" + std::to_string(kNow + 600) + "}") + token.substr(dot2);
  expectRejected(JwtCodec(kSecret).verify(forged, kNow), "bad signature");
}

TEST(Jwt, MissingOrTruncatedSignatureIsRejected) {
  const std::string token = hs256Token(claims());
  const std::string unsigned_token = token.substr(0, token.rfind('.') + 1);
  // An HS256 header with no signature at all is malformed (cpp-jwt: SignatureFormatError).
  expectRejected(JwtCodec(kSecret).verify(unsigned_token, kNow), "malformed token");
  expectRejected(JwtCodec(kSecret).verify(token.substr(0, token.size() - 4), kNow),
                 "bad signature");
}

TEST(Jwt, Hs256SignedTokenClaimingRs256IsRejected) {
  const std::string token = signedToken(R"({"alg":"RS256","typ":"JWT"})", claims());
  expectRejected(JwtCodec(kSecret).verify(token, kNow), "algorithm not allowed");
}

TEST(Jwt, Hs384AndHs512AreRejected) {
  const JwtCodec codec(kSecret);
  expectRejected(
      codec.verify(signedToken(R"({"alg":"HS384"})", claims(), kSecret, EVP_sha384()), kNow),
      "algorithm not allowed");
  expectRejected(
      codec.verify(signedToken(R"({"alg":"HS512"})", claims(), kSecret, EVP_sha512()), kNow),
      "algorithm not allowed");
}

TEST(Jwt, AlgorithmNameIsCaseSensitive) {
  // cpp-jwt itself would take "hs256" as HS256.
  expectRejected(JwtCodec(kSecret).verify(signedToken(R"({"alg":"hs256"})", claims()), kNow),
                 "algorithm not allowed");
}

TEST(Jwt, Rs256TokenIsRejected) {
  // A real RS256 token: RSA-2048 key, PKCS#1 v1.5 signature over SHA-256.
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  ASSERT_NE(key, nullptr);
  const std::string input = base64Url(R"({"alg":"RS256","typ":"JWT"})") + "." + base64Url(claims());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  ASSERT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()), 1);
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  ASSERT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()), 1);
  std::string sig(len, '\0');
  ASSERT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&sig[0]), &len, data,
                           input.size()),
            1);
  sig.resize(len);
  const std::string token = input + "." + base64Url(sig);

  // Neither with the HMAC secret nor with the public key's PEM as the "secret" (key confusion).
  expectRejected(JwtCodec(kSecret).verify(token, kNow), "algorithm not allowed");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  ASSERT_EQ(PEM_write_bio_PUBKEY(bio.get(), key.get()), 1);
  char* pem = nullptr;
  const long pem_len = BIO_get_mem_data(bio.get(), &pem);
  const std::string public_pem(pem, static_cast<std::size_t>(pem_len));
  expectRejected(JwtCodec(public_pem).verify(token, kNow), "algorithm not allowed");
  // And an HS256 token keyed with that PEM is just an ordinary token for that secret.
  EXPECT_TRUE(JwtCodec(public_pem)
                  .verify(signedToken(R"({"alg":"HS256"})", claims(), public_pem), kNow)
                  .ok());
}

TEST(Jwt, HeaderWithoutAlgOrWithNonStringAlgIsMalformed) {
  const JwtCodec codec(kSecret);
  expectRejected(codec.verify(signedToken(R"({"typ":"JWT"})", claims()), kNow), "malformed token");
  // cpp-jwt throws json::type_error here even from its error_code overload.
  expectRejected(codec.verify(signedToken(R"({"alg":256})", claims()), kNow), "malformed token");
  expectRejected(codec.verify(signedToken(R"({"alg":"HS256","typ":7})", claims()), kNow),
                 "malformed token");
  expectRejected(codec.verify(signedToken(R"(["HS256"])", claims()), kNow), "malformed token");
}

// --- Time ---

TEST(Jwt, ExpiredTokenIsRejected) {
  const JwtCodec codec(kSecret);
  const std::string token = codec.mint("user-1", kNow, 600);
  EXPECT_TRUE(codec.verify(token, kNow + 600).ok());
  EXPECT_TRUE(codec.verify(token, kNow + 600 + JwtCodec::kClockSkewSeconds - 1).ok());
  expectRejected(codec.verify(token, kNow + 600 + JwtCodec::kClockSkewSeconds), "token expired");
  expectRejected(codec.verify(token, kNow + 100000), "token expired");
}

TEST(Jwt, NotYetValidTokenIsRejected) {
  const JwtCodec codec(kSecret);
  const std::string token = hs256Token(claims(R"(,"nbf":)" + std::to_string(kNow + 100)));
  expectRejected(codec.verify(token, kNow), "token not yet valid");
  expectRejected(codec.verify(token, kNow + 100 - JwtCodec::kClockSkewSeconds - 1),
                 "token not yet valid");
  EXPECT_TRUE(codec.verify(token, kNow + 100 - JwtCodec::kClockSkewSeconds).ok());
  EXPECT_TRUE(codec.verify(token, kNow + 100).ok());
}

TEST(Jwt, TokenWithoutExpIsRejected) {
  expectRejected(JwtCodec(kSecret).verify(hs256Token(R"({"sub":"user-1"})"), kNow),
                 "malformed token");
}

TEST(Jwt, NonNumericTimeClaimsAreRejected) {
  const JwtCodec codec(kSecret);
  expectRejected(codec.verify(hs256Token(R"({"sub":"u","exp":"1700000600"})"), kNow),
                 "malformed token");
  expectRejected(codec.verify(hs256Token(claims(R"(,"nbf":null)")), kNow), "malformed token");
  expectRejected(codec.verify(hs256Token(R"({"sub":"u","iat":true,"exp":1700000600})"), kNow),
                 "malformed token");
  expectRejected(codec.verify(hs256Token(R"({"sub":"u","exp":1e300})"), kNow), "malformed token");
  expectRejected(codec.verify(hs256Token(R"({"sub":"u","exp":18446744073709551615})"), kNow),
                 "malformed token");
  // A fractional NumericDate is allowed.
  EXPECT_TRUE(codec.verify(hs256Token(R"({"sub":"u","exp":1700000600.5})"), kNow).ok());
}

// --- Subject ---

TEST(Jwt, NumericSubjectIsRejected) {
  expectRejected(JwtCodec(kSecret).verify(hs256Token(R"({"sub":42,"exp":1700000600})"), kNow),
                 "token has no subject");
}

TEST(Jwt, MissingOrEmptySubjectIsRejected) {
  const JwtCodec codec(kSecret);
  expectRejected(codec.verify(hs256Token(R"({"exp":1700000600})"), kNow), "token has no subject");
  expectRejected(codec.verify(hs256Token(R"({"sub":"","exp":1700000600})"), kNow),
                 "token has no subject");
  expectRejected(codec.verify(codec.mint("", kNow, 60), kNow), "token has no subject");
}

// --- Shape and encoding ---

TEST(Jwt, GarbageIsRejected) {
  const JwtCodec codec(kSecret);
  for (const char* garbage : {"", ".", "..", "...", "garbage", "a.b.c", "Bearer x.y.z",
                              "\xff\xfe.\x80\x81.\x90", "eyJhbGciOiJIUzI1NiJ9..sig"}) {
    SCOPED_TRACE(garbage);
    expectRejected(codec.verify(garbage, kNow), "malformed token");
  }
}

TEST(Jwt, TwoPartTokenIsRejected) {
  const std::string token = hs256Token(claims());
  expectRejected(JwtCodec(kSecret).verify(token.substr(0, token.rfind('.')), kNow),
                 "malformed token");
}

TEST(Jwt, FourPartTokenIsRejected) {
  const JwtCodec codec(kSecret);
  const std::string token = hs256Token(claims());
  expectRejected(codec.verify(token + ".extra", kNow), "malformed token");
  expectRejected(codec.verify(token + ".", kNow), "malformed token");
  // alg none with four parts: cpp-jwt alone would let the extra dots through.
  expectRejected(
      codec.verify(base64Url(R"({"alg":"none"})") + "." + base64Url(claims()) + "..", kNow),
      "malformed token");
}

TEST(Jwt, BadBase64IsRejected) {
  const JwtCodec codec(kSecret);
  const std::string token = hs256Token(claims());
  const std::size_t dot = token.find('.');
  // Standard-alphabet characters, padding, a non-alphabet character, non-ASCII bytes, and a
  // length no base64 text can have.
  for (const std::string& bad : {std::string("+"), std::string("/"), std::string("="),
                                 std::string("*"), std::string("\xc3\xa9"), std::string(" ")}) {
    SCOPED_TRACE(bad);
    std::string broken = token;
    broken.insert(dot + 3, bad);
    expectRejected(codec.verify(broken, kNow), "malformed token");
  }
  expectRejected(codec.verify("eyJhbGciOiJIUzI1NiJ9.eyJzd.sig", kNow),
                 "malformed token");  // payload length % 4 == 1 ("eyJzd" has 5)
}

TEST(Jwt, NonJsonPayloadIsRejected) {
  const JwtCodec codec(kSecret);
  expectRejected(codec.verify(hs256Token("not json"), kNow), "malformed token");
  expectRejected(codec.verify(hs256Token(R"({"sub":"u",)"), kNow), "malformed token");
  expectRejected(codec.verify(signedToken("not json", claims()), kNow), "malformed token");
}

TEST(Jwt, NonObjectPayloadIsRejected) {
  const JwtCodec codec(kSecret);
  for (const char* payload : {"[1,2]", R"("sub")", "42", "null", "[]"}) {
    SCOPED_TRACE(payload);
    expectRejected(codec.verify(hs256Token(payload), kNow), "malformed token");
  }
}

TEST(Jwt, OverlongTokenIsRejected) {
  const std::string padding(JwtCodec::kMaxTokenLength, 'a');
  expectRejected(JwtCodec(kSecret).verify(hs256Token(claims(R"(,"pad":")" + padding + "\"")), kNow),
                 "malformed token");
}

TEST(Jwt, EmptySecretMintsNothingAndAcceptsNothing) {
  const JwtCodec codec("");
  EXPECT_EQ(codec.mint("user-1", kNow, 60), "");
  expectRejected(codec.verify(signedToken(R"({"alg":"HS256"})", claims(), ""), kNow),
                 "bad signature");
}

TEST(Jwt, MintRefusesInvalidUtf8AndOverflowingExpiry) {
  const JwtCodec codec(kSecret);
  EXPECT_EQ(codec.mint("\xff\xfe", kNow, 60), "");
  EXPECT_EQ(codec.mint("u", kNow, 0x7fffffffffffffffLL), "");
}

// --- Authorization header ---

TEST(BearerToken, TakesTheTokenAfterBearer) {
  const Result<std::string> r = bearerToken("Bearer abc.def.ghi");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "abc.def.ghi");
}

TEST(BearerToken, SchemeIsCaseInsensitive) {
  for (const char* header : {"bearer t", "BEARER t", "bEaReR t"}) {
    SCOPED_TRACE(header);
    const Result<std::string> r = bearerToken(header);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "t");
  }
}

TEST(BearerToken, AllowsSeveralSpacesOrTabsAndSurroundingWhitespace) {
  for (const char* header : {"Bearer    t", "Bearer\tt", "  Bearer t  ", "Bearer \t t\t"}) {
    SCOPED_TRACE(header);
    const Result<std::string> r = bearerToken(header);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "t");
  }
}

TEST(BearerToken, AcceptsABareToken) {
  const Result<std::string> r = bearerToken(" abc.def.ghi ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "abc.def.ghi");
}

TEST(BearerToken, RejectsEmptyOrBlank) {
  for (const char* header : {"", " ", "\t  "}) {
    const Result<std::string> r = bearerToken(header);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
}

TEST(BearerToken, RejectsBearerWithoutAToken) {
  for (const char* header : {"Bearer", "bearer   "}) {
    const Result<std::string> r = bearerToken(header);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
}

TEST(BearerToken, RejectsOtherSchemes) {
  for (const char* header : {"Basic dXNlcjpwYXNz", "Token abc", "Bearerx abc"}) {
    SCOPED_TRACE(header);
    const Result<std::string> r = bearerToken(header);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
}

TEST(BearerToken, RejectsAnythingAfterTheToken) {
  const Result<std::string> r = bearerToken("Bearer abc def");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
}

// The verified-token cache (auth/token_cache.h) keeps "nbf" and checks it on every use.
TEST(Jwt, RememberedTokenIsNotYetValidBeforeNbfOnEveryUse) {
  JwtCodec codec(kSecret);
  VerifiedTokens tokens(codec);
  const std::string token = hs256Token(claims(R"(,"nbf":)" + std::to_string(kNow + 100)));
  ASSERT_TRUE(tokens.verify(token, kNow + 200).ok());
  expectRejected(tokens.verify(token, kNow), "token not yet valid");
}

}  // namespace
}  // namespace lsm
