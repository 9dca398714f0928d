// Limits with clear errors: body, upload and header sizes, and the request timeout for slow
// clients, each set by its flag.
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "test_support.h"

namespace lsm_test {
namespace {

class Limits : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override {
    return {"--max-body-bytes",  "2000", "--max-upload-bytes", "300", "--max-header-bytes", "2048",
            "--request-timeout", "2",    "--threads",          "1"};
  }
  const std::string chat_ =
      std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages";

  Response postBody(const std::string& body) {
    return http().request("POST", chat_,
                          {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}}, body);
  }
};

TEST_F(Limits, BodyOverMaxBodyBytesIs413NamingTheLimit) {
  auto over = postBody(json{{"content", std::string(2100, 'a')}}.dump());
  ASSERT_EQ(over.status, 413) << over.describe();
  expectSpecResponse("postChatMessage", over);
  EXPECT_TRUE(anyErrorContains(over, "larger than 2000 bytes")) << over.describe();
  // At the limit it is judged by the schema instead (content is at most 500 characters).
  std::string at = json{{"content", std::string(1900, 'a')}}.dump();
  at += std::string(2000 - at.size(), ' ');
  auto judged = postBody(at);
  EXPECT_EQ(judged.status, 400) << judged.describe();
  EXPECT_TRUE(namesField(judged, "content")) << judged.describe();
}

TEST_F(Limits, UploadOverMaxUploadBytesIs400NamingTheThumbnail) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  png.resize(301, '\0');
  auto r =
      http().multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)},
                       {{"title", "big thumbnail"}}, {{"thumbnail", "a.png", "image/png", png}});
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("createLiveStream", r);
  EXPECT_TRUE(namesField(r, "thumbnail")) << r.describe();
  EXPECT_TRUE(anyErrorContains(r, "300 bytes")) << r.describe();
}

TEST_F(Limits, HeadersOverMaxHeaderBytesAre431WithTheEnvelope) {
  auto over =
      http().get("/api/v1/contacts", {bearer(ids::kJohnDoe), {"X-Pad", std::string(2100, 'p')}});
  ASSERT_EQ(over.status, 431) << over.describe();
  ASSERT_TRUE(over.isJson()) << over.describe();
  EXPECT_TRUE(isErrorEnvelope(over.body_json));
  EXPECT_EQ(over.errors().at(0), "Request header fields too large");
  EXPECT_TRUE(namesField(over, "headers")) << over.describe();
  auto under =
      http().get("/api/v1/contacts", {bearer(ids::kJohnDoe), {"X-Pad", std::string(1000, 'p')}});
  EXPECT_EQ(under.status, 200) << under.describe();
}

TEST_F(Limits, StalledClientsGet408AfterTheTimeoutWithoutBlockingOthers) {
  // Eight clients send half a request and stall, on a mock with one server thread.
  std::vector<int> stalled;
  for (int i = 0; i < 8; ++i) {
    const int fd = connectLoopback(mock().baseUrl());
    ASSERT_GE(fd, 0);
    const std::string half =
        "POST /__mock/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n"
        "Content-Type: application/json\r\n\r\n{\"userId\"";
    ASSERT_EQ(::send(fd, half.data(), half.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(half.size()));
    stalled.push_back(fd);
  }
  const auto start = std::chrono::steady_clock::now();
  // Meanwhile everyone else is served at once.
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = http().get("/api/v1/contacts?limit=1", {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(500));
  }
  // Then each stalled client gets Pistache's 408 and a closed connection within the timeout.
  for (int fd : stalled) {
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    char buf[1024];
    ssize_t n = 0;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
      got.append(buf, static_cast<size_t>(n));
    EXPECT_EQ(got.rfind("HTTP/1.1 408", 0), 0u) << got;
    EXPECT_EQ(n, 0) << "the connection was not closed";
    ::close(fd);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(LimitFlags, OutOfRangeValuesStopTheStartNamingTheFlag) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--max-header-bytes", "10"}, {"--request-timeout", "0"}}) {
    auto r = runMockToExit(args);
    EXPECT_TRUE(r.exited);
    EXPECT_NE(r.code, 0) << r.err;
    EXPECT_NE(r.err.find(args[0]), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace lsm_test
