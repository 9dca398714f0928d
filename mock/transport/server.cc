#include "transport/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "core/access_log.h"
#include "core/json_writer.h"
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
    if (!decoded_key || !decoded_value) r.malformed_query.push_back(r.query.back().first);
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

// Shared by the handler's clones (one per reactor thread) and HttpServer::stop().
struct Drain {
  std::atomic<bool> draining{false};  // SIGTERM came: finish what runs, take nothing new
  std::atomic<int> in_flight{0};      // requests inside onRequest
};

class Handler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  Handler(RequestHandler handler, ServerOptions options, std::shared_ptr<Drain> drain)
      : handler_(std::move(handler)), options_(std::move(options)), drain_(std::move(drain)) {}

  void onRequest(const Http::Request& req, Http::ResponseWriter writer) override {
    const auto start = std::chrono::steady_clock::now();
    drain_->in_flight.fetch_add(1);
    struct Leave {
      Drain& d;
      ~Leave() { d.in_flight.fetch_sub(1); }
    } leave{*drain_};
    HttpRequest request = fromPistache(req);
    // HTTP/1.1 connections persist unless the client says otherwise; Pistache 0.0.5 closes any
    // connection whose request carries no Connection header, costing a reconnect per request.
    if (req.version() == Http::Version::Http11 && !request.header("Connection")) {
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::KeepAlive);
    }
    HttpResponse response;
    if (drain_->draining.load()) {
      // Every answer from now on closes its connection, so keep-alive clients move on.
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
      response = limitResponse(503, "server: shutting down");
      response.setHeader("Retry-After", "1");
    } else if (const size_t header_bytes = headerBytes(req, request);
               header_bytes > options_.max_header_bytes) {
      response =
          limitResponse(431, "headers: " + std::to_string(header_bytes) + " bytes, larger than " +
                                 std::to_string(options_.max_header_bytes));
    } else if (request.body.size() > options_.max_body_bytes) {
      response = limitResponse(
          413, "body: larger than " + std::to_string(options_.max_body_bytes) + " bytes");
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
  // Request line plus "Name: value\r\n" per header, as sent (near enough for a limit).
  static size_t headerBytes(const Http::Request& req, const HttpRequest& request) {
    size_t n = request.method.size() + req.resource().size() + 12;
    for (const auto& [name, value] : request.headers)
      n += name.size() + value.size() + 4;
    return n;
  }

  static HttpResponse limitResponse(int status, const std::string& message) {
    return jsonResponse(status, errorEnvelope(status, {message}, systemNowMillis()));
  }

  RequestHandler handler_;
  ServerOptions options_;
  std::shared_ptr<Drain> drain_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  RequestHandler handler;
  std::unique_ptr<Http::Endpoint> endpoint;
  std::shared_ptr<Drain> drain = std::make_shared<Drain>();
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
                  .maxResponseSize(64 * 1024 * 1024)
                  // A client that has not sent its whole request by then gets Pistache's own
                  // 408 (no body; the Debian build sends it from its transport, where no
                  // handler can add the envelope) and the connection is closed.
                  .headerTimeout(std::chrono::seconds(impl_->options.request_timeout_seconds))
                  .bodyTimeout(std::chrono::seconds(impl_->options.request_timeout_seconds));
  impl_->endpoint->init(opts);
  impl_->endpoint->setHandler(
      Http::make_handler<Handler>(impl_->handler, impl_->options, impl_->drain));
  impl_->endpoint->serveThreaded();
  return static_cast<uint16_t>(impl_->endpoint->getPort());
}

void HttpServer::stop() {
  if (impl_ && impl_->endpoint) {
    // Drain: requests already inside a handler finish and are answered (bounded by 10 s); new
    // ones get a 503 envelope with Connection: close until the endpoint is down.
    impl_->drain->draining = true;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (impl_->drain->in_flight.load() > 0 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // Let the answers just written leave the reactor before it stops.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    impl_->endpoint->shutdown();
    impl_->endpoint.reset();
  }
}

}  // namespace lsm
