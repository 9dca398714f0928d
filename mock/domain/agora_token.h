#pragma once
// Agora AccessToken2 ("007" tokens), byte-compatible with Agora's reference builders
// (AgoraIO/Tools DynamicKey/AgoraDynamicKey: AccessToken2, RtcTokenBuilder2).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lsm {

// Service types and RTC privileges as numbered by AccessToken2.
inline constexpr std::uint16_t kAgoraServiceRtc = 1;
inline constexpr std::uint16_t kAgoraServiceRtm = 2;
inline constexpr std::uint16_t kAgoraServiceStreaming = 3;
inline constexpr std::uint16_t kAgoraServiceRtns = 4;
inline constexpr std::uint16_t kAgoraRtcPrivilegeJoinChannel = 1;
inline constexpr std::uint16_t kAgoraRtcPrivilegePublishAudio = 2;
inline constexpr std::uint16_t kAgoraRtcPrivilegePublishVideo = 3;
inline constexpr std::uint16_t kAgoraRtcPrivilegePublishData = 4;

// One service of a token: its type, privilege -> expire (seconds), then its string fields in
// packing order (RTC and streaming: channel name, account; RTM: user id; RTNS: none).
struct AgoraTokenService {
  std::uint16_t type = kAgoraServiceRtc;
  std::map<std::uint16_t, std::uint32_t> privileges;
  std::vector<std::string> fields;
};

// The account an RTC service carries for a numeric uid: its decimal text, "" for uid 0.
std::string agoraAccountForUid(std::uint32_t uid);

// An RTC service for `channel_name` and `account` with the given privileges.
AgoraTokenService agoraRtcService(std::string channel_name, std::string account,
                                  std::map<std::uint16_t, std::uint32_t> privileges);

// "007" + base64(zlib(str(HMAC signature) + signing info)); services are packed by ascending type
// (a later service of the same type replaces an earlier one). Returns "" when the reference
// builder would: app_id or app_certificate not 32 hex digits, or no services; also when a string
// or count does not fit the format's 16-bit lengths.
std::string buildAccessToken2(const std::string& app_id, const std::string& app_certificate,
                              std::uint32_t issue_ts, std::uint32_t expire_seconds,
                              std::uint32_t salt, const std::vector<AgoraTokenService>& services);

struct AgoraRtcTokenRequest {
  std::string app_id;
  std::string app_certificate;
  std::string channel_name;
  std::uint32_t uid = 0;  // 0: any uid may join
  std::uint32_t issue_ts = 0;
  std::uint32_t expire_seconds = 0;
  std::uint32_t salt = 0;
  std::uint32_t privilege_expire_seconds = 0;
  bool publisher = false;
};

// As RtcTokenBuilder2::BuildTokenWithUid with a fixed issue_ts and salt: a publisher gets join,
// publish audio, publish video and publish data; a subscriber only join; all privileges expire
// after privilege_expire_seconds. "" on invalid input, as buildAccessToken2.
std::string buildAgoraRtcToken(const AgoraRtcTokenRequest& r);

}  // namespace lsm
