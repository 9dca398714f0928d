#include "support/ledger.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace contract {

using nlohmann::json;

Ledger::Ledger(std::string path) : path_(std::move(path)) {}

lsm::Status Ledger::load() {
  if (path_.empty()) return lsm::okStatus();
  std::ifstream in(path_);
  if (!in) return lsm::okStatus();  // no earlier run
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("streams") ||
      !doc["streams"].is_array()) {
    return lsm::Error::invalid("the ledger " + path_ +
                               " is not a ledger the suite wrote (remove it, or give --ledger)");
  }
  std::lock_guard lock(mu_);
  for (const auto& s : doc["streams"]) {
    if (!s.is_object()) continue;
    LedgerEntry e;
    e.base_url = s.value("baseUrl", "");
    e.stream_id = s.value("streamId", "");
    e.creator_user_id = s.value("creatorUserId", "");
    e.role = s.value("role", "");
    e.test = s.value("test", "");
    e.created_at = s.value("createdAt", "");
    e.this_run = false;
    if (!e.stream_id.empty()) entries_.push_back(std::move(e));
  }
  return lsm::okStatus();
}

void Ledger::add(LedgerEntry e) {
  std::lock_guard lock(mu_);
  for (const auto& existing : entries_) {
    if (existing.stream_id == e.stream_id && existing.base_url == e.base_url) return;
  }
  entries_.push_back(std::move(e));
  saveLocked();
}

void Ledger::remove(const std::string& stream_id) {
  std::lock_guard lock(mu_);
  const size_t before = entries_.size();
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const LedgerEntry& e) { return e.stream_id == stream_id; }),
                 entries_.end());
  if (entries_.size() != before) saveLocked();
}

void Ledger::relabel(const std::string& stream_id, const std::string& test) {
  std::lock_guard lock(mu_);
  for (auto& e : entries_) {
    if (e.stream_id == stream_id) e.test = test;
  }
  saveLocked();
}

std::vector<LedgerEntry> Ledger::entries(const std::string& base_url) const {
  std::lock_guard lock(mu_);
  std::vector<LedgerEntry> out;
  for (const auto& e : entries_) {
    if (e.base_url == base_url) out.push_back(e);
  }
  return out;
}

void Ledger::saveLocked() const {
  if (path_.empty()) return;
  json doc = {{"comment",
               "Streams the contract suite created and has not yet verified gone; the next run "
               "against the same base URL removes them first. Holds no tokens."},
              {"streams", json::array()}};
  for (const auto& e : entries_) {
    doc["streams"].push_back({{"baseUrl", e.base_url},
                              {"streamId", e.stream_id},
                              {"creatorUserId", e.creator_user_id},
                              {"role", e.role},
                              {"test", e.test},
                              {"createdAt", e.created_at}});
  }
  const std::string tmp = path_ + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) {
      std::cerr << "contract-tests: cannot write the ledger " << tmp << "\n";
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) {
    std::cerr << "contract-tests: cannot replace the ledger " << path_ << "\n";
    std::remove(tmp.c_str());
  }
}

}  // namespace contract
