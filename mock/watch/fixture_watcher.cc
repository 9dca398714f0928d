#include "watch/fixture_watcher.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <vector>

#include "domain/fixtures.h"

namespace lsm {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A record's identity: its _id or id, else its whole content (follows are plain pairs).
std::string recordKey(const json& record) {
  if (record.is_object()) {
    for (const char* k : {"_id", "id"}) {
      auto it = record.find(k);
      if (it != record.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return record.dump();
}

std::map<std::string, const json*> byKey(const json& list) {
  std::map<std::string, const json*> out;
  if (!list.is_array()) return out;
  for (const auto& r : list)
    out.emplace(recordKey(r), &r);
  return out;
}

const json* lookup(const std::map<std::string, const json*>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : it->second;
}

// One record: the edit's version when the edit touched it, else the running one.
// Returns nullptr to drop it.
const json* pick(const json* base, const json* edited, const json* current) {
  if (edited && (!base || *base != *edited)) return edited;  // added or changed by the edit
  if (!edited && base) return nullptr;                       // removed by the edit
  return current;  // untouched by the edit (possibly changed or removed at run time)
}

json mergeLists(const json& base, const json& edited, const json& current) {
  const auto b = byKey(base), e = byKey(edited), c = byKey(current);
  json out = json::array();
  std::vector<std::string> order;
  for (const json* list : {&current, &edited}) {
    if (!list->is_array()) continue;
    for (const auto& r : *list) {
      std::string k = recordKey(r);
      if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(std::move(k));
    }
  }
  for (const auto& k : order) {
    if (const json* r = pick(lookup(b, k), lookup(e, k), lookup(c, k))) out.push_back(*r);
  }
  return out;
}

json mergeMaps(const json& base, const json& edited, const json& current) {
  json out = json::object();
  auto get = [](const json& m, const std::string& k) -> const json* {
    if (!m.is_object()) return nullptr;
    auto it = m.find(k);
    return it == m.end() ? nullptr : &*it;
  };
  for (const json* m : {&current, &edited}) {
    if (!m->is_object()) continue;
    for (auto it = m->begin(); it != m->end(); ++it) {
      if (out.contains(it.key())) continue;
      if (const json* r = pick(get(base, it.key()), get(edited, it.key()), get(current, it.key())))
        out[it.key()] = *r;
    }
  }
  return out;
}

}  // namespace

json mergeFixtureEdit(const json& base, const json& edited, const json& current) {
  json out = current;
  for (auto it = edited.begin(); it != edited.end(); ++it) {
    const std::string& k = it.key();
    const json& cur = current.contains(k) ? current[k] : json();
    const json& was = base.contains(k) ? base[k] : json();
    if (it->is_array() && (cur.is_array() || cur.is_null())) {
      out[k] = mergeLists(was, *it, cur);
    } else if (it->is_object() && (cur.is_object() || cur.is_null())) {
      out[k] = mergeMaps(was, *it, cur);
    } else if (!current.contains(k)) {
      out[k] = *it;
    }
  }
  return out;
}

FixtureWatcher::FixtureWatcher(Store& store, const Clock& clock, std::string directory,
                               bool keep_state, Millis loaded_at,
                               std::function<void(const std::string&)> log)
    : store_(store),
      clock_(clock),
      directory_(std::move(directory)),
      keep_state_(keep_state),
      loaded_at_(loaded_at),
      log_(std::move(log)),
      last_fingerprint_(fingerprint()) {
  if (keep_state_) {
    auto fixtures = loadFixtures(directory_, loaded_at_);
    if (fixtures) base_ = exportState(*fixtures, loaded_at_);
  }
}

std::string FixtureWatcher::fingerprint() const {
  std::vector<std::string> lines;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(directory_, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code e2;
    if (!it->is_regular_file(e2)) continue;
    const auto size = it->file_size(e2);
    const auto mtime = it->last_write_time(e2).time_since_epoch().count();
    lines.push_back(it->path().string() + " " + std::to_string(size) + " " + std::to_string(mtime));
  }
  if (ec) lines.push_back("unreadable: " + ec.message());
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

FixtureWatcher::Outcome FixtureWatcher::poll() {
  std::string now = fingerprint();
  if (now == last_fingerprint_) return Outcome::kUnchanged;
  last_fingerprint_ = std::move(now);
  return reload();
}

FixtureWatcher::Outcome FixtureWatcher::reload() {
  const std::string keep = " NOT reloaded; still serving the previous state: ";
  if (!keep_state_) {
    // The files are read outside the lock (a large directory takes a while); their times are
    // shifted to the clock as it was then. A clock set or moved meanwhile (POST /__mock/clock,
    // which holds the lock) is seen under the lock, and the files are read again for it.
    const Millis offset = clock_.offset();
    Millis loaded_for = clock_.now();
    auto fresh = loadFixtures(directory_, loaded_for);
    if (after_load_) after_load_();
    size_t users = 0, streams = 0;
    if (fresh) {
      store_.write(kAllAspects, [&](State& s) {
        if (clock_.offset() != offset) {
          loaded_for = clock_.now();
          fresh = loadFixtures(directory_, loaded_for);
          if (!fresh) return 0;
        }
        users = fresh->users.size();
        streams = fresh->streams.size();
        s = std::move(fresh).value();
        return 0;
      });
    }
    if (!fresh) {
      log_("--watch: " + directory_ + " changed but was" + keep + fresh.error().details.at(0));
      return Outcome::kRejected;
    }
    loaded_at_ = loaded_for;
    log_("--watch: reloaded " + directory_ + " (" + std::to_string(users) + " users, " +
         std::to_string(streams) + " streams; the state was replaced)");
    return Outcome::kReplaced;
  }
  // The edit is read on the running state's time base, so an untouched record compares equal.
  auto edited = loadFixtures(directory_, loaded_at_);
  if (!edited) {
    log_("--watch: " + directory_ + " changed but was" + keep + edited.error().details.at(0));
    return Outcome::kRejected;
  }
  json edited_doc = exportState(*edited, loaded_at_);
  std::string problem;
  store_.write(kAllAspects, [&](State& s) {
    json merged = mergeFixtureEdit(base_, edited_doc, exportState(s, clock_.now()));
    auto next = importState(merged);
    if (!next) {
      problem = next.error().details.at(0);
      return 0;
    }
    s = std::move(next).value();
    return 0;
  });
  if (!problem.empty()) {
    log_("--watch: " + directory_ + " changed but the merge with the running state was" + keep +
         problem);
    return Outcome::kRejected;
  }
  base_ = std::move(edited_doc);
  log_("--watch: merged the edit of " + directory_ +
       " into the running state (--watch-keep-state)");
  return Outcome::kMerged;
}

}  // namespace lsm
