#pragma once
// Removing what the suite created, judged by what the server then holds, not by status codes:
// cancel and delete with the creator's token, then look (gift counts answer 404 once a stream is
// deleted; a broadcaster token is refused once it is neither active nor scheduled), and try again
// a few times. Only what is still there after that is reported as left behind.

#include <string>

#include "support/ledger.h"

namespace contract {

enum class Removal {
  kGone,     // deleted: the server no longer knows it
  kNotLive,  // still there, but cancelled or ended (the delete did not take)
  kLive,     // still active or scheduled
  kUnknown,  // no way to tell (no token for its creator, no answer)
};

struct RemovalResult {
  Removal outcome = Removal::kUnknown;
  std::string detail;  // what the server answered, for the report
};

// Removes one stream (the ledger entry stays the caller's business).
RemovalResult removeStream(const LedgerEntry& e, int attempts = 3);

// Removes the ledger's entries for this target (each removed, gone or no longer live, leaves the
// ledger; with `report`, what remains is reported as left behind). Returns how many were removed.
// All of them: at the end, on a signal, and at the start for what earlier runs left.
size_t sweepAll(bool report);
// What the test `test` created.
size_t sweepTest(const std::string& test);

}  // namespace contract
