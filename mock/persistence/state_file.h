#pragma once
// --state-file: the whole state (exportState's document) kept in one file. Saves are atomic:
// written to a temporary file beside it, fsync'ed, renamed over it, and the directory fsync'ed,
// so a crash leaves the old file or the new one, never half of one.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/model.h"
#include "domain/store.h"

namespace lsm {

// nullopt when the file does not exist; an error (naming the file) when it cannot be read or is
// not a state document, in which case the caller must stop and leave the file untouched.
Result<std::optional<State>> loadStateFile(const std::string& path);

// Writes a state document (exportState) atomically; on failure (disk full, ...) the old file
// stays as it was.
Status saveStateFile(const std::string& path, const nlohmann::json& document);

// Saves the store to `path` when it changed since the last save.
class StateSaver {
 public:
  StateSaver(const Store& store, std::string path) : store_(store), path_(std::move(path)) {}
  // Returns false when a save was needed and failed (the reason is logged on stderr).
  bool saveIfChanged(Millis now);

 private:
  const Store& store_;
  std::string path_;
  uint64_t saved_version_ = 0;  // touched by one thread at a time (the saver, then shutdown)
  bool saved_once_ = false;
};

}  // namespace lsm
