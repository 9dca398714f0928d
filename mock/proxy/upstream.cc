#include "proxy/upstream.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "core/text.h"

namespace lsm {

namespace {

bool isHopByHop(const std::string& name) {
  static const char* const kNames[] = {"connection",          "keep-alive", "proxy-authenticate",
                                       "proxy-authorization", "te",         "trailer",
                                       "transfer-encoding",   "upgrade",    "host",
                                       "content-length",      "expect",     "accept-encoding"};
  const std::string lower = asciiLower(name);
  for (const char* n : kNames) {
    if (lower == n) return true;
  }
  return false;
}

bool isCors(const std::string& name) {
  const std::string lower = asciiLower(name);
  return lower.rfind("access-control-", 0) == 0 || lower == "vary";
}

struct CurlHandle {
  CURL* curl = curl_easy_init();
  ~CurlHandle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

// The largest answer taken from the real server (more is a 502: the mock holds answers whole).
constexpr size_t kMaxAnswerBytes = 64 * 1024 * 1024;

size_t appendBody(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > kMaxAnswerBytes) return 0;  // aborts the transfer
  body->append(data, size * n);
  return size * n;
}

struct HeaderSink {
  UpstreamAnswer* answer;
};

size_t takeHeader(char* data, size_t size, size_t n, void* sink) {
  auto* answer = static_cast<HeaderSink*>(sink)->answer;
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
    line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    answer->headers.clear();  // a new response (after 100 Continue or a redirect)
    return size * n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = line.substr(0, colon);
  std::string value = trimWhitespace(std::string_view(line).substr(colon + 1));
  if (!isHopByHop(name) && !isCors(name))
    answer->headers.emplace(std::move(name), std::move(value));
  return size * n;
}

}  // namespace

Upstream::Upstream(UpstreamOptions options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  while (!options_.base_url.empty() && options_.base_url.back() == '/')
    options_.base_url.pop_back();
}

std::string Upstream::urlOf(const HttpRequest& request) const {
  std::string url = options_.base_url + percentEncode(request.path, true);
  for (size_t i = 0; i < request.query.size(); ++i) {
    url += i == 0 ? '?' : '&';
    url += percentEncode(request.query[i].first);
    url += '=';
    url += percentEncode(request.query[i].second);
  }
  return url;
}

std::variant<UpstreamAnswer, UpstreamFailure> Upstream::forward(const HttpRequest& request) const {
  thread_local CurlHandle handle;
  CURL* curl = handle.curl;
  if (!curl) return UpstreamFailure{false, "libcurl: no handle"};
  curl_easy_reset(curl);
  const std::string url = urlOf(request);
  UpstreamAnswer answer;
  HeaderSink sink{&answer};
  struct curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    if (isHopByHop(name)) continue;
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" wait on large bodies (the body is here already).
  headers = curl_slist_append(headers, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, takeHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  if (options_.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_WRITE_ERROR) {
    return UpstreamFailure{false, "the answer is larger than " +
                                      std::to_string(kMaxAnswerBytes / (1024 * 1024)) + " MiB (" +
                                      request.method + " " + url + ")"};
  }
  if (code != CURLE_OK) {
    const bool timed_out = code == CURLE_OPERATION_TIMEDOUT;
    return UpstreamFailure{
        timed_out, std::string(curl_easy_strerror(code)) + " (" + request.method + " " + url + ")"};
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<int>(status);
  return answer;
}

}  // namespace lsm
