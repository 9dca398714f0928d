#include "support/report.h"

#include <algorithm>
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

void Report::add(std::map<std::pair<std::string, std::string>, Finding>* into, Observation o) {
  Finding& f = (*into)[{o.operation, o.fact}];
  if (f.count++ == 0) {
    f.operation = o.operation;
    f.fact = o.fact;
    f.example = std::move(o);
  }
}

void Report::broken(Observation o) {
  std::lock_guard lock(mu_);
  add(&broken_, std::move(o));
}

void Report::drift(Observation o) {
  std::lock_guard lock(mu_);
  add(&drift_, std::move(o));
}

void Report::notVerified(const std::vector<std::pair<std::string, int>>& cells, Unverified why) {
  std::lock_guard lock(mu_);
  for (const auto& c : cells) {
    auto& list = unverified_[c];
    bool seen = false;
    for (const auto& u : list)
      seen = seen || (u.test == why.test && u.reason == why.reason);
    if (!seen) list.push_back(why);
  }
}

void Report::leftBehind(std::string what) {
  std::lock_guard lock(mu_);
  left_behind_.push_back(std::move(what));
}

void Report::cleanupNote(std::string what) {
  std::lock_guard lock(mu_);
  cleanup_notes_.push_back(std::move(what));
}

void Report::skipped(std::string test, std::string reason) {
  std::lock_guard lock(mu_);
  // GoogleTest reports a skip once per listener pass; keep one line per test.
  for (const auto& [t, _] : skipped_) {
    if (t == test) return;
  }
  skipped_.emplace_back(std::move(test), std::move(reason));
}

void Report::setDefaultUnverifiedReason(std::string why) {
  std::lock_guard lock(mu_);
  default_unverified_ = std::move(why);
}

void Report::setInterrupted(std::string why) {
  std::lock_guard lock(mu_);
  interrupted_ = std::move(why);
}

namespace {

std::vector<Finding> sorted(const std::map<std::pair<std::string, std::string>, Finding>& m) {
  std::vector<Finding> out;
  for (const auto& [_, f] : m)
    out.push_back(f);
  return out;
}

std::string oneLine(std::string s, size_t max = 240) {
  for (auto& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (s.size() > max) s = s.substr(0, max) + "...";
  return s;
}

std::string escape(std::string s) {
  s = oneLine(std::move(s), 400);
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2)
    s.replace(i, 1, "\\|");
  return s;
}

std::string findingLine(const Finding& f) {
  std::string line =
      (f.operation.empty() ? std::string("(every operation)") : f.operation) + ": " + f.fact;
  if (!f.example.observed.empty()) line += "; observed: " + f.example.observed;
  line += " (" + std::to_string(f.count) + "x, e.g. " + f.example.request;
  if (!f.example.test.empty()) line += " in " + f.example.test;
  return oneLine(line + ")", 400);
}

std::string reasonsText(const std::vector<Unverified>& reasons, const std::string& otherwise) {
  // One line per distinct reason, with how many tests give it.
  std::map<std::string, int> counts;
  for (const auto& u : reasons)
    counts[u.reason]++;
  std::string out;
  for (const auto& [reason, n] : counts) {
    if (!out.empty()) out += "; ";
    out += reason + (n > 1 ? " (" + std::to_string(n) + " tests)" : "");
  }
  return out.empty() ? otherwise : out;
}

}  // namespace

std::vector<Finding> Report::brokenFacts() const {
  std::lock_guard lock(mu_);
  return sorted(broken_);
}

std::vector<Finding> Report::driftFacts() const {
  std::lock_guard lock(mu_);
  return sorted(drift_);
}

size_t Report::leftBehindCount() const {
  std::lock_guard lock(mu_);
  return left_behind_.size();
}

std::pair<size_t, size_t> Report::coverage(const lsm::Spec& spec) const {
  std::lock_guard lock(mu_);
  size_t total = 0, covered = 0;
  for (const auto& op : spec.operations()) {
    if (op.mock_control) continue;
    for (int status : op.statuses()) {
      ++total;
      if (cells_.count({op.id, status})) ++covered;
    }
  }
  return {covered, total};
}

std::map<std::pair<std::string, int>, std::vector<Unverified>> Report::unverifiedCells(
    const lsm::Spec& spec) const {
  std::lock_guard lock(mu_);
  std::map<std::pair<std::string, int>, std::vector<Unverified>> out;
  for (const auto& op : spec.operations()) {
    if (op.mock_control) continue;
    for (int status : op.statuses()) {
      if (cells_.count({op.id, status})) continue;
      auto it = unverified_.find({op.id, status});
      out[{op.id, status}] = it == unverified_.end() ? std::vector<Unverified>{} : it->second;
    }
  }
  return out;
}

std::string Report::verdict(const lsm::Spec& spec, const std::string& target,
                            int other_failures) const {
  const auto broken = brokenFacts();
  const auto drift = driftFacts();
  const auto unverified = unverifiedCells(spec);
  const auto [covered, total] = coverage(spec);
  std::lock_guard lock(mu_);
  std::ostringstream v;
  v << "Verdict for " << target << "\n";
  if (!interrupted_.empty()) v << "Interrupted: " << interrupted_ << "\n";
  if (!broken.empty()) {
    v << "Documented contract: BROKEN: " << broken.size() << " documented fact"
      << (broken.size() == 1 ? "" : "s") << " broken\n";
    for (const auto& f : broken)
      v << "  - " << findingLine(f) << "\n";
  } else if (other_failures > 0) {
    v << "Documented contract: NOT CONFIRMED: " << other_failures
      << " test(s) failed without naming a documented fact (set-up or test errors, above)\n";
  } else {
    v << "Documented contract: HOLDS (" << covered << "/" << total
      << " documented cells verified)\n";
  }
  v << "Decided facts that differ: " << drift.size() << "\n";
  for (const auto& f : drift)
    v << "  - " << findingLine(f) << "\n";
  v << "Not verified on this target: " << unverified.size() << " of " << total
    << " documented cells\n";
  for (const auto& [cell, reasons] : unverified) {
    v << "  - " << cell.first << " " << cell.second << ": "
      << oneLine(reasonsText(reasons, default_unverified_), 300) << "\n";
  }
  if (left_behind_.empty()) {
    v << "Left behind: none\n";
  } else {
    v << "Left behind: " << left_behind_.size() << "\n";
    for (const auto& l : left_behind_)
      v << "  - " << oneLine(l) << "\n";
  }
  return v.str();
}

std::string Report::markdown(const lsm::Spec& spec, const std::string& target, int other_failures,
                             const std::vector<std::string>& refusals,
                             const std::string& stats) const {
  const std::string head = verdict(spec, target, other_failures);
  const auto broken = brokenFacts();
  const auto drift = driftFacts();
  const auto unverified = unverifiedCells(spec);
  std::lock_guard lock(mu_);
  std::ostringstream md;
  md << "# Contract report\n\n```\n" << head << "```\n\n" << stats << "\n\n";
  md << "Generated negative cases: " << negative_cases_ << ".\n\n";

  auto table = [&md](const std::vector<Finding>& findings) {
    md << "| operation | fact | count | observed | example request | test |\n"
          "|---|---|---:|---|---|---|\n";
    for (const auto& f : findings) {
      md << "| " << (f.operation.empty() ? "-" : f.operation) << " | " << escape(f.fact) << " | "
         << f.count << " | " << escape(f.example.observed) << " | " << escape(f.example.request)
         << " | " << escape(f.example.test) << " |\n";
    }
  };
  md << "## Documented facts broken\n\n";
  if (broken.empty()) {
    md << "None.\n";
  } else {
    table(broken);
  }
  md << "\n## Decided (x-inferred) facts that differ\n\n";
  if (drift.empty()) {
    md << "None.\n";
  } else {
    table(drift);
  }

  md << "\n## Coverage (operation x documented status)\n\n"
     << "`pass` matched the spec; `FAIL` contradicted a documented fact; `drift` differed from a "
        "decided (x-inferred) fact; `not verified` the suite could not produce it here (why "
        "below).\n\n"
     << "| operation | status | decided? | result |\n|---|---|---|---|\n";
  for (const auto& op : spec.operations()) {
    if (op.mock_control) continue;
    for (int status : op.statuses()) {
      const lsm::ResponseSpec* r = op.response(status);
      std::string result = "not verified";
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
  md << "\n## Not verified on this target\n\n";
  if (unverified.empty()) md << "Every documented cell was verified.\n";
  for (const auto& [cell, reasons] : unverified) {
    md << "- **" << cell.first << " " << cell.second
       << "**: " << escape(reasonsText(reasons, default_unverified_));
    std::set<std::string> tests;
    for (const auto& u : reasons)
      tests.insert(u.test);
    if (!tests.empty()) {
      md << " (tests:";
      for (const auto& t : tests)
        md << " " << t;
      md << ")";
    }
    md << "\n";
  }
  md << "\n## Cleanup\n\n";
  if (left_behind_.empty()) {
    md << "Nothing the suite created is left on the server.\n";
  } else {
    md << "Left behind:\n\n";
    for (const auto& c : left_behind_)
      md << "- " << escape(c) << "\n";
  }
  for (const auto& c : cleanup_notes_)
    md << "- note: " << escape(c) << "\n";
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
