#include "transport/request_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lsm {
namespace {

using Kind = FrameEvent::Kind;

// Feeds `pieces` one after the other and returns the requests as the framer cut them, plus the
// events that were no bytes ("continue", "reject 413").
struct Cut {
  std::vector<std::string> requests;
  std::vector<std::string> signals;
  std::string pending;  // bytes of a request not yet complete
};
Cut cut(const std::vector<std::string>& pieces, FramerLimits limits = {100, 1000}) {
  RequestFramer framer(limits);
  Cut c;
  for (const auto& piece : pieces) {
    for (const auto& e : framer.feed(piece)) {
      if (e.kind == Kind::kContinue) c.signals.push_back("continue");
      if (e.kind == Kind::kReject) c.signals.push_back("reject " + std::to_string(e.status));
      if (e.kind != Kind::kBytes) continue;
      c.pending += piece.substr(e.offset, e.length);
      if (e.ends_request) {
        c.requests.push_back(c.pending);
        c.pending.clear();
      }
    }
  }
  return c;
}

const std::string kGet = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kPost = "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";

TEST(RequestFramer, PipelinedRequestsAreCutOneByOne) {
  auto c = cut({kGet + kPost + kGet});
  ASSERT_EQ(c.requests, (std::vector<std::string>{kGet, kPost, kGet}));
  EXPECT_TRUE(c.signals.empty());
}

TEST(RequestFramer, ARequestSplitAnywhereIsReassembled) {
  const std::string all = kPost + kGet;
  for (size_t at = 1; at < all.size(); ++at) {
    auto c = cut({all.substr(0, at), all.substr(at)});
    EXPECT_EQ(c.requests, (std::vector<std::string>{kPost, kGet})) << "split at " << at;
  }
}

TEST(RequestFramer, ChunkedBodiesEndAtTheLastChunk) {
  const std::string chunked =
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n"
      "Trailer: t\r\n\r\n";
  auto c = cut({chunked + kGet});
  EXPECT_EQ(c.requests, (std::vector<std::string>{chunked, kGet}));
}

TEST(RequestFramer, ExpectContinueIsSignalledWhenTheHeadEndsWithoutBody) {
  const std::string head = "POST /b HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\n";
  auto waiting = cut({head, "hello"});
  EXPECT_EQ(waiting.signals, (std::vector<std::string>{"continue"}));
  EXPECT_EQ(waiting.requests, (std::vector<std::string>{head + "hello"}));
  // A client that sent the body anyway needs no 100.
  EXPECT_TRUE(cut({head + "hello"}).signals.empty());
  // Nor does HTTP/1.0.
  EXPECT_TRUE(cut({"POST /b HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"})
                  .signals.empty());
}

TEST(RequestFramer, AContentLengthOverTheLimitIsRefusedAtTheHead) {
  auto c = cut({"POST /b HTTP/1.1\r\nContent-Length: 1001\r\nExpect: 100-continue\r\n\r\nxx",
                std::string(5000, 'x')});
  EXPECT_EQ(c.signals, (std::vector<std::string>{"reject 413"}));
  EXPECT_TRUE(c.requests.empty());
  EXPECT_TRUE(c.pending.empty()) << "the refused head went on to the parser";
  EXPECT_EQ(cut({"POST /b HTTP/1.1\r\nContent-Length: 1000\r\n\r\n"}).signals.size(), 0u);
}

TEST(RequestFramer, ChunkedBodiesOverTheLimitAreRefusedAsTheyCome) {
  auto c = cut({"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "300\r\n",
                std::string(0x300, 'x') + "\r\n", "300\r\n", std::string(0x300, 'x')});
  EXPECT_EQ(c.signals, (std::vector<std::string>{"reject 413"}));
  EXPECT_EQ(cut({"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}).signals,
            (std::vector<std::string>{"reject 400"}));
}

TEST(RequestFramer, AHeadThatNeverEndsIsRefusedOnceFarOverTheLimit) {
  auto c = cut({"GET /a HTTP/1.1\r\nX: " + std::string(100 + 64 * 1024, 'h')});
  EXPECT_EQ(c.signals, (std::vector<std::string>{"reject 431"}));
}

TEST(RequestFramer, EmptyLinesBetweenRequestsAreSkipped) {
  auto c = cut({"\r\n" + kGet + "\r\n\r\n" + kGet});
  EXPECT_EQ(c.requests, (std::vector<std::string>{kGet, kGet}));
}

TEST(RequestFramer, AnUnusableContentLengthMeansNoBody) {
  const std::string bad = "POST /b HTTP/1.1\r\nContent-Length: abc\r\n\r\n";
  EXPECT_EQ(cut({bad + kGet}).requests, (std::vector<std::string>{bad, kGet}));
}

}  // namespace
}  // namespace lsm
