#include "handlers/handler.h"

namespace lsm {

const std::map<std::string, Handler>& handlerTable() {
  static const std::map<std::string, Handler> kTable = {
      // Product API (schemas/openapi.yaml, tags live-stream, chat, contacts and consents)
      {"createLiveStream", createLiveStream},
      {"cancelLiveStream", cancelLiveStream},
      {"deleteLiveStream", deleteLiveStream},
      {"setLiveStreamReminder", setLiveStreamReminder},
      {"listLiveStreamViewers", listLiveStreamViewers},
      {"createReplayRental", createReplayRental},
      {"getLiveStreamGiftCounts", getLiveStreamGiftCounts},
      {"getBroadcasterToken", getBroadcasterToken},
      {"postChatMessage", postChatMessage},
      {"listChatMessages", listChatMessages},
      {"sendSuperlike", sendSuperlike},
      {"listContacts", listContacts},
      {"getConsentHistory", getConsentHistory},
      // The mock's own routes (tag mock-control)
      {"mockHealth", mockHealth},
      {"mockListUsers", mockListUsers},
      {"mockMintToken", mockMintToken},
      {"mockGetUpload", mockGetUpload},
      {"mockReset", mockReset},
      {"mockGetState", mockGetState},
      {"mockPutState", mockPutState},
      {"mockGetClock", mockGetClock},
      {"mockSetClock", mockSetClock},
      {"mockJoinAudience", mockJoinAudience},
      {"mockLeaveAudience", mockLeaveAudience},
      {"mockEndStream", mockEndStream},
      {"mockSetCredits", mockSetCredits},
      {"mockBanFromChat", mockBanFromChat},
      {"mockLiftChatBan", mockLiftChatBan},
      {"mockSendGifts", mockSendGifts},
      {"mockListRequests", mockListRequests},
      {"mockListProviderStates", mockListProviderStates},
      {"mockChangeProviderState", mockChangeProviderState},
      {"mockGetOpenApiJson", mockGetOpenApiJson},
      {"mockGetOpenApiYaml", mockGetOpenApiYaml},
      {"mockGetControlOpenApiJson", mockGetControlOpenApiJson},
      {"mockGetControlOpenApiYaml", mockGetControlOpenApiYaml},
      {"mockGetDocs", mockGetDocs},
      {"mockGetDrift", mockGetDrift},
      {"mockGetDocsReference", mockGetDocsReference},
      {"mockGetDocsAsset", mockGetDocsAsset},
  };
  return kTable;
}

Aspects cachedReadAspects(const std::string& operation_id) {
  // Not getBroadcasterToken (its token expires relative to now) nor the mock's own reads (health
  // reports uptime, the clock and journal change without a write to the state).
  static const std::map<std::string, Aspects> kCached = {
      {"listLiveStreamViewers", kStreamsAspect | kUsersAspect},
      {"listChatMessages", kChatAspect | kStreamsAspect | kUsersAspect},
      {"getLiveStreamGiftCounts", kGiftsAspect | kStreamsAspect},
      {"listContacts", kRecordsAspect | kUsersAspect},
      {"getConsentHistory", kRecordsAspect | kUsersAspect},
  };
  auto it = kCached.find(operation_id);
  return it == kCached.end() ? 0 : it->second;
}

Schema answerSchemaAt(const Call& c, int status, const std::vector<std::string>& path) {
  if (!c.services.config.validate_responses) return Schema();
  const ResponseSpec* response = c.op.response(status);
  if (!response) return Schema();
  auto media = response->content.find("application/json");
  if (media == response->content.end()) return Schema();
  std::vector<std::string> full{"data"};
  full.insert(full.end(), path.begin(), path.end());
  return media->second.schema.at(full);
}

std::optional<std::string> optString(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

int64_t intOr(const nlohmann::json& obj, const char* key, int64_t fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return fallback;
  return it->get<int64_t>();
}

}  // namespace lsm
