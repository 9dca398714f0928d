#include "transport/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

#include "core/access_log.h"
#include "envelope/envelope.h"

namespace lsm {

using namespace Pistache;

namespace {

HttpRequest fromPistache(const Http::Request& req) {
  HttpRequest r;
  r.method = Http::methodString(req.method());
  r.path = req.resource();
  const auto& q = req.query();
  for (auto it = q.parameters_begin(); it != q.parameters_end(); ++it) {
    auto decoded_key = percentDecode(it->first, true);
    auto decoded_value = percentDecode(it->second, true);
    r.query.emplace_back(decoded_key ? *decoded_key : it->first,
                         decoded_value ? *decoded_value : it->second);
  }
  // Pistache keeps the headers it knows typed and the rest raw; the pipeline wants them all.
  for (const auto& h : req.headers().list()) {
    std::ostringstream value;
    h->write(value);
    r.headers.emplace(h->name(), value.str());
  }
  for (const auto& [name, raw] : req.headers().rawList())
    r.headers.emplace(name, raw.value());
  r.body = req.body();
  r.remote = req.address().host();
  return r;
}

// A header whose name is known only at run time. Pistache 0.0.5 serialises only typed headers;
// the raw ones (Collection::addRaw) never reach the wire, so Allow, CORS and the rest go as this.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& os) const override { os << value_; }
  // Only used by Pistache's typed lookups (header_cast), which never ask for this one.
  uint64_t hash() const override { return Http::Header::detail::hash(name_.c_str()); }

 private:
  std::string name_, value_;
};

class Handler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  Handler(RequestHandler handler, ServerOptions options)
      : handler_(std::move(handler)), options_(std::move(options)) {}

  void onRequest(const Http::Request& req, Http::ResponseWriter writer) override {
    const auto start = std::chrono::steady_clock::now();
    HttpRequest request = fromPistache(req);
    // HTTP/1.1 connections persist unless the client says otherwise; Pistache 0.0.5 closes any
    // connection whose request carries no Connection header, costing a reconnect per request.
    if (req.version() == Http::Version::Http11 && !request.header("Connection")) {
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::KeepAlive);
    }
    HttpResponse response;
    if (request.body.size() > options_.max_body_bytes) {
      response.status = 413;
      response.content_type = "application/json; charset=utf-8";
      response.body =
          errorEnvelope(413,
                        {"body: larger than " + std::to_string(options_.max_body_bytes) + " bytes"},
                        systemNowMillis())
              .dump();
    } else {
      response = handler_(request);
    }
    for (const auto& [name, value] : response.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    if (!response.content_type.empty()) {
      writer.setMime(Http::Mime::MediaType::fromString(response.content_type));
    }
    writer.send(static_cast<Http::Code>(response.status), response.body);
    if (options_.access_log) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      writeAccessLog(request, response.status, ms, options_.colour);
    }
  }

 private:
  RequestHandler handler_;
  ServerOptions options_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  RequestHandler handler;
  std::unique_ptr<Http::Endpoint> endpoint;
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() {
  stop();
}

uint16_t HttpServer::start() {
  Address addr(impl_->options.host, Port(impl_->options.port));
  impl_->endpoint = std::make_unique<Http::Endpoint>(addr);
  auto opts = Http::Endpoint::options()
                  .threads(impl_->options.threads)
                  .flags(Tcp::Options::ReuseAddr)
                  // Pistache's own limit answers with a bare 413; ours (above) with the envelope.
                  .maxRequestSize(impl_->options.max_body_bytes + 64 * 1024)
                  .maxResponseSize(64 * 1024 * 1024);
  impl_->endpoint->init(opts);
  impl_->endpoint->setHandler(Http::make_handler<Handler>(impl_->handler, impl_->options));
  impl_->endpoint->serveThreaded();
  return static_cast<uint16_t>(impl_->endpoint->getPort());
}

void HttpServer::stop() {
  if (impl_ && impl_->endpoint) {
    impl_->endpoint->shutdown();
    impl_->endpoint.reset();
  }
}

}  // namespace lsm
