#include "support/suite.h"

#include <chrono>
#include <cmath>
#include <iostream>

#include "core/base64.h"
#include "core/time.h"
#include "support/cleanup.h"

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

std::optional<Role> Suite::roleOfAuthorization(const std::string& authorization) const {
  for (const auto& [role, token] : target.tokens) {
    if (!token.empty() && authorization == "Bearer " + token) return role;
  }
  return std::nullopt;
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
Req& Req::cleanup() {
  cleanup_ = true;
  return *this;
}

HttpCall Req::build() const {
  const Suite& s = Suite::get();
  const lsm::Operation& op = s.op(op_);
  HttpCall call;
  call.method = method_.value_or(op.method);
  std::string path = op.path;
  for (const auto& [name, value] : path_) {
    const std::string key = "{" + name + "}";
    for (size_t at; (at = path.find(key)) != std::string::npos;) {
      path.replace(at, key.size(), lsm::percentEncode(value));
    }
  }
  std::string q;
  for (const auto& [k, v] : query_)
    q += (q.empty() ? "?" : "&") + lsm::percentEncode(k) + "=" + lsm::percentEncode(v);
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
  call.cleanup = cleanup_;
  return call;
}

// --- facts --------------------------------------------------------------------------------------

bool Fact::holds(bool ok, const std::string& observed) const {
  if (!ok) test_->recordFact(basis_, operation_, what_, observed);
  return ok;
}

bool Fact::near(const nlohmann::json& actual, double expected, double tolerance) const {
  const bool ok = actual.is_number() && std::fabs(actual.get<double>() - expected) <= tolerance;
  return holds(ok, "expected " + std::to_string(expected) + " (within " +
                       std::to_string(tolerance) + "), got " + actual.dump());
}

void ContractTest::recordFact(Basis basis, const std::string& operation, const std::string& what,
                              const std::string& observed) {
  if (halted()) return;  // what follows a halt is not judged
  Observation o{operation, what, observed, last_request_, testName()};
  if (basis == Basis::kDocumented) {
    Report::get().broken(o);
    ADD_FAILURE() << "documented fact broken: " << operation << ": " << what << "; " << observed
                  << " (" << last_request_ << ")";
    return;
  }
  Report::get().drift(o);
  if (suite().target.strict) {
    ADD_FAILURE() << "drift (--strict): " << operation << ": the spec decided " << what << "; "
                  << observed << " (" << last_request_ << ")";
  } else {
    std::cout << "  drift: " << operation << ": the spec decided " << what << "; " << observed
              << "\n";
  }
}

Fact ContractTest::parameterDefault(const std::string& operation, const std::string& parameter,
                                    json* value) {
  const lsm::Operation& op = suite().op(operation);
  bool inferred = op.inferred;
  *value = nullptr;
  for (const auto& p : op.parameters) {
    if (p.name != parameter) continue;
    const json& schema = lsm::followRefs(suite().spec->document(), *p.schema_json);
    if (schema.contains("default")) *value = schema["default"];
    inferred = inferred || p.inferred || schema.value("x-inferred", false);
  }
  if (value->is_null())
    ADD_FAILURE() << "test error: " << operation << " " << parameter
                  << " has no default in the spec";
  return Fact(this, inferred ? Basis::kDecided : Basis::kDocumented, operation,
              "the default of " + parameter + " is " + value->dump());
}

// --- test life ----------------------------------------------------------------------------------

std::string ContractTest::testName() const {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->test_suite_name()) + "." + info->name() : "?";
}

void ContractTest::SetUp() {
  suite().current_test = testName();
}

void ContractTest::halt(std::string reason, std::vector<std::string> states) {
  if (halted()) return;
  halt_reason_ = std::move(reason);
  const auto& declared = declaredStates();
  std::vector<std::pair<std::string, int>> cells;
  if (auto it = declared.find(testName()); it != declared.end()) cells = it->second.cells;
  Report::get().notVerified(cells, {testName(), halt_reason_, std::move(states)});
}

void ContractTest::TearDown() {
  // States first (a ban lifted, a viewer gone), in reverse order, then the streams.
  for (auto it = states_set_up_.rbegin(); it != states_set_up_.rend(); ++it) {
    auto r = suite().states->change(
        {{"state", it->first}, {"params", it->second}, {"action", "teardown"}});
    if (!r) {
      Report::get().cleanupNote("teardown of '" + it->first + "' " + it->second.dump() + " in " +
                                testName() + ": " + r.error().details.at(0));
    }
  }
  states_set_up_.clear();
  sweepTest(testName());
  if (halted()) {
    GTEST_SKIP() << "not verified here: " << halt_reason_;
  }
  // A test that ran to the end on a target that provides its states verified what it declares.
  const auto& declared = declaredStates();
  if (auto it = declared.find(testName()); it != declared.end() && !IsSkipped()) {
    for (const auto& cell : it->second.cells) {
      if (!cells_checked_.count(cell)) {
        ADD_FAILURE() << "test error: " << testName() << " declares that it verifies " << cell.first
                      << " " << cell.second << " but did not check it";
      }
    }
  }
}

// --- sending and checking -----------------------------------------------------------------------

HttpResult ContractTest::send(const Req& req) {
  HttpResult r;
  if (halted()) {
    r.interrupted = true;
    r.error = "not sent: the test is halted (" + halt_reason_ + ")";
    return r;
  }
  const HttpCall call = req.build();
  r = suite().client->send(call);
  last_request_ = call.line() + " -> " + (r.sent ? std::to_string(r.status) : r.error);
  if (r.refused) {
    ADD_FAILURE() << "the production guard held back " << req.operationId()
                  << ": the test must start with REQUIRE_WRITES()";
  } else if (r.interrupted) {
    halt("the run was interrupted");
  } else if (r.throttled) {
    halt("throttled: " + call.line() + " was still answered " + std::to_string(r.status) +
         " after " + std::to_string(r.attempts) + " tries");
  } else if (!r.sent) {
    ADD_FAILURE() << req.operationId() << ": no answer: " << r.error;
  } else if (r.status >= 500) {
    ADD_FAILURE() << req.operationId() << " answered " << r.status
                  << " (no request of the suite may get a 5xx): " << r.body.substr(0, 500);
  }
  return r;
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The documented first message (errors[0]) of `status` for `op`, from the response's examples,
// and whether it is decided; nullopt where the spec shows none.
std::optional<std::pair<std::string, bool>> headlineFor(const lsm::Operation& op, int status) {
  const json& doc = Suite::get().spec->document();
  const json::json_pointer ptr("/paths/" + lsm::escapePointer(op.path) + "/" + lower(op.method) +
                               "/responses/" + std::to_string(status));
  if (!doc.contains(ptr)) return std::nullopt;
  const json& response = lsm::followRefs(doc, doc.at(ptr));
  const json media = response.value("content", json::object()).value("application/json", json());
  if (!media.is_object() || !media.contains("examples")) return std::nullopt;
  std::optional<std::pair<std::string, bool>> found;
  for (const auto& [name, ex] : media["examples"].items()) {
    const json& example = lsm::followRefs(doc, ex);
    const json value = example.value("value", json());
    if (!value.is_object() || !value.contains("errors") || !value["errors"].is_array() ||
        value["errors"].empty() || !value["errors"][0].is_string()) {
      continue;
    }
    const bool inferred = example.value("x-inferred", false);
    if (!found || (found->second && !inferred)) {
      found = std::make_pair(value["errors"][0].get<std::string>(), inferred);
    }
  }
  return found;
}

// " (errors: [...])" of an error envelope, for a status that differs; "" otherwise.
std::string firstError(const HttpResult& r) {
  const json errors = r.json ? at(*r.json, "errors") : json();
  if (!errors.is_array() || errors.empty()) return "";
  return " (errors: " + errors.dump().substr(0, 160) + ")";
}

}  // namespace

void ContractTest::checkEnvelope(
    const lsm::Operation& op, const HttpResult& r,
    std::vector<std::pair<Basis, std::pair<std::string, std::string>>>* found) {
  const json& body = *r.json;
  if (!body.is_object()) return;  // the schema check names it
  if (body.contains("statusCode") && body["statusCode"] != r.status) {
    found->push_back(
        {Basis::kDocumented,
         {"the envelope's statusCode is the HTTP status",
          "HTTP " + std::to_string(r.status) + ", statusCode " + body["statusCode"].dump()}});
  }
  const bool success = r.status >= 200 && r.status < 300;
  if (body.contains("isSuccess") && body["isSuccess"].is_boolean() &&
      body["isSuccess"].get<bool>() != success) {
    found->push_back(
        {Basis::kDocumented,
         {"isSuccess is true exactly when the status is 2xx",
          "HTTP " + std::to_string(r.status) + ", isSuccess " + body["isSuccess"].dump()}});
  }
  if (!success) {
    if (auto headline = headlineFor(op, r.status)) {
      const json errors = body.value("errors", json());
      const bool ok = errors.is_array() && !errors.empty() && errors[0] == headline->first;
      if (!ok) {
        found->push_back(
            {headline->second ? Basis::kDecided : Basis::kDocumented,
             {"errors[0] of a " + std::to_string(r.status) + " is \"" + headline->first + "\"",
              "errors: " + errors.dump()}});
      }
    }
  }
}

Outcome ContractTest::expectStatus(const Req& req, const HttpResult& r, int expected, Basis rule) {
  const lsm::Operation& op = suite().op(req.operationId());
  if (halted() || r.throttled || r.interrupted || r.refused) return Outcome::kPass;
  std::vector<std::pair<Basis, std::pair<std::string, std::string>>> found;  // (fact, observed)
  auto add = [&found](Basis b, std::string fact, std::string observed) {
    found.push_back({b, {std::move(fact), std::move(observed)}});
  };
  const lsm::ResponseSpec* want = op.response(expected);
  const bool status_decided = op.inferred || (want && want->inferred) || rule == Basis::kDecided;
  if (!want) {
    ADD_FAILURE() << "test error: " << op.id << " documents no " << expected;
    return Outcome::kFail;
  }
  if (!r.sent) {
    add(Basis::kDocumented, "answers " + std::to_string(expected), "no answer: " + r.error);
  } else {
    if (r.status != expected) {
      add(status_decided ? Basis::kDecided : Basis::kDocumented,
          "answers " + std::to_string(expected) + " (" + want->description + ")",
          "answered " + std::to_string(r.status) + firstError(r));
    }
    const lsm::ResponseSpec* got = op.response(r.status);
    if (!got) {
      if (!(status_decided && r.status != expected)) {
        add(Basis::kDocumented, "answers only the statuses it documents",
            "answered " + std::to_string(r.status));
      }
    } else if (auto media = got->content.find("application/json"); media != got->content.end()) {
      const bool response_decided = op.inferred || got->inferred;
      auto type = r.header("Content-Type").value_or("");
      if (type.rfind("application/json", 0) != 0) {
        add(Basis::kDocumented, "answers application/json", "Content-Type '" + type + "'");
      }
      if (!r.json) {
        add(Basis::kDocumented, "answers a JSON envelope", "body " + r.body.substr(0, 200));
      } else {
        std::vector<lsm::Violation> violations;
        media->second.schema.validate(*r.json, &violations);
        std::set<std::string> extra_paths;
        for (const auto& v : violations) {
          if (v.extra_field) {
            // The pages never say "no other fields": an undocumented field is drift.
            extra_paths.insert(factPath(v.path));
            continue;
          }
          add(v.inferred || response_decided ? Basis::kDecided : Basis::kDocumented,
              std::to_string(r.status) + " " + factPath(v.toString("body")), "");
        }
        if (!extra_paths.empty()) {
          std::string extra;
          for (const auto& p : extra_paths)
            extra += (extra.empty() ? "" : ", ") + p;
          add(Basis::kDecided, "no fields beyond the documented ones", "undocumented " + extra);
        }
        checkEnvelope(op, r, &found);
      }
    }
  }
  Outcome outcome = Outcome::kPass;
  for (const auto& [basis, fo] : found) {
    if (basis == Basis::kDocumented) {
      outcome = Outcome::kFail;
    } else if (outcome == Outcome::kPass) {
      outcome = Outcome::kDrift;
    }
  }
  // The last request is this one (expectStatus follows its send).
  for (const auto& [basis, fo] : found)
    recordFact(basis, op.id, fo.first, fo.second);
  Report::get().cell(op.id, expected, outcome);
  cells_checked_.insert({op.id, expected});
  return outcome;
}

HttpResult ContractTest::expectCall(const Req& req, int expected, Basis rule) {
  HttpResult r = send(req);
  if (!r.refused) expectStatus(req, r, expected, rule);
  return r;
}

void ContractTest::expectErrorMentions(const Req& req, const HttpResult& r,
                                       const std::string& field) {
  if (halted() || !r.sent || r.status != 400) return;  // a wrong status is reported already
  bool named = false;
  const json errors = r.json ? at(*r.json, "errors") : json();
  if (errors.is_array()) {
    for (const auto& e : errors) {
      if (e.is_string() && e.get<std::string>().find(field) != std::string::npos) named = true;
    }
  }
  // One message per violated field after "Validation failed" is our decision (x-inferred).
  decided(req.operationId(), "a 400 names the field it refuses in errors")
      .holds(named, "'" + field + "' not named in errors: " + errors.dump());
}

// --- states -------------------------------------------------------------------------------------

bool ContractTest::given(const std::string& state, json params) {
  if (halted()) return false;
  const StateSpec* spec = findState(state);
  const auto& declared = declaredStates();
  auto it = declared.find(testName());
  if (!spec || it == declared.end() ||
      std::find(it->second.states.begin(), it->second.states.end(), state) ==
          it->second.states.end()) {
    ADD_FAILURE() << "test error: " << testName() << " uses the state '" << state
                  << "' without declaring it (STATES_FOR)";
    return false;
  }
  if (auto problems = checkStateParams(*spec, params); !problems.empty()) {
    ADD_FAILURE() << "test error: state '" << state << "': " << problems.front();
    return false;
  }
  if (!suite().states) {
    std::string names;
    for (const auto& s : it->second.states)
      names += (names.empty() ? "'" : ", '") + s + "'";
    halt("needs provider state" + std::string(it->second.states.size() > 1 ? "s " : " ") + names +
             " (no state provider: set CONTRACT_STATE_URL or CONTRACT_STATE_COMMAND)",
         it->second.states);
    return false;
  }
  auto r = suite().states->change({{"state", state}, {"params", params}, {"action", "setup"}});
  if (!r) {
    halt("the state provider could not set up '" + state + "' " + params.dump() + ": " +
             r.error().details.at(0),
         {state});
    return false;
  }
  states_set_up_.emplace_back(state, std::move(params));
  return true;
}

bool ContractTest::watch(const std::string& stream_id, Role who) {
  return given("user watches stream", {{"userId", userId(who)}, {"streamId", stream_id}});
}

bool ContractTest::endStream(const std::string& stream_id, bool recording,
                             std::optional<double> replay_price) {
  json params = {{"streamId", stream_id}, {"recording", recording}};
  if (replay_price) params["replayCreditPrice"] = *replay_price;
  return given("stream has ended", params);
}

bool ContractTest::setCredits(Role who, int64_t credits) {
  return given("user has credits", {{"userId", userId(who)}, {"credits", credits}});
}

bool ContractTest::banFromChat(const std::string& stream_id, Role who) {
  return given("user is banned from stream chat",
               {{"userId", userId(who)}, {"streamId", stream_id}});
}

// --- set-ups ------------------------------------------------------------------------------------

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
  // Checked like any call (so a broken create shows); the ledger has it once the server answers.
  HttpResult r = expectCall(req, 201);
  if (halted()) return "";
  const json id = at(dataOf(r), "id");
  if (!(r.status >= 200 && r.status < 300) || !id.is_string()) {
    ADD_FAILURE() << "set-up: createLiveStream answered " << r.status << " "
                  << r.body.substr(0, 300);
    return "";
  }
  return id.get<std::string>();
}

std::string ContractTest::createScheduledStream(Role creator) {
  return createStream(creator, {{"plannedStartDate", isoFromNow(48 * 3600)}});
}

// --- helpers ------------------------------------------------------------------------------------

json at(const json& v, const std::string& dotted_path) {
  const json* cur = &v;
  size_t start = 0;
  while (start <= dotted_path.size()) {
    const size_t dot = dotted_path.find('.', start);
    const std::string key =
        dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *cur;
}

std::string jwtSubject(const std::string& token) {
  size_t a = token.find('.');
  if (a == std::string::npos) return "";
  size_t b = token.find('.', a + 1);
  if (b == std::string::npos) return "";
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
  const json d = r.json ? at(*r.json, "data") : json();
  return d.is_object() ? d : json::object();
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
