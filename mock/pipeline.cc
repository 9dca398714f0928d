#include "pipeline.h"

#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "envelope/envelope.h"
#include "faults/contract_breaks.h"
#include "prefer/prefer.h"
#include "validation/request_validator.h"

namespace lsm {

using nlohmann::json;

namespace {

// Statuses the pipeline itself may answer on any operation (limits, media type, its own faults);
// the spec documents the API's statuses, these are the server's.
bool isTransportStatus(int status) {
  return status == 405 || status == 413 || status == 415 || status == 500 || status == 501;
}

HttpResponse jsonResponse(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<const Spec> spec, Services& services)
    : spec_(std::move(spec)),
      services_(services),
      router_(spec_->operations()),
      cors_(services.config.cors) {
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
    if (op && !op->mock_control) addLatency();
  } catch (const std::exception& e) {
    std::cerr << "internal error on " << request.method << " " << request.path << ": " << e.what()
              << "\n";
    response = jsonResponse(
        500, errorEnvelope(500, {"internal: " + std::string(e.what())}, services_.clock.now()));
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

HttpResponse Pipeline::handleRouted(const HttpRequest& request, const RouteMatch& route) const {
  const Millis now = services_.clock.now();
  if (route.kind == RouteMatch::Kind::kNoPath) {
    return jsonResponse(404, errorEnvelope(404, {"path: no route for " + request.path}, now));
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
    auto r = jsonResponse(
        405,
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
    auto preference = parsePrefer(*prefer);
    if (!preference) return finish(&op, 400, errorEnvelope(preference.error(), now));
    if (preference->delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(preference->delay_ms));
    }
    if (preference->forcesResponse()) {
      auto forced = forcedResponse(op, *preference);
      if (!forced) return finish(&op, 400, errorEnvelope(forced.error(), now));
      if (forced->body.is_object() && forced->body.contains("timestamp")) {
        forced->body["timestamp"] = formatIsoMillis(services_.clock.now());
      }
      return finish(&op, forced->status, std::move(forced->body));
    }
  }

  const auto& table = handlerTable();
  auto handler = table.find(op.id);
  if (handler == table.end()) {
    return finish(
        &op, 501,
        errorEnvelope(501, {op.id + ": not implemented in this version of the mock"}, now));
  }
  Call call{op, request, *in, caller, services_};
  auto reply = handler->second(call);
  const Millis done = services_.clock.now();
  if (!reply) {
    return finish(&op, statusFor(reply.error().kind), errorEnvelope(reply.error(), done));
  }
  if (reply->file) {
    HttpResponse r;
    r.status = reply->status;
    r.content_type = reply->file->content_type;
    r.body = reply->file->bytes;
    r.setHeader("Cache-Control", reply->cache_control);
    return r;
  }
  return finish(&op, reply->status, successEnvelope(reply->status, std::move(reply->data), done));
}

Result<std::string> Pipeline::authenticate(const HttpRequest& request) const {
  auto header = request.header("Authorization");
  if (!header) return Error::unauthenticated("Authorization: bearer token missing");
  auto token = bearerToken(*header);
  if (!token) return token.error();
  auto claims = services_.jwt.verify(*token, services_.clock.now() / 1000);
  if (!claims) return claims.error();
  const bool known =
      services_.store.read([&](const State& s) { return s.user(claims->user_id) != nullptr; });
  if (!known) return Error::unauthenticated("token subject " + claims->user_id + " is no user");
  return claims->user_id;
}

HttpResponse Pipeline::finish(const Operation* op, int status, json body) const {
  if (op && services_.config.validate_responses && !isTransportStatus(status)) {
    std::vector<std::string> problems;
    const ResponseSpec* documented = op->response(status);
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
    if (!problems.empty()) {
      std::cerr << "response validation failed for " << op->id << " " << status << ":\n";
      for (const auto& p : problems)
        std::cerr << "  " << p << "\n";
      std::vector<std::string> details;
      details.push_back("response validation: " + op->id + " " + std::to_string(status) +
                        " does not match the spec");
      for (const auto& p : problems)
        details.push_back(p);
      return jsonResponse(500, errorEnvelope(500, details, services_.clock.now()));
    }
  }
  if (op) breakContract(services_.config.contract_breaks, op->id, &status, &body);
  return jsonResponse(status, body);
}

}  // namespace lsm
