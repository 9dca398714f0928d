// Checks every product operation gets, generated from the spec: authentication, unknown and
// malformed ids, wrong methods, CORS preflight. One test instance per operation.
#include <algorithm>

#include "support/suite.h"

namespace contract {
namespace {

constexpr char kNoSuchId[] = "0123456789abcdef01234567";

std::string idParameter(const lsm::Operation& op);

std::vector<std::string> productOperations(bool with_id_only = false) {
  auto spec = lsm::Spec::embedded();
  std::vector<std::string> ids;
  if (!spec) return ids;
  for (const auto& op : (*spec)->operations()) {
    if (!op.mock_control && (!with_id_only || !idParameter(op).empty())) ids.push_back(op.id);
  }
  return ids;
}

// The path parameter that names a resource ({id} or {streamId}), if the operation has one.
std::string idParameter(const lsm::Operation& op) {
  for (const auto& p : op.parameters) {
    if (p.in == "path") return p.name;
  }
  return "";
}

class EveryOperation : public ContractTest, public ::testing::WithParamInterface<std::string> {
 protected:
  const lsm::Operation& op() const { return suite().op(GetParam()); }
  Req request() const {
    Req r(GetParam());
    if (auto id = idParameter(op()); !id.empty()) r.path(id, kNoSuchId);
    return r;
  }
};

#define SKIP_IF_MUTATING_ON_PRODUCTION() \
  do {                                   \
    if (op().mutating) REQUIRE_WRITES(); \
  } while (0)

TEST_P(EveryOperation, WithoutTokenIs401) {
  if (!op().requires_auth) GTEST_SKIP() << op().id << " needs no token";
  SKIP_IF_MUTATING_ON_PRODUCTION();
  expectCall(request().noAuth(), 401);
}

TEST_P(EveryOperation, WithGarbageTokenIs401) {
  SKIP_IF_MUTATING_ON_PRODUCTION();
  expectCall(request().token("not-a-jwt"), 401);
}

TEST_P(EveryOperation, WithTokenSignedByAnotherKeyIs401) {
  SKIP_IF_MUTATING_ON_PRODUCTION();
  // A well-formed HS256 token for HOST's user, signed with a key no server has.
  const std::string payload =
      nlohmann::json({{"sub", userId(Role::kHost)}, {"exp", 4102444800LL}}).dump();
  const std::string forged = base64Url(R"({"alg":"HS256","typ":"JWT"})") + "." +
                             base64Url(payload) + "." + base64Url("signed-by-another-key");
  expectCall(request().token(forged), 401);
}

// The operations that name a resource in their path.
class EveryOperationWithId : public EveryOperation {};

TEST_P(EveryOperationWithId, UnknownIdIs404) {
  SKIP_IF_MUTATING_ON_PRODUCTION();
  auto req = request().as(Role::kHost);
  if (op().body) {
    // A body that passes validation, so the unknown id is what the server answers about.
    if (op().id == "postChatMessage") req.json({{"content", "contract test"}});
    if (op().id == "setLiveStreamReminder") req.json(nlohmann::json::object());
  }
  expectCall(req, 404);
}

TEST_P(EveryOperationWithId, MalformedIdIs400) {
  const std::string id = idParameter(op());
  SKIP_IF_MUTATING_ON_PRODUCTION();
  Req req(GetParam());
  req.path(id, "not-an-object-id").as(Role::kHost);
  auto r = expectCall(req, 400);
  expectErrorMentions(req, r, id);
}

TEST_P(EveryOperation, WrongMethodIs405WithAllow) {
  // A method the path does not serve. 405 with Allow is HTTP's answer; the pages do not say, so
  // a server that answers otherwise is reported as drift.
  std::vector<std::string> served;
  for (const auto& other : suite().spec->operations()) {
    if (other.path == op().path) served.push_back(other.method);
  }
  std::string wrong;
  for (const char* m : {"PATCH", "PUT"}) {
    if (std::find(served.begin(), served.end(), m) == served.end()) {
      wrong = m;
      break;
    }
  }
  REQUIRE_WRITES();  // PATCH and PUT are writes to a production guard
  HttpResult r = send(request().as(Role::kHost).method(wrong));
  if (halted() || !r.sent) return;
  const auto allow = r.header("Allow");
  decided(op().id, "a method the path does not serve is 405 with an Allow naming the served ones")
      .holds(r.status == 405 && allow && allow->find(op().method) != std::string::npos,
             wrong + " answered " + std::to_string(r.status) +
                 (allow ? ", Allow: " + *allow : ", no Allow"));
}

TEST_P(EveryOperation, CorsPreflightIsAnswered) {
  Req req = request();
  req.method("OPTIONS")
      .header("Origin", "http://localhost:5173")
      .header("Access-Control-Request-Method", op().method)
      .header("Access-Control-Request-Headers", "authorization, content-type");
  HttpResult r = send(req);
  if (halted() || !r.sent) return;
  const auto methods = r.header("Access-Control-Allow-Methods");
  decided(op().id, "a CORS preflight from any origin allows the operation's method")
      .holds(r.status >= 200 && r.status < 300 && r.header("Access-Control-Allow-Origin") &&
                 methods && methods->find(op().method) != std::string::npos,
             "answered " + std::to_string(r.status) +
                 (methods ? ", Allow-Methods: " + *methods : ", no allow headers"));
}

INSTANTIATE_TEST_SUITE_P(Spec, EveryOperation, ::testing::ValuesIn(productOperations()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Spec, EveryOperationWithId, ::testing::ValuesIn(productOperations(true)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace contract
