#pragma once
// What every contract test uses: the target and its client, the spec, requests built from the
// spec's operations, the contract check of a response, set-ups (through the product API, or
// through /__mock/ where only the mock can make them), and cleanup of what a test created.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "support/http_client.h"
#include "support/report.h"
#include "support/target.h"

namespace contract {

// The run's shared state, set up once by main().
struct Suite {
  Target target;
  std::shared_ptr<const lsm::Spec> spec;
  std::unique_ptr<HttpClient> client;
  std::map<Role, std::string> user_ids;  // from the tokens' subjects
  std::string description;               // "the local mock at http://..." / the base URL

  static Suite& get();
  const lsm::Operation& op(const std::string& id) const;  // fails the run for an unknown id
};

// A request to one operation of the spec; path parameters fill its template.
class Req {
 public:
  explicit Req(std::string operation_id) : op_(std::move(operation_id)) {}
  Req& path(const std::string& name, const std::string& value);
  Req& query(const std::string& name, const std::string& value);
  Req& json(const nlohmann::json& body);
  Req& rawBody(std::string body, std::string content_type);
  Req& field(const std::string& name, const std::string& value);  // multipart form field
  Req& file(const std::string& name, const std::string& filename, const std::string& type,
            std::string bytes);
  Req& as(Role role);
  Req& token(std::string raw_token);  // a token as given ("" for none)
  Req& noAuth();
  Req& header(const std::string& name, const std::string& value);
  Req& method(std::string m);  // override the operation's method (405 checks)

  const std::string& operationId() const { return op_; }
  HttpCall build() const;

 private:
  std::string op_;
  std::map<std::string, std::string> path_;
  std::vector<std::pair<std::string, std::string>> query_;
  std::optional<std::string> body_;
  std::string content_type_;
  std::optional<std::vector<std::pair<std::string, std::string>>> form_;
  std::vector<FilePart> files_;
  std::optional<Role> role_;
  std::optional<std::string> token_;
  lsm::Headers headers_;
  std::optional<std::string> method_;
};

class ContractTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  Suite& suite() const { return Suite::get(); }
  bool isMock() const { return suite().target.is_mock; }
  const std::string& userId(Role r) const { return suite().user_ids.at(r); }

  // Sends; any 5xx or transport error fails the test (no request the suite sends may get one).
  HttpResult send(const Req& req);
  // Checks status, envelope and body against the spec for `req`'s operation answering
  // `expected`. Documented facts that differ fail the test; decided (x-inferred) ones are
  // reported as drift (and fail only with --strict). Records the coverage cell.
  Outcome expectStatus(const Req& req, const HttpResult& r, int expected);
  // Send and check in one.
  HttpResult expectCall(const Req& req, int expected);
  // The 400 names the field (a decided fact: drift when it does not).
  void expectErrorMentions(const Req& req, const HttpResult& r, const std::string& field);

  // Set-ups. Streams created here are cancelled and deleted after the test.
  std::string createStream(Role creator,
                           std::vector<std::pair<std::string, std::string>> fields = {});
  std::string createScheduledStream(Role creator);
  void joinAudience(const std::string& stream_id, Role who);                          // mock only
  void endStream(const std::string& stream_id, bool recording, double replay_price);  // mock only
  void setCredits(Role who, int64_t credits);                                         // mock only
  void banFromChat(const std::string& stream_id, Role who);                           // mock only
  // The balance of `who` as the mock holds it (GET /__mock/users; mock only); -1 when unknown.
  int64_t mockCredits(Role who);
  void track(const std::string& stream_id, Role creator) {
    created_.emplace_back(stream_id, creator);
  }

  std::string testName() const;

 private:
  HttpResult mockControl(const std::string& operation_id,
                         const std::map<std::string, std::string>& path, const nlohmann::json& body,
                         int expected);
  std::vector<std::pair<std::string, Role>> created_;
};

// At the top of a test that changes data: skipped, with the reason, when the target is
// production and writes are not allowed.
#define REQUIRE_WRITES()                                                                  \
  do {                                                                                    \
    if (!::contract::Suite::get().target.writesAllowed()) {                               \
      GTEST_SKIP() << "the target is production and CONTRACT_ALLOW_PRODUCTION_WRITES is " \
                      "not given: this test changes data";                                \
    }                                                                                     \
  } while (0)

// At the top of a test whose set-up only the mock can make (through /__mock/); `what` names it.
#define REQUIRE_MOCK(what)                                     \
  do {                                                         \
    if (!::contract::Suite::get().target.is_mock) {            \
      GTEST_SKIP() << "needs " << (what)                       \
                   << ": the product API cannot set this up, " \
                      "only the mock's control API can";       \
    }                                                          \
  } while (0)

// The subject ("sub") of a JWT, read without verifying it; empty when there is none.
std::string jwtSubject(const std::string& token);
// The envelope's `data` object, or an empty object when the body has none.
nlohmann::json dataOf(const HttpResult& r);
// base64url without padding (JWT segments).
std::string base64Url(const std::string& bytes);
// A date-time `seconds` from now, as the API writes them.
std::string isoFromNow(long long seconds);
// A small valid PNG, for thumbnails.
const std::string& tinyPng();

}  // namespace contract
