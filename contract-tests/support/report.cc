#include "support/report.h"

#include <sstream>

#include "spec/spec.h"

namespace contract {

Report& Report::get() {
  static Report report;
  return report;
}

void Report::cell(const std::string& operation, int status, Outcome outcome) {
  std::lock_guard lock(mu_);
  cells_[{operation, status}][outcome]++;
}

void Report::drift(Drift d) {
  std::lock_guard lock(mu_);
  drift_.push_back(std::move(d));
}

void Report::cleanupProblem(std::string what) {
  std::lock_guard lock(mu_);
  cleanup_.push_back(std::move(what));
}

void Report::skipped(std::string test, std::string reason) {
  std::lock_guard lock(mu_);
  // GoogleTest reports a skip once per listener pass; keep one line per test.
  for (const auto& [t, _] : skipped_) {
    if (t == test) return;
  }
  skipped_.emplace_back(std::move(test), std::move(reason));
}

size_t Report::driftCount() const {
  std::lock_guard lock(mu_);
  return drift_.size();
}

size_t Report::cleanupProblems() const {
  std::lock_guard lock(mu_);
  return cleanup_.size();
}

std::pair<size_t, size_t> Report::coverage(const lsm::Spec& spec) const {
  std::lock_guard lock(mu_);
  size_t total = 0, covered = 0;
  for (const auto& op : spec.operations()) {
    if (op.mock_control) continue;
    for (int status : op.statuses()) {
      ++total;
      auto it = cells_.find({op.id, status});
      if (it != cells_.end() && it->second.count(Outcome::kPass)) ++covered;
    }
  }
  return {covered, total};
}

namespace {

std::string escape(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2)
    s.replace(i, 1, "\\|");
  for (auto& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

std::string Report::markdown(const lsm::Spec& spec, const std::string& target,
                             const std::vector<std::string>& refusals) const {
  const auto [covered, total] = coverage(spec);
  std::lock_guard lock(mu_);
  std::ostringstream md;
  md << "# Contract report\n\nTarget: " << target << "\n\n";
  md << "Documented (operation, status) cells produced and matching: " << covered << "/" << total
     << ". Generated negative cases: " << negative_cases_ << ".\n\n";
  md << "## Coverage (operation x documented status)\n\n"
     << "`pass` matched the spec; `FAIL` contradicted a documented fact; `drift` differed from a "
        "decided (x-inferred) fact; `-` not produced.\n\n"
     << "| operation | status | decided? | result |\n|---|---|---|---|\n";
  for (const auto& op : spec.operations()) {
    if (op.mock_control) continue;
    for (int status : op.statuses()) {
      const lsm::ResponseSpec* r = op.response(status);
      std::string result = "-";
      if (auto it = cells_.find({op.id, status}); it != cells_.end()) {
        const auto& counts = it->second;
        if (counts.count(Outcome::kFail)) {
          result = "FAIL";
        } else if (counts.count(Outcome::kDrift)) {
          result = "drift";
        } else if (counts.count(Outcome::kPass)) {
          result = "pass (" + std::to_string(counts.at(Outcome::kPass)) + ")";
        }
      }
      md << "| " << op.id << " | " << status << " | "
         << ((r && r->inferred) || op.inferred ? "x-inferred" : "documented") << " | " << result
         << " |\n";
    }
  }
  md << "\n## Drift from decided facts\n\n";
  if (drift_.empty()) {
    md << "None.\n";
  } else {
    md << "| test | operation | the spec decided | the server did |\n|---|---|---|---|\n";
    for (const auto& d : drift_) {
      md << "| " << escape(d.test) << " | " << d.operation << " | " << escape(d.decided) << " | "
         << escape(d.observed) << " |\n";
    }
  }
  md << "\n## Cleanup\n\n";
  if (cleanup_.empty()) {
    md << "Everything the suite created was removed.\n";
  } else {
    md << "Could not remove:\n\n";
    for (const auto& c : cleanup_)
      md << "- " << escape(c) << "\n";
  }
  md << "\n## Skipped\n\n";
  if (skipped_.empty()) md << "Nothing.\n";
  for (const auto& [test, reason] : skipped_)
    md << "- " << test << ": " << escape(reason) << "\n";
  if (!refusals.empty()) {
    md << "\n## Held back by the production guard\n\n";
    for (const auto& r : refusals)
      md << "- " << r << "\n";
  }
  return md.str();
}

}  // namespace contract
