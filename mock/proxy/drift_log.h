#pragma once
// GET /__mock/drift: every difference the real server's answers showed through --proxy, grouped
// by (operation, fact), with a count and the first answer that showed it. Bounded: at most
// kMaxFacts groups (a server that differs everywhere fills it, and the overflow is counted).

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "proxy/differences.h"

namespace lsm {

class DriftLog {
 public:
  static constexpr size_t kMaxFacts = 1000;

  // One answer of `operation_id` to `method path` with status `status` and its differences.
  void add(const std::string& operation_id, const std::string& method, const std::string& path,
           int status, const std::vector<Difference>& differences, Millis at);
  // {"answersChecked", "answersWithDifferences", "documentedBroken", "decidedDiffer",
  //  "overflow", "facts": [{operationId, fact, kind (broken | drift), count, firstSeen,
  //  lastSeen, example {method, path, status, message}}]}: broken first, then by count.
  nlohmann::json toJson() const;

 private:
  struct Group {
    bool documented = true;
    size_t count = 0;
    Millis first = 0, last = 0;
    std::string method, path, message;
    int status = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Group> groups_;  // guarded by mu_
  size_t checked_ = 0, differing_ = 0, overflow_ = 0;            // guarded by mu_
};

}  // namespace lsm
