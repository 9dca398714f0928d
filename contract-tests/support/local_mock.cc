#include "support/local_mock.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace contract {

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string defaultMockBinary(const char* argv0) {
  std::string self = argv0 ? argv0 : "";
  size_t slash = self.find_last_of('/');
  std::string beside =
      (slash == std::string::npos ? "." : self.substr(0, slash)) + "/../livestream-mock";
  if (::access(beside.c_str(), X_OK) == 0) return beside;
#ifdef LSM_MOCK_BINARY
  return LSM_MOCK_BINARY;
#else
  return "livestream-mock";
#endif
}

lsm::Result<std::unique_ptr<LocalMock>> LocalMock::start(const std::string& binary,
                                                         const std::vector<std::string>& args,
                                                         int timeout_ms) {
  std::unique_ptr<LocalMock> m(new LocalMock());
  char tmpl[] = "/tmp/contract-mock-stderr-XXXXXX";
  int err_fd = ::mkstemp(tmpl);
  if (err_fd < 0) return lsm::Error::internal("cannot create a temporary file");
  m->stderr_path_ = tmpl;
  int out[2];
  if (::pipe(out) != 0) return lsm::Error::internal("pipe failed");
  std::vector<std::string> argv_s = {
      binary, "--host", "127.0.0.1", "--port", "0", "--no-print-tokens", "--quiet"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_t pid = ::fork();
  if (pid < 0) return lsm::Error::internal("fork failed");
  if (pid == 0) {
    // The suite crashing or being killed must not leave the mock running.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::close(out[0]);
    std::vector<char*> argv;
    for (auto& a : argv_s)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  ::close(out[1]);
  ::close(err_fd);
  m->pid_ = pid;
  // Read stdout until the "listening on URL" line.
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const std::string marker = "listening on ";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      char buf[4096];
      ssize_t n = ::read(out[0], buf, sizeof(buf));
      if (n <= 0) break;
      text.append(buf, static_cast<size_t>(n));
      size_t at = text.find(marker);
      if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
        size_t start = at + marker.size();
        size_t end = text.find_first_of(" \n", start);
        m->base_url_ = text.substr(start, end - start);
        break;
      }
    }
  }
  ::close(out[0]);
  if (m->base_url_.empty()) {
    m->stop(SIGKILL);
    return lsm::Error::internal("the local mock (" + binary + ") did not start: " + text +
                                readAll(m->stderr_path_));
  }
  return m;
}

int LocalMock::stop(int signal) {
  if (pid_ <= 0) return exit_code_;
  ::kill(pid_, signal);
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  exit_code_ = 128 + SIGKILL;
  return exit_code_;
}

LocalMock::~LocalMock() {
  stop(SIGTERM);
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

}  // namespace contract
