#include "proxy/drift_log.h"

#include <algorithm>

namespace lsm {

using nlohmann::json;

void DriftLog::add(const std::string& operation_id, const std::string& method,
                   const std::string& path, int status, const std::vector<Difference>& differences,
                   Millis at) {
  std::lock_guard lock(mu_);
  ++checked_;
  if (differences.empty()) return;
  ++differing_;
  for (const auto& d : differences) {
    const auto key = std::make_pair(operation_id, d.fact);
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      if (groups_.size() >= kMaxFacts) {
        ++overflow_;
        continue;
      }
      Group g;
      g.documented = d.documented;
      g.first = at;
      g.method = method;
      g.path = path;
      g.status = status;
      g.message = d.message;
      it = groups_.emplace(key, std::move(g)).first;
    }
    ++it->second.count;
    it->second.last = at;
  }
}

json DriftLog::toJson() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<const std::pair<std::string, std::string>*, const Group*>> order;
  size_t broken = 0;
  for (const auto& [key, g] : groups_) {
    order.push_back({&key, &g});
    if (g.documented) ++broken;
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.second->documented != b.second->documented) return a.second->documented;
    return a.second->count > b.second->count;
  });
  json facts = json::array();
  for (const auto& [key, g] : order) {
    facts.push_back({{"operationId", key->first},
                     {"fact", key->second},
                     {"kind", g->documented ? "broken" : "drift"},
                     {"count", g->count},
                     {"firstSeen", formatIsoMillis(g->first)},
                     {"lastSeen", formatIsoMillis(g->last)},
                     {"example",
                      {{"method", g->method},
                       {"path", g->path},
                       {"status", g->status},
                       {"message", g->message}}}});
  }
  return {{"answersChecked", checked_}, {"answersWithDifferences", differing_},
          {"documentedBroken", broken}, {"decidedDiffer", groups_.size() - broken},
          {"overflow", overflow_},      {"facts", std::move(facts)}};
}

}  // namespace lsm
