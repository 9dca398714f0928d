#pragma once
// --record DIR: what the real server's answers showed, kept as a fixtures directory that
// `--fixtures DIR` serves offline and statefully: the users (from every snapshot, viewer and
// sender), the streams, their viewers and chat messages, contacts and consents, deduplicated by
// id, the references between them kept. What the answers never show is filled in plainly and
// said so: a stream seen only through its chat or viewers is recorded with a placeholder
// creator; a user's email and credits, which no answer carries, get recorded.invalid addresses
// and 1,000 credits. The directory is checked against schemas/fixtures.schema.json (and its
// references) before each write, and written file by file atomically. Tokens and Authorization
// headers are never written.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/model.h"
#include "spec/spec.h"

namespace lsm {

class Recorder {
 public:
  // `directory` empty: kept in memory only (what the mock merges into its state for the
  // operations it answers in front of the real server), never written.
  explicit Recorder(std::string directory) : directory_(std::move(directory)) {}
  const std::string& directory() const { return directory_; }
  // Grows with every answer observed: the merge into the state runs again only when it moved.
  uint64_t changes() const { return changes_.load(std::memory_order_relaxed); }

  // One answer of the real server: `caller` is the user the request's token names ("" if
  // none), `path` the request's path parameters, `body` the parsed envelope of a 2xx answer.
  void observe(const Operation& op, const std::map<std::string, std::string>& path,
               const std::string& caller, const nlohmann::json& body);

  // The recorded state as a state document (exportState's format), checked like fixtures.
  Result<nlohmann::json> document(Millis now) const;
  // The same, loaded (what the mock merges into its state): one check, not two.
  Result<State> state(Millis now) const;
  // Writes the directory when something was recorded since the last write. Errors name the
  // file or the fixture rule that failed; the files written before stay.
  Status flush(Millis now);

 private:
  void user(const nlohmann::json& snapshot);  // a UserSnapshot, Viewer or MockUser-like object
  void stream(const nlohmann::json& view);    // a LiveStream
  nlohmann::json& streamStub(const std::string& id);
  nlohmann::json unchecked(Millis now) const;  // the document, before the fixture check
  void message(const nlohmann::json& view);    // a ChatMessage

  std::string directory_;
  mutable std::mutex mu_;
  std::map<std::string, nlohmann::json> users_, streams_, messages_, contacts_, consents_;
  std::set<std::pair<std::string, std::string>> follows_;
  std::set<std::string> callers_;
  bool dirty_ = false;
  std::atomic<uint64_t> changes_{0};
};

}  // namespace lsm
