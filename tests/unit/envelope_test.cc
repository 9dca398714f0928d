// The response envelope and the error-kind -> status -> headline mapping (mock/envelope).
#include "envelope/envelope.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "spec/spec.h"

namespace lsm {
namespace {

using nlohmann::json;

constexpr Millis kT = 1768473000123;  // 2026-01-15T10:30:00.123Z

TEST(Envelope, ErrorKindsMapToTheirStatuses) {
  EXPECT_EQ(statusFor(ErrorKind::kInvalidArgument), 400);
  EXPECT_EQ(statusFor(ErrorKind::kUnauthenticated), 401);
  EXPECT_EQ(statusFor(ErrorKind::kPermissionDenied), 403);
  EXPECT_EQ(statusFor(ErrorKind::kNotFound), 404);
  EXPECT_EQ(statusFor(ErrorKind::kMethodNotAllowed), 405);
  EXPECT_EQ(statusFor(ErrorKind::kConflict), 409);
  EXPECT_EQ(statusFor(ErrorKind::kPayloadTooLarge), 413);
  EXPECT_EQ(statusFor(ErrorKind::kUnsupportedMedia), 415);
  EXPECT_EQ(statusFor(ErrorKind::kInternal), 500);
  EXPECT_EQ(statusFor(ErrorKind::kNotImplemented), 501);
}

TEST(Envelope, DocumentedStatusesHaveTheDocumentedHeadlines) {
  EXPECT_EQ(headlineFor(400), "Validation failed");
  EXPECT_EQ(headlineFor(401), "Authentication required");
  EXPECT_EQ(headlineFor(403), "Insufficient permissions");
  EXPECT_EQ(headlineFor(404), "Resource not found");
  EXPECT_EQ(headlineFor(409), "Resource already exists or cannot be changed in its current state");
}

TEST(Envelope, ServerStatusesHaveTheirOwnHeadlines) {
  EXPECT_EQ(headlineFor(405), "Method not allowed");
  EXPECT_EQ(headlineFor(413), "Payload too large");
  EXPECT_EQ(headlineFor(415), "Unsupported media type");
  EXPECT_EQ(headlineFor(500), "Internal server error");
  EXPECT_EQ(headlineFor(501), "Not implemented");
  EXPECT_EQ(headlineFor(503), "Service unavailable");
  EXPECT_EQ(headlineFor(502), "Internal server error");
  EXPECT_EQ(headlineFor(408), "Request timeout");
  EXPECT_EQ(headlineFor(431), "Request header fields too large");
  EXPECT_EQ(headlineFor(418), "Request failed");
}

TEST(Envelope, SuccessEnvelopeCarriesDataAndNoErrors) {
  const json env = successEnvelope(201, {{"id", "x"}}, kT);
  EXPECT_EQ(env, json({{"isSuccess", true},
                       {"statusCode", 201},
                       {"data", {{"id", "x"}}},
                       {"errors", json::array()},
                       {"timestamp", "2026-01-15T10:30:00.123Z"}}));
}

TEST(Envelope, ErrorEnvelopePutsTheHeadlineFirstThenTheDetails) {
  const json env = errorEnvelope(Error::invalid(std::vector<std::string>{
                                     "title: must not be empty", "price: must be a number"}),
                                 kT);
  EXPECT_EQ(env["isSuccess"], false);
  EXPECT_EQ(env["statusCode"], 400);
  EXPECT_TRUE(env["data"].is_null());
  EXPECT_EQ(env["errors"],
            json({"Validation failed", "title: must not be empty", "price: must be a number"}));
  EXPECT_EQ(env["timestamp"], "2026-01-15T10:30:00.123Z");
}

TEST(Envelope, ErrorWithoutDetailsHasOnlyTheHeadline) {
  EXPECT_EQ(errorEnvelope(Error::notFound(), kT)["errors"], json({"Resource not found"}));
  EXPECT_EQ(errorEnvelope(Error::conflict(), kT)["errors"],
            json({"Resource already exists or cannot be changed in its current state"}));
  EXPECT_EQ(errorEnvelope(Error::forbidden("x"), kT)["errors"],
            json({"Insufficient permissions", "x"}));
  EXPECT_EQ(errorEnvelope(Error::unauthenticated(), kT)["statusCode"], 401);
}

TEST(Envelope, TimestampIsIsoUtcWithMilliseconds) {
  static const std::regex kIso(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
  for (Millis t : {Millis{0}, kT, Millis{1768473000000}, Millis{4102444799999}}) {
    const std::string ts = successEnvelope(200, nullptr, t)["timestamp"];
    EXPECT_TRUE(std::regex_match(ts, kIso)) << ts;
    EXPECT_EQ(parseIsoDateTime(ts), t);
  }
  EXPECT_EQ(errorEnvelope(500, {}, 0)["timestamp"], "1970-01-01T00:00:00.000Z");
}

TEST(Envelope, EnvelopesConformToTheSpecsEnvelopeSchemas) {
  auto spec = Spec::embedded();
  ASSERT_TRUE(spec.ok());
  auto success = (*spec)->compile({{"$ref", "#/components/schemas/SuccessEnvelope"}}, "test");
  auto error = (*spec)->compile({{"$ref", "#/components/schemas/ErrorEnvelope"}}, "test");
  ASSERT_TRUE(success.ok());
  ASSERT_TRUE(error.ok());
  EXPECT_TRUE(success->validate(successEnvelope(200, json::array(), kT), nullptr));
  EXPECT_TRUE(success->validate(successEnvelope(201, nullptr, kT), nullptr));
  for (int status : {400, 401, 403, 404, 405, 409, 413, 415, 500, 501}) {
    std::vector<Violation> v;
    EXPECT_TRUE(error->validate(errorEnvelope(status, {"detail"}, kT), &v)) << status;
  }
  EXPECT_FALSE(error->validate(successEnvelope(200, nullptr, kT), nullptr));
}

}  // namespace
}  // namespace lsm
