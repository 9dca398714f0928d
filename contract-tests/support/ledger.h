#pragma once
// The ledger: every stream the suite created on a server, kept in a file (like a state file) from
// the moment the server answered the create until the stream is verified gone. A run sweeps what
// earlier runs left on the same server first; an interrupted run leaves its ledger behind for
// that. Against the local mock the ledger lives in memory only.

#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"

namespace contract {

struct LedgerEntry {
  std::string base_url;
  std::string stream_id;
  std::string creator_user_id;
  std::string role;  // "HOST", ...
  std::string test;  // the test that created it
  std::string created_at;
  bool this_run = true;  // false: left by an earlier run (not written)
};

class Ledger {
 public:
  explicit Ledger(std::string path = "");  // "": in memory only
  // Reads the file; a missing file is an empty ledger, a broken one an error naming the file.
  lsm::Status load();
  void add(LedgerEntry e);
  void remove(const std::string& stream_id);
  void relabel(const std::string& stream_id, const std::string& test);
  std::vector<LedgerEntry> entries(const std::string& base_url) const;
  const std::string& path() const { return path_; }

 private:
  void saveLocked() const;  // atomically (temp file, rename); best effort, errors to stderr

  std::string path_;
  mutable std::mutex mu_;
  std::vector<LedgerEntry> entries_;  // guarded by mu_
};

}  // namespace contract
