#pragma once
// The only code that knows Pistache: wire <-> HttpRequest/HttpResponse, keep-alive, size limits.

#include <functional>
#include <memory>
#include <string>

#include "core/http.h"

namespace lsm {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  int threads = 2;
  size_t max_body_bytes = 8 * 1024 * 1024;
  size_t max_header_bytes = 16 * 1024;  // request line and headers: 431 envelope beyond
  int request_timeout_seconds = 30;     // a request not complete by then: 408 envelope, closed
  bool access_log = true;
  bool colour = false;  // ANSI colours in the access log
};

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();
  // Binds and starts serving on background threads; returns the bound port.
  uint16_t start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lsm
