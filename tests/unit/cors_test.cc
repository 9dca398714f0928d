// CORS preflights and response decoration (mock/cors).
#include "cors/cors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lsm {
namespace {

HttpRequest request(const std::string& method,
                    std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.method = method;
  r.path = "/api/v1/contacts";
  for (auto& [k, v] : headers)
    r.headers.emplace(k, v);
  return r;
}

std::string header(const HttpResponse& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "<absent>" : it->second;
}

const std::vector<std::string> kGetPost = {"GET", "POST"};

TEST(Cors, OptionsWithOriginAndRequestMethodIsAPreflight) {
  Cors cors{CorsConfig{}};
  EXPECT_TRUE(cors.isPreflight(request("OPTIONS", {{"Origin", "http://localhost:3000"},
                                                   {"Access-Control-Request-Method", "POST"}})));
}

TEST(Cors, HeaderNamesAreCaseInsensitive) {
  Cors cors{CorsConfig{}};
  EXPECT_TRUE(cors.isPreflight(
      request("OPTIONS", {{"origin", "http://a"}, {"ACCESS-CONTROL-REQUEST-METHOD", "GET"}})));
}

TEST(Cors, OptionsWithoutOriginOrRequestMethodIsNotAPreflight) {
  Cors cors{CorsConfig{}};
  EXPECT_FALSE(cors.isPreflight(request("OPTIONS", {{"Origin", "http://a"}})));
  EXPECT_FALSE(cors.isPreflight(request("OPTIONS", {{"Access-Control-Request-Method", "GET"}})));
  EXPECT_FALSE(cors.isPreflight(
      request("GET", {{"Origin", "http://a"}, {"Access-Control-Request-Method", "GET"}})));
}

TEST(Cors, DisabledCorsHasNoPreflights) {
  CorsConfig config;
  config.enabled = false;
  Cors cors{config};
  EXPECT_FALSE(cors.isPreflight(
      request("OPTIONS", {{"Origin", "http://a"}, {"Access-Control-Request-Method", "GET"}})));
}

TEST(Cors, PreflightAnswers204WithTheAllowHeaders) {
  Cors cors{CorsConfig{}};
  auto r = cors.preflight(request("OPTIONS", {{"Origin", "http://localhost:3000"},
                                              {"Access-Control-Request-Method", "POST"}}),
                          kGetPost);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.content_type.empty());
  EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "http://localhost:3000");
  EXPECT_EQ(header(r, "Access-Control-Allow-Methods"), "GET, POST");
  EXPECT_EQ(header(r, "Access-Control-Allow-Headers"),
            "Authorization, Content-Type, Prefer, Accept");
  EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(header(r, "Access-Control-Max-Age"), "600");
  EXPECT_NE(header(r, "Vary").find("Origin"), std::string::npos);
}

TEST(Cors, PreflightEchoesTheRequestedHeaders) {
  Cors cors{CorsConfig{}};
  auto r = cors.preflight(request("OPTIONS", {{"Origin", "http://a"},
                                              {"Access-Control-Request-Method", "GET"},
                                              {"Access-Control-Request-Headers", "x-trace-id"}}),
                          kGetPost);
  EXPECT_EQ(header(r, "Access-Control-Allow-Headers"), "x-trace-id");
}

TEST(Cors, PreflightOnAnUnknownPathFallsBackToTheApiMethods) {
  Cors cors{CorsConfig{}};
  auto r = cors.preflight(
      request("OPTIONS", {{"Origin", "http://a"}, {"Access-Control-Request-Method", "GET"}}), {});
  EXPECT_EQ(header(r, "Access-Control-Allow-Methods"), "GET, POST, DELETE");
}

TEST(Cors, WildcardEchoesTheOriginBecauseOfCredentials) {
  Cors cors{CorsConfig{}};
  HttpResponse r;
  cors.decorate(request("GET", {{"Origin", "https://app.example.com"}}), &r);
  EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(header(r, "Access-Control-Expose-Headers"),
            "Allow, Content-Length, sl-violations, X-Mock-Answered-By");
  EXPECT_EQ(header(r, "Vary"), "Origin");
}

TEST(Cors, ListedOriginIsAllowedAndOthersGetNoHeaders) {
  CorsConfig config;
  config.allowed_origins = {"http://good.example"};
  Cors cors{config};
  HttpResponse good, bad;
  cors.decorate(request("GET", {{"Origin", "http://good.example"}}), &good);
  cors.decorate(request("GET", {{"Origin", "http://evil.example"}}), &bad);
  EXPECT_EQ(header(good, "Access-Control-Allow-Origin"), "http://good.example");
  EXPECT_TRUE(bad.headers.empty());

  auto pre = cors.preflight(request("OPTIONS", {{"Origin", "http://evil.example"},
                                                {"Access-Control-Request-Method", "GET"}}),
                            kGetPost);
  EXPECT_EQ(pre.status, 204);
  EXPECT_TRUE(pre.headers.empty());  // no CORS headers: the browser blocks the request
}

TEST(Cors, RequestWithoutOriginIsNotDecorated) {
  Cors cors{CorsConfig{}};
  HttpResponse r;
  cors.decorate(request("GET", {}), &r);
  EXPECT_TRUE(r.headers.empty());
}

TEST(Cors, DisabledCorsDecoratesNothing) {
  CorsConfig config;
  config.enabled = false;
  Cors cors{config};
  HttpResponse r;
  cors.decorate(request("GET", {{"Origin", "http://a"}}), &r);
  EXPECT_TRUE(r.headers.empty());
}

TEST(Cors, DecorateReplacesAnExistingHeaderRatherThanDuplicatingIt) {
  Cors cors{CorsConfig{}};
  HttpResponse r;
  r.setHeader("Vary", "Accept");
  cors.decorate(request("GET", {{"Origin", "http://a"}}), &r);
  EXPECT_EQ(r.headers.count("Vary"), 1u);
}

}  // namespace
}  // namespace lsm
