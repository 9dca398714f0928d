#pragma once
// Test helpers for the HTTP suite: the real livestream-mock binary in a child process, a small
// libcurl client, tokens, and checks of response bodies against the OpenAPI document.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lsm_test {

using nlohmann::json;

// Ids from fixtures/*.json.
namespace ids {
inline constexpr char kJohnDoe[] = "64d15f9e2e6c8f4d5a123456";           // may broadcast, no active
inline constexpr char kBigStream[] = "64d15f9e2e6c8f4d5a123000";         // active, 28 in audience
inline constexpr char kBigStreamCreator[] = "672ad1115f3a9c1e7b1a2b02";  // caglayilmaz
inline constexpr char kChatBanned[] = "69cda5db5f3a9c1e7b1a2b26";       // kaanyildiz, on kBigStream
inline constexpr char kCannotBroadcast[] = "6a9b67445f3a9c1e7b1a2b20";  // zeynepkoc
inline constexpr char kNotInBigStream[] = "66407cfc5f3a9c1e7b1a2b04";   // sukruozturk
inline constexpr char kEndedStream[] = "6af6edb05f3a9c1e7b1a2b55";      // created by johndoe
inline constexpr char kCancelledStream[] = "6af412705f3a9c1e7b1a2b5a";
inline constexpr char kDeletedStream[] = "6af18b905f3a9c1e7b1a2b59";
inline constexpr char kScheduledStream[] = "6afeac805f3a9c1e7b1a2b51";  // created by johndoe
inline constexpr char kNoSuchId[] = "0123456789abcdef01234567";         // no user, no stream
}  // namespace ids

inline constexpr char kJwtSecret[] = "test-secret";

// ---- the mock in a child process ---------------------------------------------------------------

struct ExitResult {
  bool exited = false;  // false: timed out (the process was then killed)
  int code = -1;        // exit status, or 128 + signal number when killed by a signal
  std::string out, err;
};

class MockProcess {
 public:
  // Starts LSM_MOCK_BINARY --port 0 --host 127.0.0.1 --fixtures fixtures --no-print-tokens
  // --jwt-secret test-secret, then `extra_args` (later flags override earlier ones), and waits up
  // to 10 s for its "listening on" line. Never null; check ok() and error().
  static std::unique_ptr<MockProcess> start(const std::vector<std::string>& extra_args = {});
  ~MockProcess();  // SIGTERM to this pid only, SIGKILL after 5 s

  MockProcess(const MockProcess&) = delete;
  MockProcess& operator=(const MockProcess&) = delete;

  bool ok() const { return error_.empty(); }
  // Why the start failed, with the captured stdout and stderr.
  const std::string& error() const { return error_; }
  const std::string& baseUrl() const { return base_url_; }
  pid_t pid() const { return pid_; }
  std::string stderrText() const;
  // Sends `signal` and waits for the exit (SIGKILL after 5 s). Idempotent.
  ExitResult stop(int signal);
  // Closes this end of the mock's stdout, as a launcher that read the URL and went away does;
  // stop() then reports only what was read before.
  void closeStdout();

 private:
  MockProcess() = default;
  void waitForListening();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stdout_text_;
  std::string stderr_path_;
  std::string base_url_;
  std::string error_;
  std::optional<ExitResult> exit_;
};

// A TCP connection to the port of `base_url` ("http://127.0.0.1:PORT") on loopback, for tests that
// speak raw bytes; -1 when it cannot connect. The caller closes it.
int connectLoopback(const std::string& base_url);

// Runs the binary with exactly `args` (nothing added) in the repo root and waits for it to exit.
ExitResult runMockToExit(const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// ---- HTTP ---------------------------------------------------------------------------------------

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct Response {
  long status = 0;  // 0: no response (see curl_error)
  std::multimap<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  json body_json;  // discarded when the body is not JSON
  std::string curl_error;
  long num_connects = -1;  // CURLINFO_NUM_CONNECTS: new connections this request needed

  bool isJson() const { return !body_json.is_discarded(); }
  std::optional<std::string> header(const std::string& name) const;
  const json& data() const { return body_json.at("data"); }
  std::vector<std::string> errors() const;
  // One line for failure messages: status and body.
  std::string describe() const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct FormFile {
  std::string name, filename, content_type, bytes;
};

// One client = one curl easy handle, so consecutive requests reuse the connection.
// Every request has a 5 s timeout. Unless `headers` set Content-Type, none is sent.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `path` is appended to the base URL; a path starting with "http" is used as the whole URL.
  Response request(const std::string& method, const std::string& path,
                   const HeaderList& headers = {}, const std::string& body = "");
  Response get(const std::string& path, const HeaderList& headers = {}) {
    return request("GET", path, headers);
  }
  // POST multipart/form-data with text `fields` and file parts.
  Response multipart(const std::string& path, const HeaderList& headers, const HeaderList& fields,
                     const std::vector<FormFile>& files = {});

 private:
  Response perform(const std::string& url, const HeaderList& headers, bool suppress_content_type);
  std::string base_url_;
  void* curl_ = nullptr;
};

// ---- tokens -------------------------------------------------------------------------------------

long long nowSeconds();
// An HS256 token for `user_id` signed with `secret`, issued now, valid for `ttl_seconds`.
std::string mintToken(const std::string& user_id, long long ttl_seconds = 3600,
                      const std::string& secret = kJwtSecret);
// {"Authorization", "Bearer <token>"} for a fresh token of `user_id`.
std::pair<std::string, std::string> bearer(const std::string& user_id);
std::string base64Url(std::string_view in);
std::string isoMillis(std::chrono::system_clock::time_point t);

// ---- files
// ---------------------------------------------------------------------------------------

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& bytes);
json readJsonFile(const std::string& path);

}  // namespace lsm_test
