#include "domain/agora_token.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lsm {
namespace {

// Inputs and expected tokens from Agora's reference tests, AgoraIO/Tools
// DynamicKey/AgoraDynamicKey/cpp/test/AccessToken2_test.cpp.
constexpr char kAppId[] = "970CA35de60c44645bbae8a215061b33";
constexpr char kAppCertificate[] = "5CFd2fd1755d40ecb72977518be15d3b";
constexpr char kChannel[] = "7d72365eb983485397e3e3f9d460bdda";
constexpr std::uint32_t kUid = 2882341273u;
constexpr std::uint32_t kIssueTs = 1111111;
constexpr std::uint32_t kExpire = 600;
constexpr std::uint32_t kSalt = 1;

constexpr char kIntUidToken[] =
    "007eJxTYBBbsMMnKq7p9Hf/"
    "HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDc"
    "wMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkp"
    "iVwMRhYWRsYmhkbmxgDCaiTj";
constexpr char kUidZeroToken[] =
    "007eJxTYLhzZP08Lxa1Pg57+TcXb/"
    "3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN"
    "3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMAD"
    "acImo=";
constexpr char kMultiServiceToken[] =
    "007eJxTYFgedFLiTXNWtuzC7DTnrFeCpxKDp+r3eVnVrrEK9M+vm6/"
    "AYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/"
    "kWAIYKJgYGRgYGBBUiCMIjPBCaZwSQLmFRgME8xNzI2M01NsrQwNrEwNbY0TzVONU6zTDE"
    "xM0hKSUnkYjCysDAyNjE0MjdmApoDMYmToSS1uCS+tDi1iJmBCcV40oxkAToRACRUNJQ=";

std::string buildRtcJoinOnly(std::uint32_t uid) {
  return buildAccessToken2(
      kAppId, kAppCertificate, kIssueTs, kExpire, kSalt,
      {agoraRtcService(kChannel, agoraAccountForUid(uid), {{kAgoraRtcPrivilegeJoinChannel, 600}})});
}

AgoraRtcTokenRequest vectorRequest(bool publisher) {
  AgoraRtcTokenRequest r;
  r.app_id = kAppId;
  r.app_certificate = kAppCertificate;
  r.channel_name = kChannel;
  r.uid = kUid;
  r.issue_ts = kIssueTs;
  r.expire_seconds = kExpire;
  r.salt = kSalt;
  r.privilege_expire_seconds = 600;
  r.publisher = publisher;
  return r;
}

// --- A test-side decoder, written from the format description, to look inside tokens ---

std::string base64Decode(const std::string& in) {
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else
      break;  // '='
    buffer = (buffer << 6) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string data) : data_(std::move(data)) {}
  std::uint16_t u16() {
    need(2);
    const auto v = static_cast<std::uint16_t>(byte(0) | (byte(1) << 8));
    pos_ += 2;
    return v;
  }
  std::uint32_t u32() {
    need(4);
    const std::uint32_t v = byte(0) | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24);
    pos_ += 4;
    return v;
  }
  std::string str() {
    const std::uint16_t n = u16();
    need(n);
    std::string s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool atEnd() const { return pos_ == data_.size(); }
  std::size_t pos() const { return pos_; }
  const std::string& data() const { return data_; }

 private:
  void need(std::size_t n) const {
    if (data_.size() - pos_ < n) throw std::out_of_range("token too short");
  }
  std::uint32_t byte(std::size_t i) const { return static_cast<std::uint8_t>(data_[pos_ + i]); }

  std::string data_;
  std::size_t pos_ = 0;
};

struct DecodedRtcToken {
  std::string signature;
  std::string signing_info;
  std::string app_id;
  std::uint32_t issue_ts = 0, expire = 0, salt = 0;
  std::uint16_t service_type = 0;
  std::map<std::uint16_t, std::uint32_t> privileges;
  std::string channel, account;
};

DecodedRtcToken decodeSingleRtcToken(const std::string& token) {
  EXPECT_EQ(token.substr(0, 3), "007");
  const std::string compressed = base64Decode(token.substr(3));
  std::string raw(65536, '\0');
  uLongf raw_len = raw.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(&raw[0]), &raw_len,
                       reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()),
            Z_OK);
  raw.resize(raw_len);
  Reader r(raw);
  DecodedRtcToken d;
  d.signature = r.str();
  d.signing_info = raw.substr(r.pos());
  d.app_id = r.str();
  d.issue_ts = r.u32();
  d.expire = r.u32();
  d.salt = r.u32();
  EXPECT_EQ(r.u16(), 1u);  // one service
  d.service_type = r.u16();
  for (std::uint16_t n = r.u16(); n > 0; --n) {
    const std::uint16_t privilege = r.u16();
    d.privileges[privilege] = r.u32();
  }
  d.channel = r.str();
  d.account = r.str();
  EXPECT_TRUE(r.atEnd());
  return d;
}

std::string hmac(const std::string& key, const std::string& msg) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), md, &len);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string le32(std::uint32_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
          static_cast<char>((v >> 16) & 0xff), static_cast<char>(v >> 24)};
}

// --- Reference vectors ---

TEST(AgoraToken, MatchesReferenceVectorWithIntUid) {
  EXPECT_EQ(buildRtcJoinOnly(kUid), kIntUidToken);
}

TEST(AgoraToken, MatchesReferenceVectorWithUidZero) {
  EXPECT_EQ(buildRtcJoinOnly(0), kUidZeroToken);
}

TEST(AgoraToken, MatchesReferenceVectorWithStringAccount) {
  // TestAccessToken2WithStringUid: account "2882341273" gives the same token as the int uid.
  EXPECT_EQ(buildAccessToken2(
                kAppId, kAppCertificate, kIssueTs, kExpire, kSalt,
                {agoraRtcService(kChannel, "2882341273", {{kAgoraRtcPrivilegeJoinChannel, 600}})}),
            kIntUidToken);
}

TEST(AgoraToken, MatchesReferenceVectorWithMultipleServices) {
  const std::string account = agoraAccountForUid(kUid);
  AgoraTokenService rtm{kAgoraServiceRtm, {{1, 600}}, {"test_user"}};
  AgoraTokenService streaming{kAgoraServiceStreaming, {{1, 600}, {2, 600}}, {kChannel, account}};
  AgoraTokenService rtns{kAgoraServiceRtns, {}, {}};
  // Given out of order: services are packed by ascending type.
  EXPECT_EQ(buildAccessToken2(kAppId, kAppCertificate, kIssueTs, kExpire, kSalt,
                              {rtns, streaming,
                               agoraRtcService(kChannel, account,
                                               {{kAgoraRtcPrivilegeJoinChannel, 600},
                                                {kAgoraRtcPrivilegePublishAudio, 600},
                                                {kAgoraRtcPrivilegePublishVideo, 600},
                                                {kAgoraRtcPrivilegePublishData, 600}}),
                               rtm}),
            kMultiServiceToken);
}

// --- RTC builder ---

TEST(AgoraToken, SubscriberTokenIsTheJoinOnlyReferenceToken) {
  EXPECT_EQ(buildAgoraRtcToken(vectorRequest(false)), kIntUidToken);
}

TEST(AgoraToken, PublisherGetsJoinAndAllPublishPrivileges) {
  const std::string token = buildAgoraRtcToken(vectorRequest(true));
  EXPECT_EQ(token, buildAccessToken2(kAppId, kAppCertificate, kIssueTs, kExpire, kSalt,
                                     {agoraRtcService(kChannel, "2882341273",
                                                      {{1, 600}, {2, 600}, {3, 600}, {4, 600}})}));
  EXPECT_NE(token, kIntUidToken);

  const DecodedRtcToken d = decodeSingleRtcToken(token);
  EXPECT_EQ(d.app_id, kAppId);
  EXPECT_EQ(d.issue_ts, kIssueTs);
  EXPECT_EQ(d.expire, kExpire);
  EXPECT_EQ(d.salt, kSalt);
  EXPECT_EQ(d.service_type, kAgoraServiceRtc);
  const std::map<std::uint16_t, std::uint32_t> all{{1, 600}, {2, 600}, {3, 600}, {4, 600}};
  EXPECT_EQ(d.privileges, all);
  EXPECT_EQ(d.channel, kChannel);
  EXPECT_EQ(d.account, "2882341273");
  const std::string key = hmac(le32(kSalt), hmac(le32(kIssueTs), kAppCertificate));
  EXPECT_EQ(d.signature, hmac(key, d.signing_info));
}

TEST(AgoraToken, PrivilegeExpiryIsSeparateFromTokenExpiry) {
  AgoraRtcTokenRequest r = vectorRequest(true);
  r.uid = 0;
  r.expire_seconds = 3600;
  r.privilege_expire_seconds = 1800;
  const DecodedRtcToken d = decodeSingleRtcToken(buildAgoraRtcToken(r));
  EXPECT_EQ(d.expire, 3600u);
  EXPECT_EQ(d.account, "");
  ASSERT_EQ(d.privileges.size(), 4u);
  for (const auto& [privilege, expire] : d.privileges)
    EXPECT_EQ(expire, 1800u) << privilege;
}

TEST(AgoraToken, SaltAndIssueTimeChangeTheToken) {
  AgoraRtcTokenRequest r = vectorRequest(true);
  const std::string base = buildAgoraRtcToken(r);
  r.salt = 2;
  EXPECT_NE(buildAgoraRtcToken(r), base);
  r.salt = kSalt;
  r.issue_ts = kIssueTs + 1;
  EXPECT_NE(buildAgoraRtcToken(r), base);
}

// --- Invalid input: "" as the reference builder ---

TEST(AgoraToken, InvalidAppIdOrCertificateGivesEmptyToken) {
  AgoraRtcTokenRequest r = vectorRequest(true);
  r.app_id = "not-an-app-id";
  EXPECT_EQ(buildAgoraRtcToken(r), "");
  r = vectorRequest(true);
  r.app_certificate = std::string(32, 'g');
  EXPECT_EQ(buildAgoraRtcToken(r), "");
  r = vectorRequest(true);
  r.app_certificate = "";
  EXPECT_EQ(buildAgoraRtcToken(r), "");
}

TEST(AgoraToken, NoServicesGivesEmptyToken) {
  EXPECT_EQ(buildAccessToken2(kAppId, kAppCertificate, kIssueTs, kExpire, kSalt, {}), "");
}

TEST(AgoraToken, ChannelNameTooLongForTheFormatGivesEmptyToken) {
  AgoraRtcTokenRequest r = vectorRequest(true);
  r.channel_name = std::string(65536, 'c');
  EXPECT_EQ(buildAgoraRtcToken(r), "");
  r.channel_name = std::string(65535, 'c');
  EXPECT_NE(buildAgoraRtcToken(r), "");
}

}  // namespace
}  // namespace lsm
