#include "mock_process.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "auth/jwt.h"
#include "core/time.h"

#ifndef LSM_MOCK_BINARY
#error "LSM_MOCK_BINARY must name the livestream-mock binary"
#endif

namespace lsm_test {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(5);
constexpr long kRequestTimeoutMs = 5000;
constexpr char kListening[] = "livestream-mock listening on ";

std::string repoRoot() {
  return LSM_SOURCE_DIR;
}

int decodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// A temp file under /tmp, open for writing (close-on-exec in this process).
int makeTempFile(std::string* path) {
  char name[] = "/tmp/lsm-http-XXXXXX";
  int fd = mkostemp(name, O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("mkostemp: ") + std::strerror(errno));
  *path = name;
  return fd;
}

// fork + exec of the mock with `args` (args[0] is the binary); stdout/stderr to the given fds.
// Everything the child needs is prepared before fork: only async-signal-safe calls after it.
pid_t spawn(const std::vector<std::string>& args, int stdout_fd, int stderr_fd) {
  std::vector<char*> argv;
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const std::string dir = repoRoot();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // The mock dies with the test process, even if that one crashes.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    dup2(stdout_fd, STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    if (chdir(dir.c_str()) != 0) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// waitpid with a deadline; SIGKILL once it passes. Returns the decoded status.
int waitWithDeadline(pid_t pid, Clock::time_point deadline, bool* exited_in_time) {
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      *exited_in_time = true;
      return decodeStatus(status);
    }
    if (r < 0 && errno != EINTR) {
      *exited_in_time = false;
      return -1;
    }
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  *exited_in_time = false;
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return decodeStatus(status);
}

std::string readAll(int fd) {
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  return out;
}

std::vector<std::string> mockCommandLine(const std::vector<std::string>& extra) {
  // Defaults a test may override by passing the same flag with another value.
  std::vector<std::pair<std::string, std::string>> defaults = {{"--port", "0"},
                                                               {"--host", "127.0.0.1"},
                                                               {"--fixtures", "fixtures"},
                                                               {"--jwt-secret", kJwtSecret}};
  std::vector<std::string> rest;
  for (size_t i = 0; i < extra.size(); ++i) {
    bool replaced = false;
    for (auto& [flag, value] : defaults) {
      if (extra[i] == flag && i + 1 < extra.size()) {
        value = extra[++i];
        replaced = true;
        break;
      }
    }
    if (!replaced) rest.push_back(extra[i]);
  }
  std::vector<std::string> args = {LSM_MOCK_BINARY, "--no-print-tokens"};
  for (const auto& [flag, value] : defaults) {
    args.push_back(flag);
    args.push_back(value);
  }
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

}  // namespace

// ---- MockProcess ----------------------------------------------------------------------------

std::unique_ptr<MockProcess> MockProcess::start(const std::vector<std::string>& extra_args) {
  std::unique_ptr<MockProcess> p(new MockProcess());
  try {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    int err_fd = makeTempFile(&p->stderr_path_);
    p->stdout_fd_ = out[0];
    try {
      p->pid_ = spawn(mockCommandLine(extra_args), out[1], err_fd);
    } catch (...) {
      close(out[1]);
      close(err_fd);
      throw;
    }
    close(out[1]);
    close(err_fd);
    p->waitForListening();
  } catch (const std::exception& e) {
    p->error_ = std::string("cannot start the mock: ") + e.what();
  }
  return p;
}

void MockProcess::waitForListening() {
  const auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    const size_t at = stdout_text_.find(kListening);
    if (at != std::string::npos) {
      const size_t begin = at + std::strlen(kListening);
      const size_t end = stdout_text_.find(" (", begin);
      const size_t eol = stdout_text_.find('\n', begin);
      if (end != std::string::npos && eol != std::string::npos && end < eol) {
        base_url_ = stdout_text_.substr(begin, end - begin);
        if (base_url_.rfind("http://127.0.0.1:", 0) != 0) {
          error_ = "unexpected listening line: " + stdout_text_.substr(at, eol - at);
        }
        return;
      }
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      stop(SIGKILL);
      error_ = "the mock did not report 'listening' within 10 s.\nstdout:\n" + stdout_text_ +
               "\nstderr:\n" + stderrText();
      return;
    }
    pollfd pfd{stdout_fd_, POLLIN, 0};
    int r = poll(&pfd, 1, static_cast<int>(std::min<long long>(left, 100)));
    if (r < 0 && errno != EINTR) {
      error_ = std::string("poll: ") + std::strerror(errno);
      return;
    }
    if (r > 0) {
      char buf[4096];
      ssize_t n = read(stdout_fd_, buf, sizeof(buf));
      if (n > 0) {
        stdout_text_.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0) {  // EOF: the mock exited (or closed stdout) before listening
        ExitResult r2 = stop(SIGKILL);
        error_ = "the mock exited before listening (exit " + std::to_string(r2.code) +
                 ").\nstdout:\n" + stdout_text_ + "\nstderr:\n" + r2.err;
        return;
      }
    }
  }
}

std::string MockProcess::stderrText() const {
  if (stderr_path_.empty()) return "";
  return readFile(stderr_path_);
}

int connectLoopback(const std::string& base_url) {
  const int port = std::stoi(base_url.substr(base_url.rfind(':') + 1));
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void MockProcess::closeStdout() {
  if (stdout_fd_ < 0) return;
  close(stdout_fd_);
  stdout_fd_ = -1;
}

ExitResult MockProcess::stop(int signal) {
  if (exit_) return *exit_;
  ExitResult result;
  if (pid_ > 0) {
    kill(pid_, signal);
    result.code = waitWithDeadline(pid_, Clock::now() + kStopTimeout, &result.exited);
  }
  if (stdout_fd_ >= 0) {
    stdout_text_ += readAll(stdout_fd_);
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
  result.out = stdout_text_;
  result.err = stderrText();
  exit_ = result;
  return result;
}

MockProcess::~MockProcess() {
  stop(SIGTERM);
  if (!stderr_path_.empty()) unlink(stderr_path_.c_str());
}

ExitResult runMockToExit(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  std::vector<std::string> argv = {LSM_MOCK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out_path, err_path;
  int out_fd = makeTempFile(&out_path);
  int err_fd = makeTempFile(&err_path);
  ExitResult result;
  pid_t pid = -1;
  try {
    pid = spawn(argv, out_fd, err_fd);
  } catch (...) {
    close(out_fd);
    close(err_fd);
    unlink(out_path.c_str());
    unlink(err_path.c_str());
    throw;
  }
  close(out_fd);
  close(err_fd);
  result.code = waitWithDeadline(pid, Clock::now() + timeout, &result.exited);
  result.out = readFile(out_path);
  result.err = readFile(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return result;
}

// ---- HTTP ------------------------------------------------------------------------------------

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> Response::header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Response::errors() const {
  std::vector<std::string> out;
  if (!isJson() || !body_json.is_object()) return out;
  auto it = body_json.find("errors");
  if (it == body_json.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::string Response::describe() const {
  std::string b = body.size() > 2000 ? body.substr(0, 2000) + "..." : body;
  if (status == 0) return "no response: " + curl_error;
  return "HTTP " + std::to_string(status) + " " + b;
}

namespace {

size_t onBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t onHeader(char* data, size_t size, size_t n, void* user) {
  auto* r = static_cast<Response*>(user);
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    r->headers.clear();  // a new response (after 100 Continue or a redirect)
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    size_t b = value.find_first_not_of(" \t");
    value = b == std::string::npos ? "" : value.substr(b);
    r->headers.emplace(line.substr(0, colon), value);
  }
  return size * n;
}

bool hasHeader(const HeaderList& headers, const char* name) {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name) == 0) return true;
  }
  return false;
}

void ensureCurlInit() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

}  // namespace

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) {
  ensureCurlInit();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Response HttpClient::perform(const std::string& url, const HeaderList& headers,
                             bool suppress_content_type) {
  CURL* c = static_cast<CURL*>(curl_);
  Response r;
  curl_slist* list = nullptr;
  for (const auto& [k, v] : headers) {
    // "Name;" sends an empty header; "Name: value" a normal one.
    const std::string line = v.empty() ? k + ";" : k + ": " + v;
    list = curl_slist_append(list, line.c_str());
  }
  // libcurl would add "Content-Type: application/x-www-form-urlencoded" to a POST body;
  // "Content-Type:" (no value) makes it send none.
  if (suppress_content_type) list = curl_slist_append(list, "Content-Type:");
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // never a proxy: everything is on 127.0.0.1
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, kRequestTimeoutMs);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, kRequestTimeoutMs);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
  CURLcode code = curl_easy_perform(c);
  curl_slist_free_all(list);
  if (code != CURLE_OK) {
    r.status = 0;
    r.curl_error = curl_easy_strerror(code);
  } else {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &r.num_connects);
  }
  r.body_json = json::parse(r.body, nullptr, false);
  return r;
}

Response HttpClient::request(const std::string& method, const std::string& path,
                             const HeaderList& headers, const std::string& body) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);  // keeps the open connection
  if (method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else {
    if (method == "POST" || !body.empty()) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    }
    if (method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  const std::string url = path.rfind("http", 0) == 0 ? path : base_url_ + path;
  return perform(url, headers, !hasHeader(headers, "Content-Type"));
}

Response HttpClient::multipart(const std::string& path, const HeaderList& headers,
                               const HeaderList& fields, const std::vector<FormFile>& files) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);
  curl_mime* mime = curl_mime_init(c);
  for (const auto& [name, value] : fields) {
    curl_mimepart* part = curl_mime_addpart(mime);
    curl_mime_name(part, name.c_str());
    curl_mime_data(part, value.data(), value.size());
  }
  for (const auto& f : files) {
    curl_mimepart* part = curl_mime_addpart(mime);
    curl_mime_name(part, f.name.c_str());
    curl_mime_data(part, f.bytes.data(), f.bytes.size());
    curl_mime_filename(part, f.filename.c_str());
    if (!f.content_type.empty()) curl_mime_type(part, f.content_type.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
  Response r = perform(base_url_ + path, headers, false);
  curl_mime_free(mime);
  return r;
}

// ---- tokens ----------------------------------------------------------------------------------

long long nowSeconds() {
  return lsm::systemNowMillis() / 1000;
}

std::string mintToken(const std::string& user_id, long long ttl_seconds,
                      const std::string& secret) {
  return lsm::JwtCodec(secret).mint(user_id, nowSeconds(), ttl_seconds);
}

std::pair<std::string, std::string> bearer(const std::string& user_id) {
  return {"Authorization", "Bearer " + mintToken(user_id)};
}

std::string base64Url(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

std::string isoMillis(std::chrono::system_clock::time_point t) {
  return lsm::formatIsoMillis(
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

// ---- files -----------------------------------------------------------------------------------

TempDir::TempDir() {
  char name[] = "/tmp/lsm-http-dir-XXXXXX";
  if (!mkdtemp(name)) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  path_ = name;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

json readJsonFile(const std::string& path) {
  return json::parse(readFile(path));
}

}  // namespace lsm_test
