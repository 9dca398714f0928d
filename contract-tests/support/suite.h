#pragma once
// What every contract test uses: the target and its client, the spec, requests built from the
// spec's operations, the contract check of a response, facts (each documented or decided), set-ups
// through provider states, and cleanup of what a test created. A test never knows which kind of
// target it runs on.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "support/http_client.h"
#include "support/ledger.h"
#include "support/report.h"
#include "support/states.h"
#include "support/target.h"

namespace contract {

// The run's shared state, set up once by main().
struct Suite {
  Target target;
  std::shared_ptr<const lsm::Spec> spec;
  std::unique_ptr<HttpClient> client;
  std::unique_ptr<StateProvider> states;  // null: no provider on this target
  std::unique_ptr<Ledger> ledger;
  std::map<Role, std::string> user_ids;  // given, or the tokens' subjects
  std::string description;               // "the local mock at http://..." / the base URL
  std::string current_test;              // guarded by the single test thread

  static Suite& get();
  const lsm::Operation& op(const std::string& id) const;  // fails the run for an unknown id
  // The role whose token `authorization` ("Bearer ...") carries, if any.
  std::optional<Role> roleOfAuthorization(const std::string& authorization) const;
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
  Req& cleanup();              // sent even while the run is stopping (removal of its streams)

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
  bool cleanup_ = false;
};

class ContractTest;

// One fact a test checks: documented (the reference pages state it: a difference fails) or
// decided (x-inferred: a difference is drift, and fails only with --strict). Named for the report,
// where differences are grouped by (operation, fact).
class Fact {
 public:
  Fact(ContractTest* test, Basis basis, std::string operation, std::string what)
      : test_(test), basis_(basis), operation_(std::move(operation)), what_(std::move(what)) {}
  // Records a difference when `ok` is false; returns `ok`.
  bool holds(bool ok, const std::string& observed = "") const;
  template <class A, class E>
  bool eq(const A& actual, const E& expected) const {
    const nlohmann::json a = actual, e = expected;
    return holds(a == e, "expected " + e.dump() + ", got " + a.dump());
  }
  template <class A, class E>
  bool le(const A& actual, const E& bound) const {
    const nlohmann::json a = actual, b = bound;
    return holds(a.is_number() && b.is_number() && a <= b,
                 "expected at most " + b.dump() + ", got " + a.dump());
  }
  bool near(const nlohmann::json& actual, double expected, double tolerance) const;

 private:
  ContractTest* test_;
  Basis basis_;
  std::string operation_, what_;
};

class ContractTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  Suite& suite() const { return Suite::get(); }
  bool isMock() const { return suite().target.is_mock; }
  const std::string& userId(Role r) const { return suite().user_ids.at(r); }

  // Sends. A 5xx or a transport error fails the test (no request of the suite may get one); a
  // request still throttled after its retries halts the test as "not verified" (never a failure).
  HttpResult send(const Req& req);
  // Checks status, envelope and body against the spec for `req`'s operation answering
  // `expected`. Documented facts that differ fail the test; decided (x-inferred) ones, and fields
  // the spec does not name, are drift. Records the coverage cell. `rule` says whether the rule
  // that makes this request answer `expected` is documented or decided (a documented status
  // reached by a decided rule, e.g. a 409 because the stream is not active, is drift when it
  // differs).
  Outcome expectStatus(const Req& req, const HttpResult& r, int expected,
                       Basis rule = Basis::kDocumented);
  // Send and check in one.
  HttpResult expectCall(const Req& req, int expected, Basis rule = Basis::kDocumented);
  // The 400 names the field (a decided fact: drift when it does not).
  void expectErrorMentions(const Req& req, const HttpResult& r, const std::string& field);

  Fact documented(std::string operation, std::string what) {
    return Fact(this, Basis::kDocumented, std::move(operation), std::move(what));
  }
  Fact decided(std::string operation, std::string what) {
    return Fact(this, Basis::kDecided, std::move(operation), std::move(what));
  }
  // A fact about a query parameter's default, documented or decided as the spec marks it.
  Fact parameterDefault(const std::string& operation, const std::string& parameter,
                        nlohmann::json* value);

  // Provider states. True when the state was set up; false when this target cannot provide it,
  // which halts the test as "not verified here" with the reason (REQUIRE_SETUP skips then).
  [[nodiscard]] bool given(const std::string& state, nlohmann::json params);
  // The common states, by role.
  [[nodiscard]] bool watch(const std::string& stream_id, Role who);
  [[nodiscard]] bool endStream(const std::string& stream_id, bool recording,
                               std::optional<double> replay_price);
  [[nodiscard]] bool setCredits(Role who, int64_t credits);
  [[nodiscard]] bool banFromChat(const std::string& stream_id, Role who);

  // Streams created here (and any create the server answers with a stream) are removed after
  // the test, and verified gone.
  std::string createStream(Role creator,
                           std::vector<std::pair<std::string, std::string>> fields = {});
  std::string createScheduledStream(Role creator);

  // The test cannot go on here (not verified): a state this target lacks, throttling, a stop.
  bool halted() const { return !halt_reason_.empty(); }
  const std::string& haltReason() const { return halt_reason_; }
  void halt(std::string reason, std::vector<std::string> states = {});

  std::string testName() const;
  friend class Fact;

 private:
  void recordFact(Basis basis, const std::string& operation, const std::string& what,
                  const std::string& observed);
  void checkEnvelope(const lsm::Operation& op, const HttpResult& r,
                     std::vector<std::pair<Basis, std::pair<std::string, std::string>>>* found);
  std::vector<std::pair<std::string, nlohmann::json>> states_set_up_;  // for teardown, in order
  std::string last_request_;                                           // for the report
  std::string halt_reason_;
  std::set<std::pair<std::string, int>> cells_checked_;
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

// A set-up step that must succeed: when the target cannot provide it (halted), the test is
// skipped as "not verified here" with the reason; otherwise a failed set-up fails the test.
#define REQUIRE_SETUP(cond)                                                \
  do {                                                                     \
    if (!(cond)) {                                                         \
      if (halted()) GTEST_SKIP() << "not verified here: " << haltReason(); \
      FAIL() << "set-up failed: " #cond;                                   \
    }                                                                      \
  } while (0)

// nlohmann's operator[] asserts on a missing key of a const value and throws on a wrong type; a
// server's body may be anything. `at(v, "pagination.totalItems")` is null where the path is not.
nlohmann::json at(const nlohmann::json& v, const std::string& dotted_path);
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
