// standin: a stand-in of a real Development server of the live-stream API, for testing the
// contract suite. It sits in front of a livestream-mock and behaves like an independent NestJS +
// MongoDB backend: no /__mock/ routes, extra Mongo fields, throttling, latency, decided facts
// answered otherwise, opaque tokens, other users at work, and a provider-state route.
// See "A stand-in deployment for the contract suite's tests" in README.md.

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "alterations.h"
#include "background.h"
#include "core/time.h"
#include "http_wire.h"
#include "provider_states.h"
#include "upstream.h"

namespace standin {
namespace {

using nlohmann::json;

struct Options {
  std::string upstream, host = "127.0.0.1", control_token, opaque_tokens, request_log;
  std::string catalogue = LSM_SOURCE_DIR "/schemas/provider-states.json";
  int port = 0, throttle_rps = 0, latency_ms = 0;
  bool background = false, state_url_off = false;
  std::vector<std::string> drop_fields, background_users;
  // --missing-route [METHOD ]PATH_PART: not deployed here (NestJS's 404 without the envelope).
  std::vector<std::string> missing_routes;
  Alterations alterations;
};

// NestJS's ThrottlerGuard: a fixed one-second window shared by every client.
class Throttle {
 public:
  explicit Throttle(int limit) : limit_(limit) {}
  bool admit() {
    if (limit_ <= 0) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start_ >= std::chrono::seconds(1)) {
      window_start_ = now;
      count_ = 0;
    }
    return ++count_ <= limit_;
  }

 private:
  int limit_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_{};
  int count_ = 0;
};

class RequestLog {
 public:
  explicit RequestLog(const std::string& path) {
    if (!path.empty()) file_ = std::fopen(path.c_str(), "a");
  }
  bool failed(const std::string& path) const { return !path.empty() && !file_; }
  void write(const Request& req, int status) {
    if (!file_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(file_, "%s %s %d\n", req.method.c_str(), req.path().c_str(), status);
    std::fflush(file_);
  }

 private:
  std::FILE* file_ = nullptr;
  std::mutex mutex_;
};

// "OPAQUE JWT" per line; '#' starts a comment.
bool readOpaqueTokens(const std::string& path, std::map<std::string, std::string>& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string opaque, jwt;
    if (words >> opaque >> jwt && opaque[0] != '#') out[opaque] = jwt;
  }
  return true;
}

Response nestNotFound(const Request& req) {
  const std::string message = "Cannot " + req.method + " " + req.path();
  return jsonResponse(
      404, json{{"statusCode", 404}, {"message", message}, {"error", "Not Found"}}.dump());
}

Response tooManyRequests() {
  Response r =
      jsonResponse(429, R"({"statusCode":429,"message":"ThrottlerException: Too Many Requests"})");
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

Response unauthorized(const std::string& why) {
  return jsonResponse(401, json{{"isSuccess", false},
                                {"statusCode", 401},
                                {"data", nullptr},
                                {"errors", {"Authentication required", why}},
                                {"timestamp", lsm::formatIsoMillis(lsm::systemNowMillis())}}
                               .dump());
}

bool startsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

class StandIn {
 public:
  StandIn(const Options& o, const Upstream& upstream, ProviderStates* states,
          std::map<std::string, std::string> opaque)
      : o_(o),
        upstream_(upstream),
        states_(states),
        opaque_(std::move(opaque)),
        throttle_(o.throttle_rps),
        log_(o.request_log) {}

  bool logFailed() const { return log_.failed(o_.request_log); }

  void serve(int fd) {
    timeval timeout{30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string buffer;
    Request req;
    for (;;) {
      const ReadOutcome got = readRequest(fd, buffer, req);
      if (got == ReadOutcome::kClosed) break;
      if (got == ReadOutcome::kBad) {
        writeResponse(fd, jsonResponse(400, R"({"statusCode":400,"message":"Bad Request"})"),
                      false);
        break;
      }
      const Response res = handle(req);
      log_.write(req, res.status);
      const bool keep_alive = !sameName(req.header("Connection"), "close");
      if (!writeResponse(fd, res, keep_alive) || !keep_alive) break;
    }
    close(fd);
  }

 private:
  Response handle(const Request& req) {
    const std::string path = req.path();
    if (path == "/_standin/provider-states" && req.method == "POST" && !o_.state_url_off) {
      return states_->handle(req);
    }
    if (!startsWith(path, "/api/v1/") && !startsWith(path, "/uploads/")) return nestNotFound(req);
    for (const auto& route : o_.missing_routes) {
      const size_t space = route.find(' ');
      const std::string method = space == std::string::npos ? "" : route.substr(0, space);
      const std::string part = space == std::string::npos ? route : route.substr(space + 1);
      if ((method.empty() || method == req.method) && path.find(part) != std::string::npos) {
        return nestNotFound(req);
      }
    }
    // CORS preflights are answered before any guard, as NestJS does.
    if (req.method != "OPTIONS" && !throttle_.admit()) return tooManyRequests();
    Headers headers = req.headers;
    if (!opaque_.empty() && !swapToken(headers)) return unauthorized("unknown access token");
    Response res = upstream_.forward(req, upstreamTarget(o_.alterations, req), headers);
    alterResponse(o_.alterations, req, res);
    if (o_.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o_.latency_ms));
    return res;
  }

  // Opaque token -> the upstream JWT it stands for; false for a token the map does not know.
  bool swapToken(Headers& headers) const {
    for (auto& [name, value] : headers) {
      if (!sameName(name, "Authorization")) continue;
      std::string token = value;
      if (token.size() > 7 && sameName(token.substr(0, 7), "Bearer ")) token = token.substr(7);
      const auto found = opaque_.find(token);
      if (found == opaque_.end()) return false;
      value = "Bearer " + found->second;
    }
    return true;
  }

  const Options& o_;
  const Upstream& upstream_;
  ProviderStates* states_;
  std::map<std::string, std::string> opaque_;
  Throttle throttle_;
  RequestLog log_;
};

std::vector<std::string> splitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int run(int argc, char** argv) {
  Options o;
  std::string background_users;
  CLI::App app{"standin: a stand-in Development server in front of a livestream-mock"};
  app.add_option("--upstream", o.upstream, "Base URL of the backing livestream-mock")->required();
  app.add_option("--host", o.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", o.port, "Port (0: any free one)")->capture_default_str();
  app.add_option("--upstream-control-token", o.control_token, "The mock's --control-token");
  app.add_flag("--extra-fields", o.alterations.extra_fields,
               "Mongo-style __v and deletedAt on every record in data");
  app.add_option("--throttle-rps", o.throttle_rps, "429 past N requests per one-second window");
  app.add_option("--latency-ms", o.latency_ms, "Delay every forwarded answer by N ms");
  app.add_flag("--decided-differences", o.alterations.decided_differences,
               "Answer decided facts otherwise: cancel 200, bare 400 errors, contacts limit 10");
  app.add_option("--drop-field", o.drop_fields,
                 "[METHOD ]PATH_PART:FIELD: remove FIELD from the items of matching answers")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--missing-route", o.missing_routes,
                 "[METHOD ]PATH_PART: a route not deployed here (404 without the envelope)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--opaque-tokens", o.opaque_tokens, "File of 'OPAQUE JWT' lines");
  app.add_option("--request-log", o.request_log, "Append 'METHOD PATH STATUS' per request");
  app.add_flag("--background-activity", o.background, "Other users at work, every ~100 ms");
  app.add_option("--background-users", background_users, "Their user ids, comma-separated");
  app.add_flag("--state-url-off", o.state_url_off, "No provider-state route (404)");
  app.add_option("--provider-states", o.catalogue, "The provider-state catalogue")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  o.background_users = splitCommas(background_users);
  for (const auto& spec : o.drop_fields) {
    auto d = parseDropField(spec);
    if (!d) {
      std::cerr << "standin: --drop-field " << spec << ": expected [METHOD ]PATH_PART:FIELD\n";
      return 2;
    }
    o.alterations.drops.push_back(*d);
  }
  std::map<std::string, std::string> opaque;
  if (!o.opaque_tokens.empty() && !readOpaqueTokens(o.opaque_tokens, opaque)) {
    std::cerr << "standin: cannot read --opaque-tokens " << o.opaque_tokens << "\n";
    return 2;
  }

  // Signals are taken by one thread (sigwait), so the others never see them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Upstream upstream(o.upstream, o.control_token);
  std::mutex state_lock;
  std::string error;
  auto states = ProviderStates::load(o.catalogue, upstream, state_lock, error);
  if (!states) {
    std::cerr << "standin: " << error << "\n";
    return 2;
  }
  StandIn standin(o, upstream, states.get(), std::move(opaque));
  if (standin.logFailed()) {
    std::cerr << "standin: cannot open --request-log " << o.request_log << "\n";
    return 2;
  }
  int port = 0;
  const int listener = listenOn(o.host, o.port, port);
  if (listener < 0) {
    std::cerr << "standin: cannot listen on " << o.host << ":" << o.port << "\n";
    return 2;
  }
  BackgroundUsers background(upstream, state_lock, o.background_users);
  if (o.background && !background.start(error)) {
    std::cerr << "standin: " << error << "\n";
    return 2;
  }
  std::thread([listener, &standin] {
    for (;;) {
      const int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) std::thread([fd, &standin] { standin.serve(fd); }).detach();
    }
  }).detach();
  std::cout << "listening on http://" << o.host << ":" << port << std::endl;

  int signal = 0;
  sigwait(&stop_signals, &signal);
  background.stop();
  std::cout.flush();
  _exit(0);  // connection threads are detached: end them with the process
}

}  // namespace
}  // namespace standin

int main(int argc, char** argv) {
  return standin::run(argc, argv);
}
