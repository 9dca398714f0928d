#include "support/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace contract {

using Clock = std::chrono::steady_clock;

// A throttled request waits at most this long for one retry, and this long in all.
constexpr double kMaxRetryWaitSeconds = 30;
constexpr double kMaxTotalWaitSeconds = 120;

std::string HttpCall::line() const {
  const size_t q = path.find('?');
  return method + " " + (q == std::string::npos ? path : path.substr(0, q));
}

std::optional<std::string> HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

HttpClient::HttpClient(ClientOptions options) : options_(std::move(options)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (options_.max_rps > 0) interval_ms_ = 1000.0 / options_.max_rps;
}

bool HttpClient::isMutating(const std::string& method) const {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::vector<std::string> HttpClient::refusals() const {
  std::lock_guard lock(mu_);
  return refusals_;
}

ClientStats HttpClient::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void HttpClient::stop() {
  std::lock_guard lock(mu_);
  stopping_ = true;
}

bool HttpClient::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

bool HttpClient::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return idle_.wait_for(lock, timeout, [this] { return in_flight_ == 0; });
}

void HttpClient::pace() {
  Clock::time_point at;
  {
    std::lock_guard lock(mu_);
    const auto now = Clock::now();
    at = std::max(now, next_slot_);
    next_slot_ = at + std::chrono::microseconds(static_cast<long long>(interval_ms_ * 1000));
    while (!recent_.empty() && now - recent_.front() > std::chrono::seconds(1))
      recent_.pop_front();
    recent_.push_back(at);
  }
  std::this_thread::sleep_until(at);
}

void HttpClient::slowDown() {
  std::lock_guard lock(mu_);
  // The server said "too many": go below the rate it just refused (the requests of the last
  // second), and never faster than before.
  const double sent_last_second = static_cast<double>(recent_.size());
  const double below = 1000.0 / std::max(1.0, sent_last_second - 1);
  interval_ms_ = std::min(2000.0, std::max({interval_ms_ * 1.25, below, 5.0}));
}

std::optional<double> HttpClient::retryAfter(const HttpResult& r) const {
  auto v = r.header("Retry-After");
  if (!v) return std::nullopt;
  char* end = nullptr;
  const double seconds = std::strtod(v->c_str(), &end);
  if (end && end != v->c_str() && *end == '\0' && std::isfinite(seconds)) {
    return std::max(0.0, seconds);
  }
  const time_t when = curl_getdate(v->c_str(), nullptr);  // an HTTP-date
  if (when < 0) return std::nullopt;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}

HttpResult HttpClient::send(const HttpCall& call) {
  HttpResult r;
  {
    std::lock_guard lock(mu_);
    if (options_.production && !options_.allow_production_writes && isMutating(call.method)) {
      refusals_.push_back(call.line());
      r.refused = true;
      r.error = "refused: the target is production and writes are not allowed";
      return r;
    }
    if (stopping_ && !call.cleanup) {
      r.interrupted = true;
      r.error = "not sent: the run is stopping";
      return r;
    }
    if (!call.cleanup) ++in_flight_;
  }
  double waited = 0;
  for (int attempt = 0;; ++attempt) {
    pace();
    r = perform(call);
    r.attempts = attempt + 1;
    {
      std::lock_guard lock(mu_);
      ++stats_.requests;
    }
    const bool throttled =
        r.sent && (r.status == 429 || (r.status == 503 && r.header("Retry-After")));
    if (!throttled) break;
    {
      std::lock_guard lock(mu_);
      ++stats_.throttled;
    }
    slowDown();
    // Retry-After as asked; without one, 1 s, 2 s, 4 s...
    double wait = retryAfter(r).value_or(std::pow(2.0, attempt));
    wait = std::min(wait, kMaxRetryWaitSeconds);
    if (attempt >= options_.max_retries || waited + wait > kMaxTotalWaitSeconds || stopping()) {
      r.throttled = true;
      std::lock_guard lock(mu_);
      ++stats_.gave_up;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long long>(wait * 1000)));
    waited += wait;
    std::lock_guard lock(mu_);
    stats_.waited_seconds += wait;
  }
  if (hook_ && r.sent) hook_(call, r);
  if (!call.cleanup) {
    std::lock_guard lock(mu_);
    --in_flight_;
    idle_.notify_all();
  }
  return r;
}

namespace {

size_t collectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t collectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  auto* headers = static_cast<lsm::Headers*>(out);
  if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after 100, redirects)
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
      value.pop_back();
    headers->emplace(line.substr(0, colon), value);
  }
  return size * n;
}

// Bodies nested deeper than this are not parsed (a hostile or broken server cannot make the
// suite recurse without bound); the test then sees a body that is not JSON.
constexpr int kMaxJsonDepth = 128;

std::optional<nlohmann::json> parseBounded(const std::string& body) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > kMaxJsonDepth) return std::nullopt;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

}  // namespace

HttpResult HttpClient::perform(const HttpCall& call) {
  HttpResult r;
  CURL* curl = curl_easy_init();
  if (!curl) {
    r.error = "curl_easy_init failed";
    return r;
  }
  const bool absolute = call.path.rfind("http://", 0) == 0 || call.path.rfind("https://", 0) == 0;
  const std::string url = absolute ? call.path : options_.base_url + call.path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(options_.timeout_ms, 5000L));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
  if (call.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  if (call.body.empty() && !call.form && call.files.empty() &&
      !call.headers.count("Content-Type")) {
    headers = curl_slist_append(headers, "Content-Type:");  // no body, no content type
  }
  for (const auto& [name, value] : call.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  if (!control_token_.empty() && !absolute && call.path.rfind("/__mock/", 0) == 0 &&
      !call.headers.count("X-Mock-Control-Token")) {
    headers = curl_slist_append(headers, ("X-Mock-Control-Token: " + control_token_).c_str());
  }
  curl_mime* mime = nullptr;
  if (call.form || !call.files.empty()) {
    mime = curl_mime_init(curl);
    if (call.form) {
      for (const auto& [name, value] : *call.form) {
        curl_mimepart* part = curl_mime_addpart(mime);
        curl_mime_name(part, name.c_str());
        curl_mime_data(part, value.data(), value.size());
      }
    }
    for (const auto& f : call.files) {
      curl_mimepart* part = curl_mime_addpart(mime);
      curl_mime_name(part, f.name.c_str());
      curl_mime_filename(part, f.filename.c_str());
      curl_mime_type(part, f.content_type.c_str());
      curl_mime_data(part, f.bytes.data(), f.bytes.size());
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  } else if (!call.body.empty() || isMutating(call.method)) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
  }
  // CUSTOMREQUEST after MIMEPOST/POSTFIELDS keeps the method we asked for.
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    r.error = curl_easy_strerror(rc);
  } else {
    r.sent = true;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    r.json = parseBounded(r.body);
  }
  curl_slist_free_all(headers);
  if (mime) curl_mime_free(mime);
  curl_easy_cleanup(curl);
  return r;
}

}  // namespace contract
