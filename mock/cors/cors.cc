#include "cors/cors.h"

#include <algorithm>

namespace lsm {

bool Cors::isPreflight(const HttpRequest& request) const {
  return config_.enabled && request.method == "OPTIONS" && request.header("Origin") &&
         request.header("Access-Control-Request-Method");
}

std::string Cors::allowOrigin(const HttpRequest& request) const {
  auto origin = request.header("Origin");
  if (!origin) return "";
  for (const auto& allowed : config_.allowed_origins) {
    // With credentials a browser refuses "*", so the origin itself is echoed.
    if (allowed == "*" || allowed == *origin) return *origin;
  }
  return "";
}

HttpResponse Cors::preflight(const HttpRequest& request,
                             const std::vector<std::string>& allowed_methods) const {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  std::string origin = allowOrigin(request);
  if (origin.empty()) return r;  // no CORS headers: the browser blocks the request
  std::string methods;
  for (const auto& m : allowed_methods)
    methods += (methods.empty() ? "" : ", ") + m;
  r.setHeader("Access-Control-Allow-Origin", origin);
  r.setHeader("Access-Control-Allow-Methods", methods.empty() ? "GET, POST, DELETE" : methods);
  auto requested = request.header("Access-Control-Request-Headers");
  r.setHeader("Access-Control-Allow-Headers",
              requested && !requested->empty() ? *requested : config_.allowed_headers);
  r.setHeader("Access-Control-Allow-Credentials", "true");
  r.setHeader("Access-Control-Max-Age", std::to_string(config_.max_age_seconds));
  r.setHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  return r;
}

void Cors::decorate(const HttpRequest& request, HttpResponse* response) const {
  if (!config_.enabled) return;
  std::string origin = allowOrigin(request);
  if (origin.empty()) return;
  response->setHeader("Access-Control-Allow-Origin", origin);
  response->setHeader("Access-Control-Allow-Credentials", "true");
  response->setHeader("Access-Control-Expose-Headers",
                      "Allow, Content-Length, sl-violations, X-Mock-Answered-By");
  response->setHeader("Vary", "Origin");
}

}  // namespace lsm
