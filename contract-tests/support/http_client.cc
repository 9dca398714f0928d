#include "support/http_client.h"

#include <curl/curl.h>

namespace contract {

std::optional<std::string> HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

HttpClient::HttpClient(std::string base_url, bool production, bool allow_production_writes,
                       long timeout_ms)
    : base_url_(std::move(base_url)),
      production_(production),
      allow_writes_(allow_production_writes),
      timeout_ms_(timeout_ms) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool HttpClient::isMutating(const std::string& method) const {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::vector<std::string> HttpClient::refusals() const {
  std::lock_guard lock(mu_);
  return refusals_;
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

}  // namespace

HttpResult HttpClient::send(const HttpCall& call) {
  HttpResult r;
  if (production_ && !allow_writes_ && isMutating(call.method)) {
    std::lock_guard lock(mu_);
    refusals_.push_back(call.method + " " + call.path);
    r.refused = true;
    r.error = "refused: the target is production and writes are not allowed";
    return r;
  }
  CURL* curl = curl_easy_init();
  if (!curl) {
    r.error = "curl_easy_init failed";
    return r;
  }
  const std::string url = base_url_ + call.path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms_);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms_, 5000L));
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
  if (!control_token_.empty() && call.path.rfind("/__mock/", 0) == 0 &&
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
    auto parsed = nlohmann::json::parse(r.body, nullptr, false);
    if (!parsed.is_discarded()) r.json = std::move(parsed);
  }
  curl_slist_free_all(headers);
  if (mime) curl_mime_free(mime);
  curl_easy_cleanup(curl);
  return r;
}

}  // namespace contract
