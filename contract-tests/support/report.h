#pragma once
// What a run found, for the verdict, the Markdown report and the exit code:
// - documented facts broken and decided facts that differ, each grouped by (operation, fact) with
//   a count and one example request;
// - the coverage table (operation x documented status) and, for each cell not verified on this
//   target, why (the provider states its tests need, throttling, the production guard);
// - what the run created and could not remove, and the tests skipped with their reasons.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "validation/schema.h"

namespace lsm {
class Spec;
}

namespace contract {

enum class Outcome { kPass, kFail, kDrift };
enum class Basis { kDocumented, kDecided };

struct Observation {
  std::string operation;  // operationId, or "" for a fact of the whole API
  std::string fact;  // what the spec says ("answers 201", "data.list[].followersCount is required")
  std::string observed;  // what the server did
  std::string request;   // "POST /api/v1/live-stream/x/cancel -> 200"
  std::string test;
};

struct Finding {  // one group
  std::string operation, fact;
  size_t count = 0;
  Observation example;
};

// A documented (operation, status) cell a test could not verify here, and why.
struct Unverified {
  std::string test;
  std::string reason;               // "needs provider state 'user has credits'"
  std::vector<std::string> states;  // the states it needs, when that is why
};

class Report {
 public:
  static Report& get();

  void cell(const std::string& operation, int status, Outcome outcome);
  void broken(Observation o);  // a documented fact the server contradicts
  void drift(Observation o);   // a decided fact it answers differently
  // `cells` are the documented (operation, status) cells the test would have verified.
  void notVerified(const std::vector<std::pair<std::string, int>>& cells, Unverified why);
  void leftBehind(std::string what);   // still on the server after every try
  void cleanupNote(std::string what);  // removed, but worth saying (not deleted, only cancelled)
  void skipped(std::string test, std::string reason);
  void setGeneratedNegativeCases(size_t n) { negative_cases_ = n; }
  size_t generatedNegativeCases() const { return negative_cases_; }
  void setInterrupted(std::string why);
  // What a cell with no recorded reason is put down to ("no test reached it here").
  void setDefaultUnverifiedReason(std::string why);

  std::vector<Finding> brokenFacts() const;
  std::vector<Finding> driftFacts() const;
  size_t leftBehindCount() const;
  // Documented cells of product operations, and those verified (a pass, a drift or a failure:
  // the server answered and the suite judged it).
  std::pair<size_t, size_t> coverage(const lsm::Spec& spec) const;
  // Cells with no verdict, each with the reasons collected for it.
  std::map<std::pair<std::string, int>, std::vector<Unverified>> unverifiedCells(
      const lsm::Spec& spec) const;

  // The verdict: a few lines that open the report and end the output.
  std::string verdict(const lsm::Spec& spec, const std::string& target, int other_failures) const;
  // The whole report in Markdown; `refusals` are the requests the production guard held back.
  std::string markdown(const lsm::Spec& spec, const std::string& target, int other_failures,
                       const std::vector<std::string>& refusals, const std::string& stats) const;

 private:
  static void add(std::map<std::pair<std::string, std::string>, Finding>* into, Observation o);

  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::map<Outcome, int>> cells_;
  std::map<std::pair<std::string, std::string>, Finding> broken_, drift_;
  std::map<std::pair<std::string, int>, std::vector<Unverified>> unverified_;
  std::vector<std::string> left_behind_, cleanup_notes_;
  std::vector<std::pair<std::string, std::string>> skipped_;
  std::string interrupted_;
  std::string default_unverified_ = "no test reached it here (see Skipped in the report)";
  size_t negative_cases_ = 0;
};

using lsm::factPath;  // validation/schema.h

}  // namespace contract
