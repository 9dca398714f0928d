#include "transport/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "core/access_log.h"
#include "core/json_writer.h"
#include "envelope/envelope.h"
#include "transport/request_framer.h"

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

// A refused request is answered, then its connection closes the way nginx's lingering close
// does: our side is shut for writing (the client reads the answer, then EOF), what the client
// still sends is read and dropped, and after kLingerTime (or kLingerBytes dropped) the socket is
// aborted. Closing at once would make the kernel answer the unread upload with a reset, which
// can destroy the answer before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 64 * 1024 * 1024;

// Ends a socket now whoever else holds it: both directions shut, then a disconnect (connect to
// AF_UNSPEC) that drops unread input, so Pistache's next read fails and it closes its fd.
void abortSocket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  (void)::connect(fd, &unspec, sizeof unspec);
}

// Ends lingering connections whose client went quiet. It holds a dup of each fd, so it never
// touches a descriptor number Pistache closed and reused; the socket lives until both are closed.
class Lingerer {
 public:
  Lingerer() : thread_([this] { run(); }) {}
  ~Lingerer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    thread_.join();
    for (const auto& e : entries_)
      ::close(e.fd);
  }
  void add(int fd) {
    const int own = ::dup(fd);
    if (own < 0) return;
    std::lock_guard lock(mu_);
    entries_.push_back({own, std::chrono::steady_clock::now() + kLingerTime});
  }

 private:
  struct Entry {
    int fd;
    std::chrono::steady_clock::time_point until;
  };
  void run() {
    while (true) {
      std::vector<Entry> now_lingering;
      {
        std::lock_guard lock(mu_);
        if (stopping_) return;
        now_lingering = entries_;
      }
      std::vector<pollfd> fds;
      for (const auto& e : now_lingering)
        fds.push_back({e.fd, POLLRDHUP, 0});
      if (fds.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      ::poll(fds.data(), fds.size(), 50);
      const auto now = std::chrono::steady_clock::now();
      std::lock_guard lock(mu_);
      for (size_t i = 0; i < fds.size(); ++i) {
        const bool client_done = fds[i].revents & (POLLRDHUP | POLLHUP | POLLERR);
        if (!client_done && now < now_lingering[i].until) continue;
        // Shut both ways: Pistache's reactor is woken, reads end of file and closes its fd (a
        // client still sending is aborted by drop() on that reactor).
        if (!client_done) ::shutdown(fds[i].fd, SHUT_RDWR);
        ::close(fds[i].fd);
        entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                      [&](const Entry& e) { return e.fd == fds[i].fd; }),
                       entries_.end());
      }
    }
  }
  std::mutex mu_;
  std::vector<Entry> entries_;  // guarded by mu_
  bool stopping_ = false;       // guarded by mu_
  std::thread thread_;
};

// What the handler keeps per connection (Pistache peer data): where requests end, and whether
// the connection is closing after a refused request.
struct Connection {
  explicit Connection(FramerLimits limits) : framer(limits) {}
  RequestFramer framer;
  bool closing = false;
  bool aborted = false;
  std::chrono::steady_clock::time_point linger_until{};
  size_t dropped = 0;
};

// Shared by the handler's clones (one per reactor thread) and HttpServer::stop().
struct Drain {
  std::atomic<bool> draining{false};  // SIGTERM came: finish what runs, take nothing new
  std::atomic<int> in_flight{0};      // requests inside onRequest
};

class Handler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  Handler(RequestHandler handler, ServerOptions options, std::shared_ptr<Drain> drain,
          std::shared_ptr<Lingerer> lingerer)
      : handler_(std::move(handler)),
        options_(std::move(options)),
        drain_(std::move(drain)),
        lingerer_(std::move(lingerer)) {}

  // Pistache's own onInput feeds whatever was read to its parser and handles at most one request
  // per read (pipelined requests were lost). Here the framer cuts the input into one request's
  // bytes at a time, and Pistache's parser sees only those.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    Connection& conn = connection(peer);
    if (conn.closing) {
      drop(conn, len, peer);
      return;
    }
    for (const FrameEvent& e : conn.framer.feed(std::string_view(buffer, len))) {
      switch (e.kind) {
        case FrameEvent::Kind::kBytes:
          dispatch(buffer + e.offset, e.length, peer);
          break;
        case FrameEvent::Kind::kContinue: {
          static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          transport()->asyncWrite(peer->fd(), RawBuffer(kContinue, kContinue.size()));
          break;
        }
        case FrameEvent::Kind::kReject:
          getParser(peer)->reset();
          refuse(peer, limitResponse(e.status, e.message));
          break;
      }
      if (conn.closing) break;
    }
  }

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
    send(writer, response);
    if (options_.access_log) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      writeAccessLog(request, response.status, ms, options_.colour);
    }
  }

 private:
  Connection& connection(const std::shared_ptr<Tcp::Peer>& peer) const {
    static const std::string kKey = "lsm.connection";
    auto data = peer->tryGetData(kKey);
    if (!data) {
      data = std::make_shared<Connection>(
          FramerLimits{options_.max_header_bytes, options_.max_body_bytes});
      peer->putData(kKey, data);
    }
    return *std::static_pointer_cast<Connection>(data);
  }

  static Async::Promise<ssize_t> send(Http::ResponseWriter& writer, const HttpResponse& response) {
    for (const auto& [name, value] : response.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    if (!response.content_type.empty()) {
      writer.setMime(Http::Mime::MediaType::fromString(response.content_type));
    }
    return writer.send(static_cast<Http::Code>(response.status), response.body);
  }

  // One request's bytes to Pistache's parser; a complete request goes to onRequest. This is
  // Pistache 0.0.5's Handler::onInput, except that a parse error is answered with the envelope
  // and closes the connection (where that request ends is not known any more).
  void dispatch(const char* data, size_t len, const std::shared_ptr<Tcp::Peer>& peer) {
    auto parser = getParser(peer);
    auto& request = parser->request;
    try {
      if (!parser->feed(data, len)) {
        throw Http::HttpError(
            Http::Code::Request_Entity_Too_Large,
            "body: larger than " + std::to_string(options_.max_body_bytes) + " bytes");
      }
      if (parser->parse() != Http::Private::State::Done) return;
      Http::ResponseWriter writer(request.version(), transport(), this, peer);
      request.copyAddress(peer->address());
      const auto connection = request.headers().tryGet<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(connection ? connection->control()
                                                                : Http::ConnectionControl::Close);
      peer->setIdle(false);
      onRequest(request, std::move(writer));
      parser->reset();
    } catch (const Http::HttpError& err) {
      parser->reset();
      refuse(peer,
             limitResponse(err.code(), err.code() == 413 ? err.reason()
                                                         : "request: " + lowerFirst(err.reason())));
    } catch (const std::exception& e) {
      parser->reset();
      refuse(peer, limitResponse(400, std::string("request: ") + e.what()));
    }
  }

  static std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }

  // Answers `response` with Connection: close, then closes lingering (see kLingerTime).
  void refuse(const std::shared_ptr<Tcp::Peer>& peer, const HttpResponse& response) {
    Connection& conn = connection(peer);
    conn.closing = true;
    conn.linger_until = std::chrono::steady_clock::now() + kLingerTime;
    Http::ResponseWriter writer(Http::Version::Http11, transport(), this, peer);
    writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
    const int fd = peer->fd();
    // Runs on this reactor thread once the answer is written, while the fd is still Pistache's.
    send(writer, response)
        .then([fd](ssize_t) { ::shutdown(fd, SHUT_WR); }, [](std::exception_ptr) {});
    lingerer_->add(fd);
    if (options_.access_log) {
      HttpRequest shown;
      shown.method = "-";
      shown.path = "(refused before a handler)";
      shown.remote = peer->address().host();
      writeAccessLog(shown, response.status, 0, options_.colour);
    }
  }

  // Input after a refusal: read and dropped, until the linger time or byte budget runs out.
  static void drop(Connection& conn, size_t len, const std::shared_ptr<Tcp::Peer>& peer) {
    conn.dropped += len;
    if (conn.aborted) return;
    if (conn.dropped > kLingerBytes || std::chrono::steady_clock::now() > conn.linger_until) {
      conn.aborted = true;
      abortSocket(peer->fd());
    }
  }

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
  std::shared_ptr<Lingerer> lingerer_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  RequestHandler handler;
  std::unique_ptr<Http::Endpoint> endpoint;
  std::shared_ptr<Drain> drain = std::make_shared<Drain>();
  std::shared_ptr<Lingerer> lingerer;
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
                  // The framer refuses bodies over the limit from their head or as they come;
                  // this only bounds Pistache's buffer (a chunked body's framing included).
                  .maxRequestSize(2 * impl_->options.max_body_bytes + 128 * 1024)
                  .maxResponseSize(64 * 1024 * 1024)
                  // A client that has not sent its whole request by then gets Pistache's own
                  // 408 (no body; the Debian build sends it from its transport, where no
                  // handler can add the envelope) and the connection is closed.
                  .headerTimeout(std::chrono::seconds(impl_->options.request_timeout_seconds))
                  .bodyTimeout(std::chrono::seconds(impl_->options.request_timeout_seconds));
  impl_->endpoint->init(opts);
  impl_->lingerer = std::make_shared<Lingerer>();
  impl_->endpoint->setHandler(
      Http::make_handler<Handler>(impl_->handler, impl_->options, impl_->drain, impl_->lingerer));
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
    impl_->lingerer.reset();
  }
}

}  // namespace lsm
