#pragma once
// Where each HTTP/1.1 request on a connection ends, before Pistache's parser sees the bytes.
// Pistache 0.0.5 parses one request per read and then discards its buffer, so requests written
// together (pipelined) vanished; it never answers Expect: 100-continue; and it reads a body over
// its limit to the end before answering. The framer cuts the input into the slices of one request
// each, says when a 100 Continue is due, and rejects a request as soon as its head (or the body
// read so far) shows it over a limit. No Pistache here: plain bytes in, events out.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lsm {

struct FramerLimits {
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 8 * 1024 * 1024;
};

struct FrameEvent {
  enum class Kind {
    kBytes,     // input[offset, offset + length) belongs to the current request
    kContinue,  // the head asked for 100-continue and is acceptable: answer it now
    kReject,    // answer `status` with `message`, then close; all later input is discarded
  };
  Kind kind = Kind::kBytes;
  size_t offset = 0, length = 0;
  bool ends_request = false;  // kBytes: the current request is complete with this slice
  int status = 0;
  std::string message;
};

class RequestFramer {
 public:
  explicit RequestFramer(FramerLimits limits) : limits_(limits) {}

  // Events for the next piece of input, in order. Offsets are into `input`.
  std::vector<FrameEvent> feed(std::string_view input);
  bool rejected() const { return state_ == State::kRejected; }

 private:
  enum class State { kHead, kBody, kChunkSize, kChunkData, kChunkEnd, kTrailer, kRejected };

  // The head is complete in head_: reads the lengths and Expect; false when rejected.
  bool startBody(std::vector<FrameEvent>& out);
  void reject(std::vector<FrameEvent>& out, int status, std::string message);
  void endRequest();

  FramerLimits limits_;
  State state_ = State::kHead;
  std::string head_;       // the head so far (kHead), or the chunk-size / trailer line so far
  size_t remaining_ = 0;   // kBody, kChunkData, kChunkEnd: bytes still to come
  size_t body_bytes_ = 0;  // decoded body bytes of this request so far
  bool expect_continue_ = false;  // the head asked for it; answered once no body byte came
};

}  // namespace lsm
