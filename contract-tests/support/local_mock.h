#pragma once
// With no base URL the suite starts livestream-mock itself, on a free loopback port, and stops it
// (that process only) when done.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace contract {

class LocalMock {
 public:
  // Starts `binary --host 127.0.0.1 --port 0 --no-print-tokens --quiet ARGS...` and waits up to
  // `timeout_ms` for its "listening on URL" line. The error says why (with what it printed).
  static lsm::Result<std::unique_ptr<LocalMock>> start(const std::string& binary,
                                                       const std::vector<std::string>& args,
                                                       int timeout_ms = 10000);
  ~LocalMock();  // SIGTERM, then SIGKILL after 5 s
  LocalMock(const LocalMock&) = delete;
  LocalMock& operator=(const LocalMock&) = delete;

  const std::string& baseUrl() const { return base_url_; }
  pid_t pid() const { return pid_; }
  // Stops it with `signal`; returns the exit code (128 + signal when killed by one).
  int stop(int signal);

 private:
  LocalMock() = default;
  pid_t pid_ = -1;
  std::string base_url_;
  std::string stderr_path_;
  int exit_code_ = -1;
};

// The livestream-mock next to this program, or the one CMake built it with.
std::string defaultMockBinary(const char* argv0);

}  // namespace contract
