#include "test_support.h"

#include <iostream>
#include <stdexcept>

namespace lsm_test {

using nlohmann::json;

namespace {

std::shared_ptr<const lsm::Spec> loadSpec() {
  auto s = lsm::Spec::embedded();
  if (!s) {
    throw std::runtime_error("the embedded spec does not load: " +
                             (s.error().details.empty() ? "" : s.error().details.front()));
  }
  return *s;
}

const lsm::Schema& errorEnvelopeSchema() {
  static const json ref = {{"$ref", "#/components/schemas/ErrorEnvelope"}};
  static const lsm::Schema schema = [] {
    auto compiled = spec().compile(ref, "#/components/schemas/ErrorEnvelope");
    if (!compiled) throw std::runtime_error("ErrorEnvelope does not compile");
    return *compiled;
  }();
  return schema;
}

bool isTransportStatus(int status) {
  return status == 405 || status == 413 || status == 415 || status == 500 || status == 501;
}

::testing::AssertionResult validateWith(const lsm::Schema& schema, const json& body,
                                        const std::string& what) {
  std::vector<lsm::Violation> violations;
  if (schema.validate(body, &violations)) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  failure << "the body does not match " << what << ":";
  for (const auto& v : violations)
    failure << "\n  " << v.toString("body");
  failure << "\nbody: " << body.dump().substr(0, 3000);
  return failure;
}

std::string tail(const std::string& s, size_t n) {
  return s.size() > n ? "..." + s.substr(s.size() - n) : s;
}

}  // namespace

const lsm::Spec& spec() {
  static const std::shared_ptr<const lsm::Spec> s = loadSpec();
  return *s;
}

::testing::AssertionResult isErrorEnvelope(const json& body) {
  return validateWith(errorEnvelopeSchema(), body, "components/schemas/ErrorEnvelope");
}

::testing::AssertionResult matchesSpec(const std::string& op_id, int status, const json& body) {
  const lsm::Operation* op = spec().find(op_id);
  if (!op) return ::testing::AssertionFailure() << "the spec has no operation " << op_id;
  if (body.is_object() && body.contains("statusCode") && body["statusCode"] != status) {
    return ::testing::AssertionFailure() << "statusCode " << body["statusCode"].dump()
                                         << " does not repeat the HTTP status " << status;
  }
  const lsm::ResponseSpec* documented = op->response(status);
  if (!documented) {
    if (isTransportStatus(status)) return isErrorEnvelope(body);
    return ::testing::AssertionFailure()
           << "status " << status << " is not documented for " << op_id;
  }
  auto media = documented->content.find("application/json");
  if (media == documented->content.end()) {
    return ::testing::AssertionFailure()
           << op_id << " " << status << " documents no application/json body";
  }
  return validateWith(media->second.schema, body,
                      "the spec's " + op_id + " " + std::to_string(status) + " response");
}

void expectMatchesSpec(const std::string& op_id, int status, const json& body, const char* file,
                       int line) {
  auto result = matchesSpec(op_id, status, body);
  if (!result) ADD_FAILURE_AT(file, line) << result.message();
}

void expectSpecResponse(const std::string& op_id, const Response& r, const char* file, int line) {
  if (r.status == 0) {
    ADD_FAILURE_AT(file, line) << r.describe();
    return;
  }
  const std::string type = r.header("Content-Type").value_or("");
  if (type.rfind("application/json", 0) != 0) {
    ADD_FAILURE_AT(file, line) << "Content-Type is '" << type << "', not application/json";
  }
  if (!r.isJson()) {
    ADD_FAILURE_AT(file, line) << "the body is not JSON: " << r.describe();
    return;
  }
  expectMatchesSpec(op_id, static_cast<int>(r.status), r.body_json, file, line);
}

bool namesField(const Response& r, const std::string& field) {
  const auto errors = r.errors();
  for (size_t i = 1; i < errors.size(); ++i) {
    if (errors[i].rfind(field + ":", 0) == 0) return true;
  }
  return false;
}

bool anyErrorContains(const Response& r, const std::string& text) {
  for (const auto& e : r.errors()) {
    if (e.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string repoPath(const std::string& relative) {
  return std::string(LSM_SOURCE_DIR) + "/" + relative;
}

json fixture(const std::string& name) {
  return readJsonFile(repoPath("fixtures/" + name));
}

// ---- fixtures --------------------------------------------------------------------------------

void FreshMockTest::SetUp() {
  mock_ = MockProcess::start(mockArgs());
  ASSERT_TRUE(mock_->ok()) << mock_->error();
  client_ = std::make_unique<HttpClient>(mock_->baseUrl());
}

void FreshMockTest::TearDown() {
  if (HasFailure() && mock_ && mock_->ok()) {
    std::cerr << "---- mock stderr (tail) ----\n" << tail(mock_->stderrText(), 4000) << "\n";
  }
  client_.reset();
  mock_.reset();
}

std::unique_ptr<MockProcess> SharedMockTest::shared_;

void SharedMockTest::SetUpTestSuite() {
  shared_ = MockProcess::start();
}

void SharedMockTest::TearDownTestSuite() {
  shared_.reset();
}

void SharedMockTest::SetUp() {
  ASSERT_TRUE(shared_) << "SetUpTestSuite did not run";
  ASSERT_TRUE(shared_->ok()) << shared_->error();
  client_ = std::make_unique<HttpClient>(shared_->baseUrl());
}

void SharedMockTest::TearDown() {
  if (HasFailure() && shared_ && shared_->ok()) {
    std::cerr << "---- mock stderr (tail) ----\n" << tail(shared_->stderrText(), 4000) << "\n";
  }
  client_.reset();
}

}  // namespace lsm_test
