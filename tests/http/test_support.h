#pragma once
// Spec checks and fixtures shared by the HTTP tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "mock_process.h"
#include "spec/spec.h"

namespace lsm_test {

// The OpenAPI document compiled into the build (schemas/openapi.yaml).
const lsm::Spec& spec();

// Validates `body` against the operation's documented response for `status`
// (content application/json). A status the spec does not document fails, except the statuses the
// server itself may answer on any operation (405, 413, 415, 500, 501), which are checked against
// components/schemas/ErrorEnvelope. An envelope's statusCode must repeat `status`.
::testing::AssertionResult matchesSpec(const std::string& op_id, int status,
                                       const nlohmann::json& body);
void expectMatchesSpec(const std::string& op_id, int status, const nlohmann::json& body,
                       const char* file = __builtin_FILE(), int line = __builtin_LINE());
// The same for a whole response: JSON content type, a JSON body, matchesSpec(op, r.status).
void expectSpecResponse(const std::string& op_id, const Response& r,
                        const char* file = __builtin_FILE(), int line = __builtin_LINE());
// Validates against components/schemas/ErrorEnvelope only.
::testing::AssertionResult isErrorEnvelope(const nlohmann::json& body);

// True when some message after the first starts with "<field>:" (the per-field 400 messages).
bool namesField(const Response& r, const std::string& field);
// True when some message contains `text`.
bool anyErrorContains(const Response& r, const std::string& text);

// Reads a fixture file of the repo (fixtures/NAME).
nlohmann::json fixture(const std::string& name);
std::string repoPath(const std::string& relative);

// A mock of its own for every test (for tests that change state).
class FreshMockTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  virtual std::vector<std::string> mockArgs() const { return {}; }

  HttpClient& http() { return *client_; }
  MockProcess& mock() { return *mock_; }

  std::unique_ptr<MockProcess> mock_;
  std::unique_ptr<HttpClient> client_;
};

// One mock for all tests of a suite (for tests that only read).
class SharedMockTest : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  void SetUp() override;
  void TearDown() override;

  HttpClient& http() { return *client_; }
  static MockProcess& mock() { return *shared_; }

  static std::unique_ptr<MockProcess> shared_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace lsm_test
