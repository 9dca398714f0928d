#include "journal/journal.h"

namespace lsm {

namespace {

// Bodies are cut to their first 2 KiB; bytes that are not UTF-8 are replaced when the journal
// is serialised (the pipeline dumps with error_handler_t::replace).
constexpr size_t kBodyPrefix = 2048;

}  // namespace

void RequestJournal::record(const HttpRequest& request, const HttpResponse& response, Millis at,
                            double duration_ms) {
  std::string query;
  for (const auto& [k, v] : request.query)
    query += (query.empty() ? "" : "&") + k + "=" + v;
  nlohmann::json entry = {{"at", formatIsoMillis(at)},
                          {"method", request.method},
                          {"path", request.path},
                          {"status", response.status},
                          {"durationMs", duration_ms}};
  entry["query"] = query.substr(0, kBodyPrefix);
  const bool json_like = response.content_type.rfind("application/json", 0) == 0;
  entry["requestBody"] = request.body.substr(0, kBodyPrefix);
  entry["responseBody"] = json_like
                              ? nlohmann::json(response.body.substr(0, kBodyPrefix))
                              : nlohmann::json("(" + response.content_type + ", " +
                                               std::to_string(response.body.size()) + " bytes)");
  std::lock_guard lock(mu_);
  entries_.push_front(std::move(entry));
  while (entries_.size() > capacity_)
    entries_.pop_back();
}

nlohmann::json RequestJournal::newest(size_t limit) const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < entries_.size() && i < limit; ++i)
    out.push_back(entries_[i]);
  return out;
}

}  // namespace lsm
