#include "domain/agora_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <limits>
#include <optional>
#include <utility>

namespace lsm {
namespace {

constexpr char kVersion[] = "007";
constexpr std::size_t kMaxU16 = std::numeric_limits<std::uint16_t>::max();

// Little-endian writer for the AccessToken2 wire format. Any length or count that does not fit
// in 16 bits marks the whole buffer as failed.
class Packer {
 public:
  Packer& u16(std::uint16_t v) {
    out_.push_back(static_cast<char>(v & 0xff));
    out_.push_back(static_cast<char>(v >> 8));
    return *this;
  }
  Packer& u32(std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8)
      out_.push_back(static_cast<char>((v >> shift) & 0xff));
    return *this;
  }
  Packer& count(std::size_t n) {
    if (n > kMaxU16) ok_ = false;
    return u16(static_cast<std::uint16_t>(n));
  }
  Packer& str(const std::string& s) {
    count(s.size());
    out_ += s;
    return *this;
  }
  bool ok() const { return ok_; }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
  bool ok_ = true;
};

std::string le32(std::uint32_t v) {
  return Packer().u32(v).bytes();
}

std::optional<std::string> hmacSha256(const std::string& key, const std::string& message) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), md,
           &md_len) == nullptr)
    return std::nullopt;
  return std::string(reinterpret_cast<const char*>(md), md_len);
}

std::optional<std::string> zlibCompress(const std::string& in) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  std::string out(size, '\0');
  if (compress(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(in.data()),
               static_cast<uLong>(in.size())) != Z_OK)
    return std::nullopt;
  out.resize(size);
  return out;
}

std::string base64Encode(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  const auto byte = [&in](std::size_t i) -> std::uint32_t {
    return static_cast<std::uint8_t>(in[i]);
  };
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    const std::uint32_t n = (byte(i) << 16) | (rest == 2 ? byte(i + 1) << 8 : 0u);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool isHex32(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

std::string agoraAccountForUid(std::uint32_t uid) {
  return uid == 0 ? std::string() : std::to_string(uid);
}

AgoraTokenService agoraRtcService(std::string channel_name, std::string account,
                                  std::map<std::uint16_t, std::uint32_t> privileges) {
  AgoraTokenService s;
  s.type = kAgoraServiceRtc;
  s.privileges = std::move(privileges);
  s.fields = {std::move(channel_name), std::move(account)};
  return s;
}

std::string buildAccessToken2(const std::string& app_id, const std::string& app_certificate,
                              std::uint32_t issue_ts, std::uint32_t expire_seconds,
                              std::uint32_t salt, const std::vector<AgoraTokenService>& services) {
  if (!isHex32(app_id) || !isHex32(app_certificate) || services.empty()) return {};

  std::map<std::uint16_t, const AgoraTokenService*> by_type;
  for (const AgoraTokenService& s : services)
    by_type[s.type] = &s;

  Packer info;
  info.str(app_id).u32(issue_ts).u32(expire_seconds).u32(salt).count(by_type.size());
  for (const auto& [type, service] : by_type) {
    info.u16(type).count(service->privileges.size());
    for (const auto& [privilege, expire] : service->privileges)
      info.u16(privilege).u32(expire);
    for (const std::string& field : service->fields)
      info.str(field);
  }
  if (!info.ok()) return {};

  // key = HMAC(u32 issue_ts, certificate); key = HMAC(u32 salt, key); sig = HMAC(key, info).
  std::optional<std::string> key = hmacSha256(le32(issue_ts), app_certificate);
  if (key) key = hmacSha256(le32(salt), *key);
  if (!key) return {};
  const std::optional<std::string> signature = hmacSha256(*key, info.bytes());
  if (!signature) return {};

  Packer content;
  content.str(*signature);
  const std::optional<std::string> compressed = zlibCompress(content.bytes() + info.bytes());
  if (!compressed) return {};
  return kVersion + base64Encode(*compressed);
}

std::string buildAgoraRtcToken(const AgoraRtcTokenRequest& r) {
  std::map<std::uint16_t, std::uint32_t> privileges{
      {kAgoraRtcPrivilegeJoinChannel, r.privilege_expire_seconds}};
  if (r.publisher) {
    privileges[kAgoraRtcPrivilegePublishAudio] = r.privilege_expire_seconds;
    privileges[kAgoraRtcPrivilegePublishVideo] = r.privilege_expire_seconds;
    privileges[kAgoraRtcPrivilegePublishData] = r.privilege_expire_seconds;
  }
  return buildAccessToken2(
      r.app_id, r.app_certificate, r.issue_ts, r.expire_seconds, r.salt,
      {agoraRtcService(r.channel_name, agoraAccountForUid(r.uid), std::move(privileges))});
}

}  // namespace lsm
