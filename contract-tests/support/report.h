#pragma once
// What a run found, for the Markdown report and the exit code: the coverage table (operation x
// documented status), drift from decided facts, cleanup problems, skipped tests and refusals.

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lsm {
class Spec;
}

namespace contract {

enum class Outcome { kPass, kFail, kDrift };

struct Drift {
  std::string test, operation;
  std::string decided;   // what the spec decided
  std::string observed;  // what the server did
};

class Report {
 public:
  static Report& get();

  void cell(const std::string& operation, int status, Outcome outcome);
  void drift(Drift d);
  void cleanupProblem(std::string what);
  void skipped(std::string test, std::string reason);
  void setGeneratedNegativeCases(size_t n) { negative_cases_ = n; }
  size_t generatedNegativeCases() const { return negative_cases_; }

  size_t driftCount() const;
  size_t cleanupProblems() const;
  // The whole report in Markdown; `refusals` are the requests the production guard held back.
  std::string markdown(const lsm::Spec& spec, const std::string& target,
                       const std::vector<std::string>& refusals) const;
  // "covered/total" documented (operation, status) cells that were produced and passed.
  std::pair<size_t, size_t> coverage(const lsm::Spec& spec) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::map<Outcome, int>> cells_;
  std::vector<Drift> drift_;
  std::vector<std::string> cleanup_;
  std::vector<std::pair<std::string, std::string>> skipped_;
  size_t negative_cases_ = 0;
};

}  // namespace contract
