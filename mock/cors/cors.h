#pragma once
// CORS for browsers on another origin: preflights are answered before auth (a browser sends no
// Authorization header on them), and every response carries the allow-origin header.

#include <string>
#include <vector>

#include "core/http.h"

namespace lsm {

struct CorsConfig {
  bool enabled = true;
  std::vector<std::string> allowed_origins = {"*"};  // "*" allows any origin
  std::string allowed_headers = "Authorization, Content-Type, Prefer, Accept";
  int max_age_seconds = 600;
};

class Cors {
 public:
  explicit Cors(CorsConfig config) : config_(std::move(config)) {}
  bool isPreflight(const HttpRequest& request) const;
  // The answer to a preflight on a path whose methods are `allowed_methods`.
  HttpResponse preflight(const HttpRequest& request,
                         const std::vector<std::string>& allowed_methods) const;
  // Adds Access-Control-Allow-Origin (and Vary, Expose-Headers) to any response.
  void decorate(const HttpRequest& request, HttpResponse* response) const;

 private:
  // The value for Access-Control-Allow-Origin, or empty when the origin is not allowed.
  std::string allowOrigin(const HttpRequest& request) const;
  CorsConfig config_;
};

}  // namespace lsm
