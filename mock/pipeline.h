#pragma once
// One request, top to bottom:
//   route -> CORS -> auth -> validate request -> handler (domain on the store)
//   -> validate response -> envelope
// The first stage that fails answers with the envelope. Nothing here knows Pistache.

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "auth/token_cache.h"
#include "cache/fragment_cache.h"
#include "cache/response_cache.h"
#include "codec/multipart.h"
#include "core/http.h"
#include "cors/cors.h"
#include "handlers/handler.h"
#include "routing/router.h"
#include "spec/spec.h"

namespace lsm {

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Spec> spec, Services& services);
  HttpResponse handle(const HttpRequest& request) const;

 private:
  HttpResponse handleRouted(const HttpRequest& request, const RouteMatch& route) const;
  // --proxy: the real server's answer to a product request, with its differences from the spec
  // (sl-violations, the drift log). nullopt: the real server has no such operation (501, or a 404
  // or 405 without the error envelope), and the mock answers it.
  std::optional<HttpResponse> proxied(const HttpRequest& request, const RouteMatch& route) const;
  bool forwards(const HttpRequest& request, const RouteMatch& route) const;
  // Before the mock answers in front of a real server: the records its answers showed, merged
  // into the state (domain/seen_records.h), so the real users and streams are known.
  void mergeSeenRecords() const;
  Result<std::string> authenticate(const HttpRequest& request) const;
  // --no-control-api (404 as if absent) and --control-token (401 without the header) on /__mock/.
  std::optional<HttpResponse> guardControlApi(const HttpRequest& request) const;
  // --latency: a random delay on product responses, for realistic UIs.
  void addLatency() const;
  // Checks status and body against the operation's documented responses; a violation becomes a
  // 500 envelope that names it (and is logged), never a silently wrong answer.
  // A status the operation does not document is a 500, unless it is one of the server's own
  // (components/responses/ServerError, x-server-statuses), checked against that component.
  HttpResponse finish(const Operation* op, int status, nlohmann::json body) const;
  // The mock's own answers (no route 404, 405, a bad Prefer 400, the control-token guard, an
  // internal error): checked against the operation's response for the status when it documents
  // one, else against components/responses/ServerError.
  HttpResponse finishOwn(const Operation* op, int status, nlohmann::json body) const;
  // The 500 envelope naming what in `body` (or its status) the spec does not allow, if anything.
  // `own`: one of the mock's own answers (see finishOwn). The 500 it returns is not checked again.
  std::optional<HttpResponse> checkAgainstSpec(const Operation* op, int status,
                                               const nlohmann::json& body, bool own) const;
  // A raw file reply: its status must be documented with its media type; a JSON file's bytes are
  // also validated against the media type's schema. Other bytes (images, HTML, YAML) are not.
  std::optional<HttpResponse> checkFile(const Operation& op, int status,
                                        const std::string& content_type,
                                        const std::string& bytes) const;
  std::optional<HttpResponse> validationFailure(const std::string& what,
                                                const std::vector<std::string>& problems) const;

  std::shared_ptr<const Spec> spec_;
  Services& services_;
  Router router_;
  Cors cors_;
  MultipartLimits multipart_limits_;
  VerifiedTokens tokens_;
  mutable ResponseCache cache_;
  // Chat messages of history pages, ~0.5 KiB each: 4,096 hold a busy stream's recent history.
  static constexpr size_t kFragmentCacheEntries = 4096;
  mutable FragmentCache fragments_;
  mutable std::atomic<uint64_t> merged_changes_{0};  // the recorder's changes() last merged
};

}  // namespace lsm
