#pragma once
// Handlers are thin adapters: a validated request and the caller in, one domain call, data out.
// One table maps each operationId of the spec to its handler (table.cc).

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/jwt.h"
#include "cache/fragment_cache.h"
#include "config.h"
#include "core/http.h"
#include "core/result.h"
#include "core/time.h"
#include "docs/spec_documents.h"
#include "domain/aspects.h"
#include "domain/store.h"
#include "journal/journal.h"
#include "proxy/drift_log.h"
#include "proxy/recorder.h"
#include "proxy/upstream.h"
#include "spec/provider_states.h"
#include "spec/spec.h"
#include "validation/request_validator.h"

namespace lsm {

// The base URL clients reach the mock at. main sets it once the port is bound, when the server
// threads may already be answering (ThreadSanitizer found the unguarded string), so it is locked.
class PublicUrl {
 public:
  PublicUrl(const char* url) : url_(url) {}  // NOLINT: implicit, for Services' aggregate init
  PublicUrl& operator=(std::string url) {
    std::lock_guard lock(mu_);
    url_ = std::move(url);
    return *this;
  }
  std::string get() const {
    std::lock_guard lock(mu_);
    return url_;
  }

 private:
  mutable std::mutex mu_;
  std::string url_;  // guarded by mu_
};

// What the handlers share: the state, the clock, the token codec, the configuration.
struct Services {
  Store& store;
  Clock& clock;
  const JwtCodec& jwt;
  const Config& config;
  RequestJournal& journal;
  PublicUrl public_url;  // "http://127.0.0.1:8080", known once the port is bound
  Millis started_at = 0;
  SpecDocuments* spec_documents = nullptr;  // GET /openapi.json, /openapi.yaml, /docs
  const ProviderStateCatalogue* provider_states = nullptr;  // /__mock/provider-states
  const Upstream* upstream = nullptr;  // --proxy: the real server; nullptr: the mock answers all
  DriftLog* drift = nullptr;           // GET /__mock/drift
  Recorder* recorder = nullptr;        // --record

  std::string uploadsUrl() const { return public_url.get() + "/uploads"; }
};

struct Reply {
  int status = 200;
  nlohmann::json data;
  std::optional<Upload> file;  // a raw body (served images) instead of an envelope
  std::string cache_control = "public, max-age=3600";  // for `file`
  std::string content_security_policy = {};            // for `file`, when not empty
};

struct Call {
  const Operation& op;
  const HttpRequest& http;
  ValidatedRequest& in;
  std::string caller_id;  // empty on operations without auth
  Services& services;
  FragmentCache& fragments;  // remembered parts of answers (off with --response-cache 0)
};

using Handler = Result<Reply> (*)(Call&);

// The schema the spec gives the value at `path` inside the `data` of `op`'s JSON answer of
// `status` (validation/schema.h: Schema::at), the one a remembered part placed there is checked
// against; invalid when responses are not validated or the spec names no single schema there.
Schema answerSchemaAt(const Call& c, int status, const std::vector<std::string>& path);

// operationId -> handler. Operations of the spec without an entry answer 501.
const std::map<std::string, Handler>& handlerTable();
// Reads whose answer depends only on the state, the caller and the request (never on the clock),
// so it may be remembered until the state changes (cache/response_cache.h): the aspects of the
// state (domain/aspects.h) the answer is made from, or 0 for an operation that is not remembered.
Aspects cachedReadAspects(const std::string& operation_id);

// Handlers, by resource; each file holds the handlers of one resource.
Result<Reply> createLiveStream(Call& c);
Result<Reply> listLiveStreamViewers(Call& c);
Result<Reply> cancelLiveStream(Call& c);
Result<Reply> deleteLiveStream(Call& c);
Result<Reply> setLiveStreamReminder(Call& c);
Result<Reply> createReplayRental(Call& c);
Result<Reply> getLiveStreamGiftCounts(Call& c);
Result<Reply> getBroadcasterToken(Call& c);
Result<Reply> postChatMessage(Call& c);
Result<Reply> listChatMessages(Call& c);
Result<Reply> sendSuperlike(Call& c);
Result<Reply> listContacts(Call& c);
Result<Reply> getConsentHistory(Call& c);
Result<Reply> mockHealth(Call& c);
Result<Reply> mockListUsers(Call& c);
Result<Reply> mockMintToken(Call& c);
Result<Reply> mockGetUpload(Call& c);
Result<Reply> mockReset(Call& c);
Result<Reply> mockGetState(Call& c);
Result<Reply> mockPutState(Call& c);
Result<Reply> mockGetClock(Call& c);
Result<Reply> mockSetClock(Call& c);
Result<Reply> mockJoinAudience(Call& c);
Result<Reply> mockLeaveAudience(Call& c);
Result<Reply> mockEndStream(Call& c);
Result<Reply> mockSetCredits(Call& c);
Result<Reply> mockBanFromChat(Call& c);
Result<Reply> mockLiftChatBan(Call& c);
Result<Reply> mockSendGifts(Call& c);
Result<Reply> mockListRequests(Call& c);
Result<Reply> mockListProviderStates(Call& c);
Result<Reply> mockChangeProviderState(Call& c);
Result<Reply> mockGetOpenApiJson(Call& c);
Result<Reply> mockGetOpenApiYaml(Call& c);
Result<Reply> mockGetControlOpenApiJson(Call& c);
Result<Reply> mockGetControlOpenApiYaml(Call& c);
Result<Reply> mockGetDocs(Call& c);
Result<Reply> mockGetDrift(Call& c);
Result<Reply> mockGetDocsReference(Call& c);
Result<Reply> mockGetDocsAsset(Call& c);

// Helpers for handlers: typed reads of validated input.
std::optional<std::string> optString(const nlohmann::json& obj, const char* key);
int64_t intOr(const nlohmann::json& obj, const char* key, int64_t fallback);

}  // namespace lsm
