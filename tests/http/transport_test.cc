// The transport under clients that push it: Expect: 100-continue, pipelined requests, bodies over
// --max-body-bytes (with and without a Content-Length the mock can trust), and other clients
// served meanwhile. Everything through raw sockets, so the bytes on the wire are what is checked.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "test_support.h"

namespace lsm_test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMiB = 1024 * 1024;

// Reads what has arrived on `fd` until `done(text)` or `wait` passes or the peer closes.
struct Read {
  std::string text;
  bool closed = false;
};
template <typename Done>
Read readUntil(int fd, std::chrono::milliseconds wait, Done done, Read so_far = {}) {
  const auto deadline = Clock::now() + wait;
  char buf[8192];
  while (!done(so_far.text) && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left))) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      so_far.closed = true;
      break;
    }
    so_far.text.append(buf, static_cast<size_t>(n));
  }
  return so_far;
}

// Number of complete responses (status line, headers, Content-Length body) at the start of `text`.
size_t completeResponses(const std::string& text, std::vector<int>* statuses = nullptr) {
  size_t at = 0, count = 0;
  while (true) {
    const size_t end = text.find("\r\n\r\n", at);
    if (end == std::string::npos) return count;
    const std::string head = text.substr(at, end - at);
    size_t length = 0;
    const size_t cl = head.find("Content-Length: ");
    if (cl != std::string::npos) length = std::stoul(head.substr(cl + 16));
    if (text.size() < end + 4 + length) return count;
    if (statuses) statuses->push_back(std::stoi(head.substr(9, 3)));
    at = end + 4 + length;
    ++count;
  }
}

json lastBody(const std::string& text) {
  const size_t end = text.rfind("\r\n\r\n");
  return end == std::string::npos ? json() : json::parse(text.substr(end + 4), nullptr, false);
}

bool sendAll(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// A multipart create with a `thumbnail` of `file_bytes` bytes (a PNG signature, then filler: the
// mock rejects it as no image after reading it, which is enough here) and its request head.
struct Upload {
  std::string head, body;
};
Upload createUpload(size_t file_bytes, bool expect_continue) {
  const std::string boundary = "XyZzY";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBig upload\r\n--" +
                     boundary +
                     "\r\nContent-Disposition: form-data; name=\"thumbnail\"; "
                     "filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n";
  body += std::string("\x89PNG\r\n\x1a\n", 8);
  body += std::string(file_bytes - 8, 'p');
  body += "\r\n--" + boundary + "--\r\n";
  std::string head = "POST /api/v1/live-stream/create HTTP/1.1\r\nHost: x\r\nAuthorization: " +
                     bearer(ids::kJohnDoe).second +
                     "\r\nContent-Type: multipart/form-data; boundary=" + boundary +
                     "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  if (expect_continue) head += "Expect: 100-continue\r\n";
  return {head + "\r\n", body};
}

class Transport : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--threads", "2"}; }
};

TEST_F(Transport, ExpectContinueIsAnsweredBeforeAnyBodyByteIsSent) {
  const Upload up = createUpload(2 * kMiB, true);
  const int fd = connectLoopback(mock().baseUrl());
  ASSERT_GE(fd, 0);
  const auto start = Clock::now();
  ASSERT_TRUE(sendAll(fd, up.head));
  const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  Read got = readUntil(fd, std::chrono::milliseconds(900),
                       [&](const std::string& t) { return t.size() >= kContinue.size(); });
  ASSERT_EQ(got.text, kContinue) << "no 100 Continue before the body";
  ASSERT_TRUE(sendAll(fd, up.body));
  got = readUntil(fd, std::chrono::seconds(5),
                  [](const std::string& t) { return completeResponses(t) >= 1; }, {});
  std::vector<int> statuses;
  ASSERT_EQ(completeResponses(got.text, &statuses), 1u) << got.text.substr(0, 300);
  EXPECT_GE(statuses[0], 200);
  EXPECT_LT(statuses[0], 500);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(900));
  ::close(fd);
}

TEST_F(Transport, ExpectContinueOverTheBodyLimitGets413EnvelopeInsteadAndIsClosed) {
  const Upload up = createUpload(9 * kMiB, true);
  const int fd = connectLoopback(mock().baseUrl());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(sendAll(fd, up.head));
  Read got = readUntil(fd, std::chrono::seconds(2),
                       [](const std::string& t) { return completeResponses(t) >= 1; });
  EXPECT_EQ(got.text.rfind("HTTP/1.1 413", 0), 0u) << got.text.substr(0, 300);
  const json body = lastBody(got.text);
  EXPECT_TRUE(isErrorEnvelope(body)) << got.text.substr(0, 300);
  std::string head = got.text.substr(0, got.text.find("\r\n\r\n"));
  for (char& c : head)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(head.find("connection: close"), std::string::npos) << got.text.substr(0, 300);
  // The mock closes its side after the answer.
  got = readUntil(
      fd, std::chrono::seconds(3), [](const std::string&) { return false; }, got);
  EXPECT_TRUE(got.closed);
  ::close(fd);
}

TEST_F(Transport, TwentyPipelinedRequestsAreAnsweredInOrder) {
  const int fd = connectLoopback(mock().baseUrl());
  ASSERT_GE(fd, 0);
  std::string batch;
  for (int i = 0; i < 20; ++i) {
    // Alternate two routes so the order of the answers shows.
    batch +=
        i % 2 ? "GET /__mock/health HTTP/1.1\r\nHost: x\r\n\r\n"
              : "GET /__mock/no-such-route-" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }
  ASSERT_TRUE(sendAll(fd, batch));
  const Read got = readUntil(fd, std::chrono::seconds(3),
                             [](const std::string& t) { return completeResponses(t) >= 20; });
  std::vector<int> statuses;
  ASSERT_EQ(completeResponses(got.text, &statuses), 20u) << got.text.substr(0, 600);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(statuses[static_cast<size_t>(i)] == 200, i % 2 == 1) << "answer " << i;
  EXPECT_FALSE(got.closed);
  // The connection still works afterwards.
  ASSERT_TRUE(sendAll(fd, "GET /__mock/health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const Read more = readUntil(fd, std::chrono::seconds(2),
                              [](const std::string& t) { return completeResponses(t) >= 1; });
  EXPECT_EQ(completeResponses(more.text), 1u) << more.text;
  ::close(fd);
}

// Sends `up` from a thread (the mock may stop reading) and returns what came back within `wait`.
Read oversizedExchange(const std::string& base_url, const Upload& up,
                       std::chrono::milliseconds wait, std::chrono::milliseconds pause = {}) {
  const int fd = connectLoopback(base_url);
  if (fd < 0) return {};
  std::thread sender([&] {
    if (!sendAll(fd, up.head)) return;
    const size_t piece = 256 * 1024;
    for (size_t at = 0; at < up.body.size(); at += piece) {
      if (!sendAll(fd, up.body.substr(at, piece))) return;
      if (pause.count()) std::this_thread::sleep_for(pause);
    }
  });
  Read got = readUntil(fd, wait, [](const std::string& t) { return completeResponses(t) >= 1; });
  ::shutdown(fd, SHUT_RDWR);  // ends a sender still blocked in send()
  sender.join();
  ::close(fd);
  return got;
}

TEST_F(Transport, BodiesOverTheLimitGetThe413EnvelopeAtOnce) {
  for (size_t mib : {9, 20}) {
    SCOPED_TRACE(std::to_string(mib) + " MiB");
    const Upload up = createUpload(mib * kMiB, false);
    const auto start = Clock::now();
    const Read got = oversizedExchange(mock().baseUrl(), up, std::chrono::seconds(3));
    EXPECT_EQ(got.text.rfind("HTTP/1.1 413", 0), 0u) << got.text.substr(0, 300);
    const json body = lastBody(got.text);
    EXPECT_TRUE(isErrorEnvelope(body)) << got.text.substr(0, 300);
    EXPECT_EQ(body.value("statusCode", 0), 413);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  }
  EXPECT_EQ(http().get("/__mock/health").status, 200);
}

TEST_F(Transport, ASlowOversizedUploadDoesNotStallOtherClients) {
  std::atomic<bool> upload_done{false};
  Read upload;
  std::thread uploader([&] {
    // 20 MiB in 256 KiB pieces, 25 ms apart: about 2 s if the mock read it all.
    upload = oversizedExchange(mock().baseUrl(), createUpload(20 * kMiB, false),
                               std::chrono::seconds(4), std::chrono::milliseconds(25));
    upload_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int i = 0; i < 5; ++i) {
    HttpClient fresh(mock().baseUrl());  // a new connection each
    const auto t0 = Clock::now();
    auto r = fresh.get("/api/v1/contacts?limit=1", {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(500)) << "request " << i;
  }
  uploader.join();
  EXPECT_EQ(upload.text.rfind("HTTP/1.1 413", 0), 0u) << upload.text.substr(0, 300);
}

}  // namespace
}  // namespace lsm_test
