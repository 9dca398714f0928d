// The bench's ceiling: the least a Pistache 0.0.5 server can do per request. It answers every
// request with one fixed JSON body of the requested size, on the same threads and with the same
// keep-alive rule as livestream-mock, so mock/ceiling is what the mock's own work costs.
//
//   bench-ceiling --port N --body-bytes N [--threads 2]

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

using namespace Pistache;

namespace {

std::string fixedBody(size_t bytes) {
  const std::string head = "{\"isSuccess\":true,\"statusCode\":200,\"data\":\"";
  const std::string tail = "\",\"errors\":[]}";
  const size_t fill = bytes > head.size() + tail.size() ? bytes - head.size() - tail.size() : 0;
  return head + std::string(fill, 'x') + tail;
}

class FixedHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(FixedHandler)
  explicit FixedHandler(std::string body) : body_(std::move(body)) {}
  void onRequest(const Http::Request& req, Http::ResponseWriter writer) override {
    if (req.version() == Http::Version::Http11 &&
        !req.headers().tryGet<Http::Header::Connection>()) {
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::KeepAlive);
    }
    writer.setMime(MIME(Application, Json));
    writer.send(Http::Code::Ok, body_);
  }

 private:
  std::string body_;
};

}  // namespace

int main(int argc, char** argv) {
  int port = 0, threads = 2;
  size_t body_bytes = 1024;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") {
      port = std::atoi(argv[i + 1]);
    } else if (flag == "--body-bytes") {
      body_bytes = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--threads") {
      threads = std::atoi(argv[i + 1]);
    } else {
      std::cerr << "bench-ceiling: unknown flag " << flag << "\n";
      return 2;
    }
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Http::Endpoint endpoint(Address("127.0.0.1", Port(static_cast<uint16_t>(port))));
  endpoint.init(Http::Endpoint::options().threads(threads).flags(Tcp::Options::ReuseAddr));
  endpoint.setHandler(Http::make_handler<FixedHandler>(fixedBody(body_bytes)));
  endpoint.serveThreaded();
  std::cout << "bench-ceiling listening on http://127.0.0.1:" << endpoint.getPort() << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  endpoint.shutdown();
  return 0;
}
