#include "journal/journal.h"

namespace lsm {

namespace {

// Bodies are cut to their first 2 KiB; bytes that are not UTF-8 are replaced when the journal
// is serialised (the pipeline dumps with error_handler_t::replace).
constexpr size_t kBodyPrefix = 2048;

}  // namespace

void RequestJournal::record(const HttpRequest& request, const HttpResponse& response, Millis at,
                            double duration_ms) {
  Entry entry;
  entry.at = at;
  entry.method = request.method;
  entry.path = request.path;
  for (const auto& [k, v] : request.query) {
    if (entry.query.size() >= kBodyPrefix) break;
    if (!entry.query.empty()) entry.query += '&';
    entry.query += k;
    entry.query += '=';
    entry.query += v;
  }
  if (entry.query.size() > kBodyPrefix) entry.query.resize(kBodyPrefix);
  entry.status = response.status;
  entry.duration_ms = duration_ms;
  entry.request_body = request.body.substr(0, kBodyPrefix);
  auto answered = response.headers.find("X-Mock-Answered-By");
  entry.real_server = answered != response.headers.end() && answered->second == "real-server";
  const bool json_like = response.content_type.rfind("application/json", 0) == 0;
  entry.response_body = json_like ? response.body.substr(0, kBodyPrefix)
                                  : "(" + response.content_type + ", " +
                                        std::to_string(response.body.size()) + " bytes)";
  std::lock_guard lock(mu_);
  entries_.push_front(std::move(entry));
  while (entries_.size() > capacity_)
    entries_.pop_back();
}

nlohmann::json RequestJournal::newest(size_t limit) const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < entries_.size() && i < limit; ++i) {
    const Entry& e = entries_[i];
    out.push_back({{"at", formatIsoMillis(e.at)},
                   {"method", e.method},
                   {"path", e.path},
                   {"query", e.query},
                   {"status", e.status},
                   {"durationMs", e.duration_ms},
                   {"requestBody", e.request_body},
                   {"responseBody", e.response_body},
                   {"answeredBy", e.real_server ? "real-server" : "mock"}});
  }
  return out;
}

}  // namespace lsm
