#pragma once
// One request, top to bottom:
//   route -> CORS -> auth -> validate request -> handler (domain on the store)
//   -> validate response -> envelope
// The first stage that fails answers with the envelope. Nothing here knows Pistache.

#include <memory>
#include <optional>
#include <string>

#include "auth/token_cache.h"
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
  Result<std::string> authenticate(const HttpRequest& request) const;
  // --no-control-api (404 as if absent) and --control-token (401 without the header) on /__mock/.
  std::optional<HttpResponse> guardControlApi(const HttpRequest& request) const;
  // --latency: a random delay on product responses, for realistic UIs.
  void addLatency() const;
  // Checks status and body against the operation's documented responses; a violation becomes a
  // 500 envelope that names it (and is logged), never a silently wrong answer.
  HttpResponse finish(const Operation* op, int status, nlohmann::json body) const;
  // The 500 envelope naming what in `body` (or its status) the spec does not allow, if anything.
  std::optional<HttpResponse> checkAgainstSpec(const Operation& op, int status,
                                               const nlohmann::json& body) const;

  std::shared_ptr<const Spec> spec_;
  Services& services_;
  Router router_;
  Cors cors_;
  MultipartLimits multipart_limits_;
  VerifiedTokens tokens_;
  mutable ResponseCache cache_;
};

}  // namespace lsm
