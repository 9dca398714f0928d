#include "core/access_log.h"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/time.h"

namespace lsm {

namespace {

void writeAll(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) return;  // stderr closed: nothing to be done about a log
    done += static_cast<size_t>(n);
  }
}

class Sink {
 public:
  static constexpr size_t kBatchBytes = 64 * 1024;
  static constexpr size_t kMaxWaitingBytes = 4 * 1024 * 1024;

  Sink() : writer_([this] { run(); }) {}
  ~Sink() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_one();
    writer_.join();
  }

  void add(const char* line, size_t n) {
    bool wake = false;
    {
      std::lock_guard lock(mu_);
      if (waiting_.size() + n > kMaxWaitingBytes) {
        ++dropped_;
        return;
      }
      waiting_.append(line, n);
      wake = waiting_.size() >= kBatchBytes;
    }
    if (wake) wake_.notify_one();
  }

  void flush() {
    std::lock_guard write_lock(write_mu_);
    writeAll(take());
  }

 private:
  std::string take() {
    std::lock_guard lock(mu_);
    std::string out;
    out.swap(waiting_);
    if (dropped_ > 0) {
      out += "access log: " + std::to_string(dropped_) +
             " lines dropped while stderr was not being read\n";
      dropped_ = 0;
    }
    return out;
  }

  void run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      wake_.wait_for(lock, std::chrono::milliseconds(20),
                     [&] { return stop_ || waiting_.size() >= kBatchBytes; });
      if (waiting_.empty() && dropped_ == 0) continue;
      lock.unlock();
      flush();
      lock.lock();
    }
    lock.unlock();
    flush();
  }

  std::mutex mu_;
  std::condition_variable wake_;
  std::string waiting_;  // guarded by mu_
  size_t dropped_ = 0;   // guarded by mu_
  bool stop_ = false;    // guarded by mu_
  std::mutex write_mu_;  // one batch on stderr at a time, in order
  std::thread writer_;   // last: started once the rest is built
};

Sink& sink() {
  static Sink instance;
  return instance;
}

}  // namespace

void flushAccessLog() {
  sink().flush();
}

bool wantColour(const std::string& mode, bool is_terminal, const char* no_color_env) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return is_terminal && (no_color_env == nullptr || *no_color_env == '\0');
}

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour) {
  const char* dim = "";
  const char* bold = "";
  const char* on = "";
  const char* off = "";
  if (colour) {
    dim = "\033[2m";
    bold = "\033[1m";
    on = status >= 500 ? "\033[31m" : status >= 400 ? "\033[33m" : "\033[32m";
    off = "\033[0m";
  }
  char buf[1024];
  int n = std::snprintf(buf, sizeof(buf), "%s%s %s%s %s%s%s %.300s %s%d%s %s%.2fms%s\n", dim,
                        formatIsoMillis(systemNowMillis()).c_str(), request.remote.c_str(), off,
                        bold, request.method.c_str(), off, request.path.c_str(), on, status, off,
                        dim, millis, off);
  if (n > 0) sink().add(buf, std::min<size_t>(static_cast<size_t>(n), sizeof(buf) - 1));
}

}  // namespace lsm
