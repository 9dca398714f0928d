#include "pipeline.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>
#include <variant>

#include "core/json_parse.h"
#include "core/json_writer.h"
#include "domain/seen_records.h"
#include "envelope/envelope.h"
#include "faults/contract_breaks.h"
#include "prefer/prefer.h"
#include "proxy/differences.h"
#include "validation/request_validator.h"

namespace lsm {

using nlohmann::json;

namespace {}  // namespace

Pipeline::Pipeline(std::shared_ptr<const Spec> spec, Services& services)
    : spec_(std::move(spec)),
      services_(services),
      router_(spec_->operations()),
      cors_(services.config.cors),
      tokens_(services.jwt),
      cache_(services.config.contract_breaks.empty() ? services.config.response_cache_entries : 0),
      // The parts of answers are remembered whenever whole answers are: --response-cache 0
      // turns both off.
      fragments_(cache_.enabled() ? kFragmentCacheEntries : 0) {
  // Files up to the body limit are parsed; each operation judges its own files' sizes (a
  // thumbnail over --max-upload-bytes is a 400 naming it, as the spec documents).
  multipart_limits_.max_file_bytes = services.config.max_body_bytes;
}

HttpResponse Pipeline::handle(const HttpRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  HttpResponse response;
  const Operation* op = nullptr;
  try {
    const RouteMatch route = router_.match(request.method, request.path);
    op = route.operation;
    if (cors_.isPreflight(request)) {
      return cors_.preflight(request, route.allowed_methods);
    }
    response = handleRouted(request, route);
    if (services_.upstream && (!op || !op->mock_control) &&
        !response.headers.count("X-Mock-Answered-By")) {
      response.setHeader("X-Mock-Answered-By", "mock");  // in front of a real server: a gap
    }
    if (op && !op->mock_control) addLatency();
  } catch (const std::exception& e) {
    std::cerr << "internal error on " << request.method << " " << request.path << ": " << e.what()
              << "\n";
    response = finishOwn(
        op, 500, errorEnvelope(500, {"internal: " + std::string(e.what())}, services_.clock.now()));
  }
  cors_.decorate(request, &response);
  if (!op || op->id != "mockListRequests") {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    services_.journal.record(request, response, services_.clock.now(), ms);
  }
  return response;
}

void Pipeline::addLatency() const {
  const Config& c = services_.config;
  if (c.latency_max_ms <= 0) return;
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> pick(c.latency_min_ms, c.latency_max_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(pick(rng)));
}

void Pipeline::mergeSeenRecords() const {
  const uint64_t changes = services_.recorder->changes();
  if (changes == merged_changes_.load()) return;
  auto seen = services_.recorder->state(services_.clock.now());
  if (!seen) return;  // flush() reports what does not hold together
  services_.store.write(kUsersAspect | kCreditsAspect | kStreamsAspect | kChatAspect,
                        [&](State& s) { return lsm::mergeSeenRecords(s, *seen); });
  merged_changes_.store(changes);
}

bool Pipeline::forwards(const HttpRequest& request, const RouteMatch& route) const {
  if (!services_.upstream || request.path.rfind("/__mock/", 0) == 0) return false;
  const Operation* op = route.operation;
  if (!op) return true;  // a path or method the spec does not have: the real server's to answer
  return !op->mock_control && !services_.config.mock_ops.count(op->id);
}

std::optional<HttpResponse> Pipeline::proxied(const HttpRequest& request,
                                              const RouteMatch& route) const {
  const Operation* op = route.operation;
  auto result = services_.upstream->forward(request);
  const Millis now = services_.clock.now();
  if (const auto* failure = std::get_if<UpstreamFailure>(&result)) {
    const int status = failure->timed_out ? 504 : 502;
    std::cerr << "proxy: " << (failure->timed_out ? "no answer in time: " : "unreachable: ")
              << failure->message << "\n";
    auto r = finishOwn(
        op, status,
        errorEnvelope(
            status,
            {std::string("upstream: ") +
             (failure->timed_out ? "the real server did not answer within " +
                                       std::to_string(services_.config.proxy_timeout_seconds) + " s"
                                 : "the real server cannot be reached") +
             ": " + failure->message},
            now));
    r.setHeader("X-Mock-Answered-By", "mock");
    return r;
  }
  auto& answer = std::get<UpstreamAnswer>(result);
  std::string content_type;
  if (auto it = answer.headers.find("Content-Type"); it != answer.headers.end()) {
    content_type = it->second;
    answer.headers.erase(it);
  }
  // Parsed once, for the missing-route check, the differences and the recorder.
  const bool json_answer = mediaTypeOf(content_type) == "application/json";
  const Result<json> parsed =
      json_answer ? parseJson(answer.body) : Result<json>(Error::invalid("not JSON"));
  if (op && (answer.status == 501 || answer.status == 404 || answer.status == 405)) {
    // A 404 with the error envelope is the API's own "Resource not found"; without it, a route
    // the real server does not have (a framework's "Cannot POST /..." page).
    // Fields the envelope does not name (a trace id, say) do not make it another body.
    bool envelope = false;
    if (const ResponseSpec* server = spec_->serverResponse(); server && answer.status != 501) {
      auto media = server->content.find("application/json");
      if (media != server->content.end() && parsed) {
        std::vector<Violation> violations;
        media->second.schema.validate(*parsed, &violations);
        envelope = std::all_of(violations.begin(), violations.end(),
                               [](const Violation& v) { return v.extra_field; });
      }
    }
    if (!envelope) {
      std::cerr << "proxy: " << op->id << ": the real server answered " << answer.status
                << " without the API's envelope (no such operation there); the mock answers\n";
      return std::nullopt;
    }
  }
  std::vector<Difference> differences;
  if (op) {
    differences = responseDifferences(*spec_, *op, answer.status, content_type, parsed);
    if (services_.drift) {
      services_.drift->add(op->id, request.method, request.path, answer.status, differences, now);
    }
    for (const auto& d : differences) {
      std::cerr << "proxy: " << op->id << " " << answer.status
                << (d.documented ? ": breaks a documented fact: "
                                 : ": differs from a decided fact: ")
                << d.message << "\n";
    }
  }
  if (op && services_.recorder && answer.status / 100 == 2 && parsed) {
    std::string caller;
    if (auto header = request.header("Authorization")) {
      if (auto token = bearerToken(*header)) caller = unverifiedSubject(*token).value_or("");
    }
    services_.recorder->observe(*op, route.path_params, caller, *parsed);
  }
  HttpResponse r;
  r.status = answer.status;
  r.content_type = std::move(content_type);
  r.body = std::move(answer.body);
  r.headers = std::move(answer.headers);
  if (!differences.empty()) r.setHeader("sl-violations", slViolations(differences));
  r.setHeader("X-Mock-Answered-By", "real-server");
  return r;
}

HttpResponse Pipeline::handleRouted(const HttpRequest& request, const RouteMatch& route) const {
  if (forwards(request, route)) {
    if (auto answered = proxied(request, route)) return *std::move(answered);
  }
  if (services_.recorder && route.operation && !route.operation->mock_control) {
    mergeSeenRecords();
  }
  const Millis now = services_.clock.now();
  if (route.kind == RouteMatch::Kind::kNoPath) {
    return finishOwn(nullptr, 404, errorEnvelope(404, {"path: no route for " + request.path}, now));
  }
  if (request.path.rfind("/__mock/", 0) == 0) {
    if (auto refused = guardControlApi(request)) return *refused;
  }
  std::string allow;
  for (const auto& m : route.allowed_methods)
    allow += (allow.empty() ? "" : ", ") + m;
  if (route.kind == RouteMatch::Kind::kNoMethod) {
    if (request.method == "OPTIONS") {
      HttpResponse r;
      r.status = 204;
      r.content_type.clear();
      r.setHeader("Allow", allow + ", OPTIONS");
      return r;
    }
    auto r = finishOwn(
        nullptr, 405,
        errorEnvelope(405, {"method: " + request.method + " is not allowed; use " + allow}, now));
    r.setHeader("Allow", allow);
    return r;
  }

  const Operation& op = *route.operation;
  std::string caller;
  if (op.requires_auth) {
    auto who = authenticate(request);
    if (!who) return finish(&op, 401, errorEnvelope(who.error(), now));
    caller = std::move(who).value();
  }

  auto in = validateRequest(spec_->document(), op, request, route.path_params, multipart_limits_);
  if (!in) {
    return finish(&op, statusFor(in.error().kind), errorEnvelope(in.error(), now));
  }

  if (auto prefer = request.header("Prefer")) {
    // A bad Prefer header is a mistake in using the mock, not an answer of the API: a 400 on any
    // operation, checked against its documented 400 or, where it has none (the mock's own
    // routes), against components/responses/ServerError.
    auto preference = parsePrefer(*prefer);
    if (!preference) return finishOwn(&op, 400, errorEnvelope(preference.error(), now));
    if (preference->delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(preference->delay_ms));
    }
    if (preference->forcesResponse()) {
      auto forced = forcedResponse(op, *preference);
      if (!forced) return finishOwn(&op, 400, errorEnvelope(forced.error(), now));
      if (forced->body.is_object() && forced->body.contains("timestamp")) {
        forced->body["timestamp"] = formatIsoMillis(services_.clock.now());
      }
      return finish(&op, forced->status, std::move(forced->body));
    }
  }

  // A repeated read of an unchanged state: the answer made (and validated) the first time.
  const Aspects read_from = request.method == "GET" ? cachedReadAspects(op.id) : 0;
  const bool cacheable = cache_.enabled() && read_from != 0;
  std::string cache_key;
  uint64_t version = 0;
  if (cacheable) {
    cache_key = ResponseCache::keyOf(op.id, caller, request);
    version = services_.store.versionOf(read_from);  // read before the handler reads the state
    if (auto hit = cache_.find(cache_key, version)) {
      return jsonText(hit->status, successEnvelopeText(hit->status, hit->data_json, now));
    }
  }

  const auto& table = handlerTable();
  auto handler = table.find(op.id);
  if (handler == table.end()) {
    return finish(
        &op, 501,
        errorEnvelope(501, {op.id + ": not implemented in this version of the mock"}, now));
  }
  Call call{op, request, *in, caller, services_, fragments_};
  auto reply = handler->second(call);
  const Millis done = services_.clock.now();
  if (!reply) {
    return finish(&op, statusFor(reply.error().kind), errorEnvelope(reply.error(), done));
  }
  if (reply->file) {
    if (services_.config.validate_responses) {
      if (auto failed =
              checkFile(op, reply->status, reply->file->content_type, reply->file->bytes)) {
        return *std::move(failed);
      }
    }
    HttpResponse r;
    r.status = reply->status;
    r.content_type = reply->file->content_type;
    r.body = reply->file->bytes;
    r.setHeader("Cache-Control", reply->cache_control);
    if (!reply->content_security_policy.empty()) {
      r.setHeader("Content-Security-Policy", reply->content_security_policy);
    }
    return r;
  }
  if (cacheable) {
    json envelope = successEnvelope(reply->status, std::move(reply->data), done);
    if (services_.config.validate_responses) {
      if (auto failed = checkAgainstSpec(&op, reply->status, envelope, false)) {
        return *std::move(failed);
      }
    }
    ResponseCache::Entry entry{version, reply->status, toJson(envelope["data"])};
    HttpResponse r =
        jsonText(reply->status, successEnvelopeText(reply->status, entry.data_json, done));
    cache_.put(cache_key, std::move(entry));
    return r;
  }
  return finish(&op, reply->status, successEnvelope(reply->status, std::move(reply->data), done));
}

std::optional<HttpResponse> Pipeline::guardControlApi(const HttpRequest& request) const {
  const Config& c = services_.config;
  const Millis now = services_.clock.now();
  if (!c.control_api) {
    return finishOwn(nullptr, 404, errorEnvelope(404, {"path: no route for " + request.path}, now));
  }
  if (c.control_token.empty()) return std::nullopt;
  const auto given = request.header("X-Mock-Control-Token");
  if (!given) {
    return finishOwn(nullptr, 401, errorEnvelope(401, {"X-Mock-Control-Token: missing"}, now));
  }
  if (given->size() != c.control_token.size() ||
      CRYPTO_memcmp(given->data(), c.control_token.data(), given->size()) != 0) {
    return finishOwn(nullptr, 401, errorEnvelope(401, {"X-Mock-Control-Token: wrong token"}, now));
  }
  return std::nullopt;
}

Result<std::string> Pipeline::authenticate(const HttpRequest& request) const {
  auto header = request.header("Authorization");
  if (!header) return Error::unauthenticated("Authorization: bearer token missing");
  auto token = bearerToken(*header);
  if (!token) return token.error();
  const long long now = services_.clock.now() / 1000;
  auto claims = tokens_.verify(*token, now);
  if (!claims && services_.upstream) {
    // In front of a real server, its tokens: the mock answers as the user they name.
    auto subject = unverifiedSubject(*token);
    if (!subject) return claims.error();
    const bool known =
        services_.store.read([&](const State& s) { return s.user(*subject) != nullptr; });
    if (!known) {
      return Error::unauthenticated("token subject " + *subject +
                                    " (a token of the real server) is no user of the mock's state");
    }
    return *subject;
  }
  if (!claims) return claims.error();
  // Issued in the future by both the mock's clock and the real one: forged or from a clock that
  // runs ahead. (Either clock alone would break tokens after POST /__mock/clock moves time back.)
  const long long latest =
      std::max<long long>(now, systemNowMillis() / 1000) + JwtCodec::kClockSkewSeconds;
  if (claims->issued_at > latest) {
    return Error::unauthenticated("token not yet valid (issued in the future)");
  }
  const bool known =
      services_.store.read([&](const State& s) { return s.user(claims->user_id) != nullptr; });
  if (!known) return Error::unauthenticated("token subject " + claims->user_id + " is no user");
  return claims->user_id;
}

HttpResponse Pipeline::finish(const Operation* op, int status, json body) const {
  if (op && services_.config.validate_responses) {
    if (auto failed = checkAgainstSpec(op, status, body, false)) return *std::move(failed);
  }
  if (op) breakContract(services_.config.contract_breaks, op->id, &status, &body);
  return jsonResponse(status, body);
}

HttpResponse Pipeline::finishOwn(const Operation* op, int status, json body) const {
  if (services_.config.validate_responses) {
    if (auto failed = checkAgainstSpec(op, status, body, true)) return *std::move(failed);
  }
  return jsonResponse(status, body);
}

std::optional<HttpResponse> Pipeline::checkAgainstSpec(const Operation* op, int status,
                                                       const json& body, bool own) const {
  const ResponseSpec* documented = op ? op->response(status) : nullptr;
  if (!documented && (own || spec_->isServerStatus(status))) {
    documented = spec_->serverResponse();
    // A document without components/responses/ServerError: the server's answers go unchecked.
    if (!documented) return std::nullopt;
  }
  const std::string what =
      (op ? op->id : std::string("the server's own answer")) + " " + std::to_string(status);
  std::vector<std::string> problems;
  if (!documented) {
    problems.push_back("status " + std::to_string(status) + " is not documented for " + op->id);
  } else if (auto media = documented->content.find("application/json");
             media != documented->content.end()) {
    std::vector<Violation> violations;
    if (!media->second.schema.validate(body, &violations)) {
      for (const auto& v : violations)
        problems.push_back(v.toString("body"));
    }
  }
  return validationFailure(what, problems);
}

std::optional<HttpResponse> Pipeline::checkFile(const Operation& op, int status,
                                                const std::string& content_type,
                                                const std::string& bytes) const {
  const std::string what = op.id + " " + std::to_string(status);
  std::vector<std::string> problems;
  const ResponseSpec* documented = op.response(status);
  const std::string media_type = mediaTypeOf(content_type);
  if (!documented) {
    problems.push_back("status " + std::to_string(status) + " is not documented for " + op.id);
  } else if (auto media = documented->content.find(media_type);
             media == documented->content.end()) {
    problems.push_back("Content-Type " + media_type + " is not documented for " + what);
  } else if (media_type == "application/json") {
    auto parsed = parseJson(bytes);
    if (!parsed) {
      problems.push_back("body: " + parsed.error().details.at(0));
    } else {
      std::vector<Violation> violations;
      if (!media->second.schema.validate(*parsed, &violations)) {
        for (const auto& v : violations)
          problems.push_back(v.toString("body"));
      }
    }
  }
  return validationFailure(what, problems);
}

std::optional<HttpResponse> Pipeline::validationFailure(
    const std::string& what, const std::vector<std::string>& problems) const {
  if (problems.empty()) return std::nullopt;
  std::cerr << "response validation failed for " << what << ":\n";
  for (const auto& p : problems)
    std::cerr << "  " << p << "\n";
  std::vector<std::string> details;
  details.push_back("response validation: " + what + " does not match the spec");
  for (const auto& p : problems)
    details.push_back(p);
  return jsonResponse(500, errorEnvelope(500, details, services_.clock.now()));
}

}  // namespace lsm
