// libFuzzer target: the whole request pipeline (mock/pipeline), raw HTTP request bytes in, a
// response out. One Pipeline on the embedded spec and the bundled fixtures, built once.
//
// Tokens: "$TOKEN" in the input is replaced by a fresh token of johndoe (may create a stream),
// "$HOST" by one of the host of the busy active stream, "$BANNED" by one of a user banned from its
// chat, so inputs reach the handlers and the corpus never holds an expiring token.
// Each input starts from the fixtures and the real clock (the state is put back after an input
// that changed it) with an empty request journal, so a crash reproduces from its one input and
// nothing grows.
// Inputs whose Prefer header asks for a delay are parsed but not served (they only sleep).
//
// Properties checked on every response beyond "no crash, no UB":
// - the status lies in 100..599 and is never a 5xx: no operation is unimplemented, and a response
//   the spec does not document becomes a 500 (response validation), so a 5xx is a mock bug;
// - a JSON response is the envelope {isSuccess, statusCode, data, errors, timestamp} with
//   statusCode equal to the status, isSuccess exactly when the status is below 400, errors
//   non-empty strings exactly when it failed, and an ISO-8601 timestamp;
// - a 204 has no body, a 405 says Allow;
// - an operation that needs a token, asked without Authorization (and not a CORS preflight), is a
//   401;
// - a request with an Origin gets it back in Access-Control-Allow-Origin (the default `*`).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "auth/jwt.h"
#include "config.h"
#include "domain/fixtures.h"
#include "domain/store.h"
#include "journal/journal.h"
#include "pipeline.h"
#include "prefer/prefer.h"
#include "raw_request.h"
#include "routing/router.h"
#include "spec/provider_states.h"
#include "spec/spec.h"

namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kCagla[] = "672ad1115f3a9c1e7b1a2b02";  // host of 64d15f9e2e6c8f4d5a123000
constexpr char kKaan[] = "69cda5db5f3a9c1e7b1a2b26";   // banned from its chat

struct World {
  std::shared_ptr<const lsm::Spec> spec;
  std::unique_ptr<const lsm::ProviderStateCatalogue> provider_states;
  lsm::Config config;
  lsm::Clock clock;
  lsm::JwtCodec jwt{config.jwt_secret};
  std::unique_ptr<lsm::State> fixtures;
  std::unique_ptr<lsm::Store> store;
  std::unique_ptr<lsm::Router> router;
  uint64_t clean_version = 0;
  std::string john, cagla, kaan;  // tokens
};

World* world = nullptr;

[[noreturn]] void violated(const char* what, const lsm::HttpRequest& request,
                           const lsm::HttpResponse& response) {
  std::fprintf(stderr, "fuzz_pipeline: property violated: %s\n  %s %s -> %d %s\n", what,
               request.method.c_str(), request.path.c_str(), response.status,
               response.body.substr(0, 2000).c_str());
  std::abort();
}

std::string replaceAll(std::string s, std::string_view from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void checkResponse(const lsm::HttpRequest& request, const lsm::HttpResponse& response) {
  const auto fail = [&](const char* what) { violated(what, request, response); };
  const int status = response.status;
  if (status < 100 || status > 599) fail("status in 100..599");
  if (status >= 500) fail("no 5xx");
  if (status == 204 && !response.body.empty()) fail("a 204 has no body");
  if (status == 405 && response.headers.find("Allow") == response.headers.end())
    fail("a 405 says Allow");

  const bool preflight = request.method == "OPTIONS" && request.header("Origin") &&
                         request.header("Access-Control-Request-Method");
  const lsm::RouteMatch route = world->router->match(request.method, request.path);
  if (route.kind == lsm::RouteMatch::Kind::kFound && route.operation->requires_auth && !preflight &&
      !request.header("Authorization") && status != 401)
    fail("no token, no access: 401");

  if (auto origin = request.header("Origin"); origin && !origin->empty()) {
    const auto allowed = response.headers.find("Access-Control-Allow-Origin");
    if (allowed == response.headers.end() || allowed->second != *origin)
      fail("the request's Origin is allowed");
  }

  if (!startsWith(response.content_type, "application/json")) return;
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object()) fail("a JSON response is an object");
  for (const char* key : {"isSuccess", "statusCode", "data", "errors", "timestamp"}) {
    if (!body.contains(key)) fail("the envelope has all its members");
  }
  if (body["statusCode"] != status) fail("statusCode is the status");
  if (body["isSuccess"] != (status < 400)) fail("isSuccess exactly below 400");
  const auto& errors = body["errors"];
  if (!errors.is_array() || errors.empty() == (status >= 400)) fail("errors exactly on failure");
  for (const auto& e : errors) {
    if (!e.is_string() || e.get<std::string>().empty()) fail("errors are non-empty strings");
  }
  if (!body["timestamp"].is_string() || !lsm::isIsoDateTime(body["timestamp"].get<std::string>()))
    fail("the timestamp is ISO-8601");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = new World;
  world->config.access_log = false;
  world->config.print_tokens = false;
  world->config.fixtures_dir = LSM_SOURCE_DIR "/fixtures";  // for POST /__mock/reset
  world->spec = lsm::Spec::embedded().value();
  world->provider_states = lsm::ProviderStateCatalogue::embedded().value();
  auto state = lsm::loadFixtures(LSM_SOURCE_DIR "/fixtures", world->clock.now());
  if (!state) {
    std::cerr << "fuzz_pipeline: " << state.error().details.at(0) << "\n";
    std::abort();
  }
  world->fixtures = std::make_unique<lsm::State>(std::move(state).value());
  world->store = std::make_unique<lsm::Store>(*world->fixtures);
  world->router = std::make_unique<lsm::Router>(world->spec->operations());
  world->clean_version = world->store->version();
  const long long now = world->clock.now() / 1000;
  const long long ttl = 365LL * 24 * 3600;  // outlives any fuzzing session
  world->john = world->jwt.mint(kJohn, now, ttl);
  world->cagla = world->jwt.mint(kCagla, now, ttl);
  world->kaan = world->jwt.mint(kKaan, now, ttl);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  input = replaceAll(std::move(input), "$TOKEN", world->john);
  input = replaceAll(std::move(input), "$HOST", world->cagla);
  input = replaceAll(std::move(input), "$BANNED", world->kaan);
  auto request = lsm::parseRawRequest(input);
  if (!request) return 0;
  if (auto prefer = request->header("Prefer")) {
    auto parsed = lsm::parsePrefer(*prefer);
    if (parsed && parsed->delay_ms > 0) return 0;
  }

  // A journal and a pipeline per input, and the state put back afterwards: what one input
  // allocates it frees (libFuzzer runs a leak check after any input that does not), and the
  // next input starts from the fixtures.
  lsm::RequestJournal journal;
  lsm::Services services{
      *world->store, world->clock, world->jwt, world->config, journal, "http://127.0.0.1:8080", 0};
  services.provider_states = world->provider_states.get();
  const lsm::Pipeline pipeline(world->spec, services);
  const lsm::HttpResponse response = pipeline.handle(*request);
  checkResponse(*request, response);
  if (world->store->version() != world->clean_version) {
    world->store->replace(*world->fixtures);
    world->clean_version = world->store->version();
  }
  world->clock.reset();
  return 0;
}
