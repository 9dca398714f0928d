#include "support/suite.h"

#include <chrono>
#include <iostream>

#include "core/base64.h"
#include "core/time.h"

namespace contract {

using nlohmann::json;

Suite& Suite::get() {
  static Suite suite;
  return suite;
}

const lsm::Operation& Suite::op(const std::string& id) const {
  const lsm::Operation* op = spec->find(id);
  if (!op) {
    std::cerr << "contract-tests: no operation " << id << " in the spec\n";
    std::abort();
  }
  return *op;
}

// --- Req ----------------------------------------------------------------------------------------

Req& Req::path(const std::string& name, const std::string& value) {
  path_[name] = value;
  return *this;
}
Req& Req::query(const std::string& name, const std::string& value) {
  query_.emplace_back(name, value);
  return *this;
}
Req& Req::json(const nlohmann::json& body) {
  return rawBody(body.dump(), "application/json");
}
Req& Req::rawBody(std::string body, std::string content_type) {
  body_ = std::move(body);
  content_type_ = std::move(content_type);
  return *this;
}
Req& Req::field(const std::string& name, const std::string& value) {
  if (!form_) form_.emplace();
  form_->emplace_back(name, value);
  return *this;
}
Req& Req::file(const std::string& name, const std::string& filename, const std::string& type,
               std::string bytes) {
  if (!form_) form_.emplace();
  files_.push_back({name, filename, type, std::move(bytes)});
  return *this;
}
Req& Req::as(Role role) {
  role_ = role;
  return *this;
}
Req& Req::token(std::string raw_token) {
  token_ = std::move(raw_token);
  return *this;
}
Req& Req::noAuth() {
  return token("");
}
Req& Req::header(const std::string& name, const std::string& value) {
  headers_.emplace(name, value);
  return *this;
}
Req& Req::method(std::string m) {
  method_ = std::move(m);
  return *this;
}

namespace {

std::string urlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

HttpCall Req::build() const {
  const Suite& s = Suite::get();
  const lsm::Operation& op = s.op(op_);
  HttpCall call;
  call.method = method_.value_or(op.method);
  std::string path = op.path;
  for (const auto& [name, value] : path_) {
    const std::string key = "{" + name + "}";
    for (size_t at; (at = path.find(key)) != std::string::npos;) {
      path.replace(at, key.size(), urlEncode(value));
    }
  }
  std::string q;
  for (const auto& [k, v] : query_)
    q += (q.empty() ? "?" : "&") + urlEncode(k) + "=" + urlEncode(v);
  call.path = path + q;
  call.headers = headers_;
  std::string token;
  if (token_) {
    token = *token_;
  } else if (role_) {
    token = s.target.tokens.at(*role_);
  }
  if (!token.empty()) call.headers.emplace("Authorization", "Bearer " + token);
  if (body_) {
    call.body = *body_;
    call.headers.emplace("Content-Type", content_type_);
  }
  call.form = form_;
  call.files = files_;
  return call;
}

// --- checks
// ---------------------------------------------------------------------------------------

std::string ContractTest::testName() const {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->test_suite_name()) + "." + info->name() : "?";
}

void ContractTest::SetUp() {
  // On the mock every test starts from the fixtures; a real server keeps its state, and the
  // suite removes what it created after each test. A mock marked production is not reset (the
  // reset is a write); the tests that need the fixtures change data and are skipped there.
  if (isMock() && suite().target.writesAllowed()) {
    HttpCall reset;
    reset.method = "POST";
    reset.path = "/__mock/reset";
    auto r = suite().client->send(reset);
    ASSERT_EQ(r.status, 200) << "POST /__mock/reset: " << r.error << r.body;
  }
}

void ContractTest::TearDown() {
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
    const auto& [id, creator] = *it;
    auto cancel = suite().client->send(Req("cancelLiveStream").path("id", id).as(creator).build());
    auto del = suite().client->send(Req("deleteLiveStream").path("id", id).as(creator).build());
    const bool cancelled_or_over =
        cancel.status == 201 || cancel.status == 409 || cancel.status == 404;
    const bool gone = del.status == 200 || del.status == 404;
    if (!cancelled_or_over || !gone) {
      Report::get().cleanupProblem("stream " + id + " (created by " + roleName(creator) + " in " +
                                   testName() + "): cancel answered " +
                                   std::to_string(cancel.status) + ", delete answered " +
                                   std::to_string(del.status) + " " + cancel.error + del.error);
    }
  }
  created_.clear();
}

HttpResult ContractTest::send(const Req& req) {
  HttpResult r = suite().client->send(req.build());
  if (r.refused) {
    ADD_FAILURE() << "the production guard held back " << req.operationId()
                  << ": the test must start with REQUIRE_WRITES()";
  } else if (!r.sent) {
    ADD_FAILURE() << req.operationId() << ": no answer: " << r.error;
  } else if (r.status >= 500) {
    ADD_FAILURE() << req.operationId() << " answered " << r.status
                  << " (no request of the suite may get a 5xx): " << r.body.substr(0, 500);
  }
  return r;
}

Outcome ContractTest::expectStatus(const Req& req, const HttpResult& r, int expected) {
  const lsm::Operation& op = suite().op(req.operationId());
  std::vector<std::string> failures;
  std::vector<std::pair<std::string, std::string>> drifts;  // (decided, observed)
  const lsm::ResponseSpec* want = op.response(expected);
  const bool status_decided = op.inferred || (want && want->inferred);
  if (!want)
    failures.push_back("test error: " + op.id + " documents no " + std::to_string(expected));
  if (!r.sent) {
    failures.push_back("no answer: " + r.error);
  } else {
    const std::string got_text = std::to_string(r.status) + " " + r.body.substr(0, 300);
    if (r.status != expected) {
      if (status_decided) {
        drifts.emplace_back("answers " + std::to_string(expected), "answered " + got_text);
      } else {
        failures.push_back("expected " + std::to_string(expected) + ", got " + got_text);
      }
    }
    const lsm::ResponseSpec* got = op.response(r.status);
    if (!got) {
      if (!(status_decided && r.status != expected)) {
        failures.push_back("status " + std::to_string(r.status) + " is not documented for " +
                           op.id);
      }
    } else if (auto media = got->content.find("application/json"); media != got->content.end()) {
      const bool response_decided = op.inferred || got->inferred;
      auto type = r.header("Content-Type").value_or("");
      if (type.rfind("application/json", 0) != 0) {
        failures.push_back("Content-Type is '" + type + "', not application/json");
      }
      if (!r.json) {
        failures.push_back("the body is not JSON: " + r.body.substr(0, 200));
      } else {
        std::vector<lsm::Violation> violations;
        media->second.schema.validate(*r.json, &violations);
        for (const auto& v : violations) {
          if (v.inferred || response_decided) {
            drifts.emplace_back("the schema of " + std::to_string(r.status) + " at " +
                                    (v.path.empty() ? "body" : v.path),
                                v.toString("body"));
          } else {
            failures.push_back(v.toString("body"));
          }
        }
      }
    }
  }
  const Outcome outcome = !failures.empty() ? Outcome::kFail
                          : !drifts.empty() ? Outcome::kDrift
                                            : Outcome::kPass;
  Report::get().cell(op.id, expected, outcome);
  for (const auto& [decided, observed] : drifts) {
    Report::get().drift({testName(), op.id, decided, observed});
    if (suite().target.strict) {
      ADD_FAILURE() << "drift (--strict): " << op.id << ": the spec decided " << decided
                    << "; the server " << observed;
    } else {
      std::cout << "  drift: " << op.id << ": the spec decided " << decided << "; " << observed
                << "\n";
    }
  }
  for (const auto& f : failures)
    ADD_FAILURE() << op.id << " (expected " << expected << "): " << f;
  return outcome;
}

HttpResult ContractTest::expectCall(const Req& req, int expected) {
  HttpResult r = send(req);
  if (!r.refused) expectStatus(req, r, expected);
  return r;
}

void ContractTest::expectErrorMentions(const Req& req, const HttpResult& r,
                                       const std::string& field) {
  bool named = false;
  if (r.json && r.json->contains("errors") && (*r.json)["errors"].is_array()) {
    for (const auto& e : (*r.json)["errors"]) {
      if (e.is_string() && e.get<std::string>().find(field) != std::string::npos) named = true;
    }
  }
  if (named) return;
  // One message per violated field after "Validation failed" is our decision (x-inferred).
  Drift d{
      testName(), req.operationId(), "a 400 names the field '" + field + "' in errors",
      "errors: " + (r.json && r.json->contains("errors") ? (*r.json)["errors"].dump() : r.body)};
  Report::get().drift(d);
  if (suite().target.strict)
    ADD_FAILURE() << "drift (--strict): " << d.decided << "; " << d.observed;
}

// --- set-ups
// --------------------------------------------------------------------------------------

std::string ContractTest::createStream(Role creator,
                                       std::vector<std::pair<std::string, std::string>> fields) {
  Req req("createLiveStream");
  req.as(creator);
  bool has_title = false;
  for (const auto& [k, v] : fields) {
    req.field(k, v);
    has_title = has_title || k == "title";
  }
  if (!has_title) req.field("title", "Contract test stream");
  // Checked like any call (so a broken create shows), and used whenever it made a stream.
  HttpResult r = expectCall(req, 201);
  const bool made = r.status >= 200 && r.status < 300 && r.json && r.json->contains("data") &&
                    (*r.json)["data"].is_object();
  if (!made) {
    ADD_FAILURE() << "set-up: createLiveStream answered " << r.status << " "
                  << r.body.substr(0, 300);
    return "";
  }
  std::string id = (*r.json)["data"].value("id", "");
  track(id, creator);
  return id;
}

std::string ContractTest::createScheduledStream(Role creator) {
  return createStream(creator, {{"plannedStartDate", isoFromNow(48 * 3600)}});
}

HttpResult ContractTest::mockControl(const std::string& operation_id,
                                     const std::map<std::string, std::string>& path,
                                     const nlohmann::json& body, int expected) {
  Req req(operation_id);
  for (const auto& [k, v] : path)
    req.path(k, v);
  if (!body.is_null()) req.json(body);
  HttpResult r = send(req);
  if (r.status != expected) {
    ADD_FAILURE() << "set-up: " << operation_id << " answered " << r.status << " "
                  << r.body.substr(0, 300);
  }
  return r;
}

void ContractTest::joinAudience(const std::string& stream_id, Role who) {
  mockControl("mockJoinAudience", {{"id", stream_id}}, {{"userId", userId(who)}}, 201);
}

void ContractTest::endStream(const std::string& stream_id, bool recording, double replay_price) {
  json body = {{"recording", recording}};
  if (recording) body["replayCreditPrice"] = replay_price;
  mockControl("mockEndStream", {{"id", stream_id}}, body, 201);
}

void ContractTest::setCredits(Role who, int64_t credits) {
  mockControl("mockSetCredits", {{"userId", userId(who)}}, {{"credits", credits}}, 200);
}

void ContractTest::banFromChat(const std::string& stream_id, Role who) {
  mockControl("mockBanFromChat", {{"id", stream_id}}, {{"userId", userId(who)}}, 201);
}

// --- helpers
// --------------------------------------------------------------------------------------

int64_t ContractTest::mockCredits(Role who) {
  HttpResult r = send(Req("mockListUsers"));
  if (!r.json) return -1;
  for (const auto& u : (*r.json)["data"]) {
    if (u.value("_id", "") == userId(who)) return u.value("credits", int64_t{-1});
  }
  return -1;
}

std::string jwtSubject(const std::string& token) {
  size_t a = token.find('.');
  size_t b = token.find('.', a + 1);
  if (a == std::string::npos || b == std::string::npos) return "";
  std::string part = token.substr(a + 1, b - a - 1);
  for (auto& c : part) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (part.size() % 4)
    part += '=';
  auto decoded = lsm::base64Decode(part);
  if (!decoded) return "";
  auto claims = json::parse(*decoded, nullptr, false);
  if (!claims.is_object() || !claims.contains("sub") || !claims["sub"].is_string()) return "";
  return claims["sub"];
}

json dataOf(const HttpResult& r) {
  if (r.json && r.json->is_object() && r.json->contains("data") && (*r.json)["data"].is_object()) {
    return (*r.json)["data"];
  }
  return json::object();
}

std::string base64Url(const std::string& bytes) {
  std::string out = lsm::base64Encode(bytes);
  for (auto& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=')
    out.pop_back();
  return out;
}

std::string isoFromNow(long long seconds) {
  return lsm::formatIsoMillis(lsm::systemNowMillis() + seconds * 1000);
}

const std::string& tinyPng() {
  // 1x1 RGBA PNG.
  static const std::string kPng = *lsm::base64Decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJg"
      "gg==");
  return kPng;
}

}  // namespace contract
