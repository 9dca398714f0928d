#pragma once
// --watch: the fixtures directory is polled (sizes and modification times of its files, every
// 500 ms from main) and reloaded when it changed.
//   replace (--watch): the state becomes the new fixtures, as POST /__mock/reset would.
//   merge (--watch-keep-state): a three-way merge per record (by id) of the fixtures as last
//     loaded, the edited fixtures and the running state: a record the edit added or changed is
//     taken from the fixtures, one it removed is removed, every other record keeps its run-time
//     value, and records created at run time (streams, messages, rentals, uploads) stay.
// A bad edit (a syntax error, a schema violation, a dangling reference, or a merge whose result
// does not hold together) is logged with the file and place, and the state is left as it was.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"
#include "domain/store.h"

namespace lsm {

class FixtureWatcher {
 public:
  enum class Outcome { kUnchanged, kReplaced, kMerged, kRejected };

  // `log` receives one line per reload or rejection. `loaded_at` is the time the running state's
  // fixtures were loaded for (their timestamps are shifted to it).
  FixtureWatcher(Store& store, const Clock& clock, std::string directory, bool keep_state,
                 Millis loaded_at, std::function<void(const std::string&)> log);

  // Looks once; reloads when a file was added, removed or changed since the last look.
  Outcome poll();

  // For tests: runs after the files were read and before the state is replaced, so a test can
  // move the clock in between.
  void setAfterLoadHook(std::function<void()> hook) { after_load_ = std::move(hook); }

 private:
  std::string fingerprint() const;
  Outcome reload();

  Store& store_;
  const Clock& clock_;
  std::string directory_;
  bool keep_state_;
  Millis loaded_at_;
  std::function<void(const std::string&)> log_;
  std::function<void()> after_load_;
  std::string last_fingerprint_;
  nlohmann::json base_;  // the fixtures as last loaded (at loaded_at_), exported; for the merge
};

// The merge of --watch-keep-state on exported state documents (domain/fixtures.h exportState).
nlohmann::json mergeFixtureEdit(const nlohmann::json& base, const nlohmann::json& edited,
                                const nlohmann::json& current);

}  // namespace lsm
