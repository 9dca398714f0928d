#include "proxy/recorder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <regex>

#include "domain/fixtures.h"
#include "spec/spec.h"

namespace lsm {

using nlohmann::json;

namespace {

constexpr int64_t kRecordedCredits = 1000;
// Bounded: a long session records at most this many records of each kind (the rest are counted
// out, not kept).
constexpr size_t kMaxRecords = 100000;

bool isObjectId(const json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() != 24) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool isTime(const json& v) {
  static const std::regex kTime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
  return v.is_string() && std::regex_match(v.get_ref<const std::string&>(), kTime);
}

bool isUrl(const json& v) {
  return v.is_string() && (v.get_ref<const std::string&>().rfind("http://", 0) == 0 ||
                           v.get_ref<const std::string&>().rfind("https://", 0) == 0);
}

json timeOr(const json& v, const json& fallback) {
  return isTime(v) ? v : fallback;
}

json idsOf(const json& list) {
  json out = json::array();
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (item.is_object() && isObjectId(item.value("_id", json()))) out.push_back(item["_id"]);
  }
  return out;
}

// A placeholder user for an id no answer described.
json placeholderUser(const std::string& id, const std::string& why) {
  return {{"_id", id},
          {"username", "recorded." + id.substr(18)},
          {"name", "Recorded"},
          {"surname", why},
          {"email", "recorded." + id.substr(18) + "@recorded.invalid"},
          {"profilePhoto", nullptr},
          {"availabilityStatus", "offline"},
          {"followersCount", 0},
          {"followingCount", 0},
          {"expertise", nullptr},
          {"credits", kRecordedCredits},
          {"canBroadcast", true}};
}

const json& fixtureSchema() {
  static const json schema = json::parse(embeddedFixtureSchemaJson());
  return schema;
}

// `value` with only the fields the fixture schema allows at `node` (a real server's extra fields,
// "__v" and the like, are no part of a fixture), through $ref, oneOf/anyOf and items. Bounded.
json pruned(const json& value, const json& node, int depth = 0) {
  if (depth > 32 || !node.is_object()) return value;
  if (node.contains("$ref")) {
    const std::string ref = node["$ref"];  // "#/definitions/Media"
    const json::json_pointer pointer(ref.substr(1));
    return fixtureSchema().contains(pointer) ? pruned(value, fixtureSchema()[pointer], depth + 1)
                                             : value;
  }
  for (const char* branches : {"oneOf", "anyOf"}) {
    if (!node.contains(branches)) continue;
    for (const auto& b : node[branches]) {
      const json& resolved =
          b.contains("$ref")
              ? fixtureSchema()[json::json_pointer(b["$ref"].get<std::string>().substr(1))]
              : b;
      const bool object_branch =
          resolved.value("type", json()) == "object" || resolved.contains("properties");
      if (value.is_object() == object_branch) return pruned(value, b, depth + 1);
    }
    return value;
  }
  if (value.is_object() && node.contains("properties")) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (node["properties"].contains(it.key())) {
        out[it.key()] = pruned(it.value(), node["properties"][it.key()], depth + 1);
      } else if (node.value("additionalProperties", true) != false) {
        out[it.key()] = it.value();
      }
    }
    return out;
  }
  if (value.is_array() && node.contains("items")) {
    json out = json::array();
    for (const auto& item : value)
      out.push_back(pruned(item, node["items"], depth + 1));
    return out;
  }
  return value;
}

// A file's bytes, atomically: a temporary beside it, then rename.
Status writeFile(const std::filesystem::path& path, const std::string& text) {
  const std::string tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error::internal(tmp + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error::internal(tmp + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return Error::internal(tmp + ": not saved");
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Error::internal(path.string() + ": " + std::strerror(errno));
  }
  return Unit{};
}

}  // namespace

void Recorder::user(const json& s) {
  if (!s.is_object() || !isObjectId(s.value("_id", json()))) return;
  const std::string id = s["_id"];
  if (!users_.count(id) && users_.size() >= kMaxRecords) return;
  json& u = users_[id];
  if (u.is_null()) {
    u = placeholderUser(id, "user");
    u["username"] = "user." + id.substr(18);
    u["name"] = "";
    u["surname"] = "";
  }
  for (const char* key : {"name", "surname"}) {
    if (s.contains(key) && s[key].is_string()) u[key] = s[key];
  }
  if (s.contains("username") && s["username"].is_string()) {
    // The fixtures' usernames are 3-30 of [a-z0-9._]; another server's may be otherwise.
    std::string name;
    for (unsigned char c : s["username"].get<std::string>()) {
      const char lower = static_cast<char>(std::tolower(c));
      name += (std::isalnum(c) && c < 0x80) || c == '.' || c == '_' ? lower : '.';
    }
    if (name.size() > 30) name.resize(30);
    while (name.size() < 3)
      name += '_';
    u["username"] = name;
    u["email"] = name + "@recorded.invalid";
  }
  if (s.contains("profilePhoto") &&
      (s["profilePhoto"].is_object() || s["profilePhoto"].is_null())) {
    u["profilePhoto"] = s["profilePhoto"];
  }
  if (s.contains("availabilityStatus") && s["availabilityStatus"].is_string()) {
    u["availabilityStatus"] = s["availabilityStatus"];
  }
  for (const char* key : {"followersCount", "followingCount"}) {
    if (s.contains(key) && s[key].is_number_integer() && s[key].get<int64_t>() >= 0) {
      u[key] = s[key];
    }
  }
  if (s.contains("expertise") && (s["expertise"].is_string() || s["expertise"].is_null())) {
    u["expertise"] = s["expertise"];
  }
  dirty_ = true;
}

json& Recorder::streamStub(const std::string& id) {
  json& st = streams_[id];
  if (!st.is_null()) return st;
  // Seen only through its chat or viewers (the API has no read of a stream): a placeholder
  // creator keeps the reference, and the stream is recorded as active.
  const std::string creator = "ffffffffffff" + id.substr(12);
  if (!users_.count(creator)) users_[creator] = placeholderUser(creator, "creator");
  st = {{"id", id},
        {"title", "Recorded stream " + id.substr(18)},
        {"liveStreamType", "solo"},
        {"channelName", "recorded-" + id.substr(20)},
        {"creatorId", creator},
        {"guestIds", json::array()},
        {"broadcasterIds", json::array({creator})},
        {"thumbnailUrl", "https://recorded.invalid/thumbnail.png"},
        {"recording", false},
        {"recordingUrl", nullptr},
        {"status", "active"},
        {"accessType", "free"},
        {"price", nullptr},
        {"interest", nullptr},
        {"durationGoal", nullptr},
        {"motivation", nullptr},
        {"isActiveReplayOnCreatorProfile", nullptr},
        {"replayCreditPrice", nullptr},
        {"startedAt", nullptr},
        {"plannedStartDate", nullptr},
        {"endedAt", nullptr},
        {"plannedEndDate", nullptr},
        {"createdAt", nullptr},
        {"updatedAt", nullptr},
        {"deletedAt", nullptr},
        {"fundingGoal", nullptr},
        {"collectedFunding", 0},
        {"miniCrowdFundings", json::array()},
        {"audience", json::array()},
        {"chatBans", json::array()}};
  return st;
}

void Recorder::stream(const json& v) {
  if (!v.is_object() || !isObjectId(v.value("id", json()))) return;
  const std::string id = v["id"];
  if (!streams_.count(id) && streams_.size() >= kMaxRecords) return;
  json& st = streamStub(id);
  if (v.contains("creator") && v["creator"].is_object() &&
      isObjectId(v["creator"].value("_id", json()))) {
    user(v["creator"]);
    st["creatorId"] = v["creator"]["_id"];
  }
  for (const char* list : {"guests", "broadcasters"}) {
    if (v.contains(list) && v[list].is_array()) {
      for (const auto& s : v[list])
        user(s);
    }
  }
  st["guestIds"] = idsOf(v.value("guests", json::array()));
  st["broadcasterIds"] = idsOf(v.value("broadcasters", json::array()));
  if (v.value("title", json()).is_string() && !v["title"].get<std::string>().empty()) {
    st["title"] = v["title"].get<std::string>().substr(0, 100);
  }
  static const std::regex kChannel("^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{4}$");
  if (v.value("channelName", json()).is_string() &&
      std::regex_match(v["channelName"].get<std::string>(), kChannel)) {
    st["channelName"] = v["channelName"];
  }
  for (const char* key : {"liveStreamType", "status", "accessType"}) {
    if (v.value(key, json()).is_string()) st[key] = v[key];
  }
  if (isUrl(v.value("thumbnailUrl", json()))) st["thumbnailUrl"] = v["thumbnailUrl"];
  if (v.value("recording", json()).is_boolean()) st["recording"] = v["recording"];
  st["recordingUrl"] = isUrl(v.value("recordingUrl", json())) ? v["recordingUrl"] : json(nullptr);
  for (const char* key : {"price", "fundingGoal"}) {
    const json& x = v.value(key, json());
    st[key] = x.is_number() && x.get<double>() >= 0 ? x : json(nullptr);
  }
  const json& replay = v.value("replayCreditPrice", json());
  st["replayCreditPrice"] = replay.is_number() && replay.get<double>() >= 0
                                ? json(static_cast<int64_t>(replay.get<double>()))
                                : json(nullptr);
  const json& collected = v.value("collectedFunding", json());
  st["collectedFunding"] =
      collected.is_number() && collected.get<double>() >= 0 ? collected : json(0);
  const json& interest = v.value("interest", json());
  st["interest"] =
      interest.is_string() && !interest.get<std::string>().empty() ? interest : json(nullptr);
  const json& goal = v.value("durationGoal", json());
  st["durationGoal"] = goal.is_number_integer() && goal.get<int64_t>() >= 1 ? goal : json(nullptr);
  const json& motivation = v.value("motivation", json());
  st["motivation"] = motivation.is_string() ? motivation : json(nullptr);
  const json& replay_on = v.value("isActiveReplayOnCreatorProfile", json());
  st["isActiveReplayOnCreatorProfile"] = replay_on.is_boolean() ? replay_on : json(nullptr);
  for (const char* key : {"startedAt", "plannedStartDate", "endedAt", "plannedEndDate"}) {
    st[key] = timeOr(v.value(key, json()), json(nullptr));
  }
  for (const char* key : {"createdAt", "updatedAt"}) {
    if (isTime(v.value(key, json()))) st[key] = v[key];
  }
  if (st["accessType"] == "paid" && st["price"].is_null()) st["accessType"] = "free";
  dirty_ = true;
}

void Recorder::message(const json& m) {
  if (!m.is_object() || !isObjectId(m.value("_id", json())) ||
      !isObjectId(m.value("streamId", json())) || !m.value("content", json()).is_string()) {
    return;
  }
  const json& sender = m.value("sender", json());
  if (!sender.is_object() || !isObjectId(sender.value("_id", json()))) return;
  if (messages_.size() >= kMaxRecords || streams_.size() >= kMaxRecords) return;
  user(sender);
  streamStub(m["streamId"]);
  messages_[m["_id"]] = {{"_id", m["_id"]},
                         {"streamId", m["streamId"]},
                         {"senderId", sender["_id"]},
                         {"content", m["content"]},
                         {"createdAt", m.value("createdAt", json())}};
  dirty_ = true;
}

void Recorder::observe(const Operation& op, const std::map<std::string, std::string>& path,
                       const std::string& caller, const json& body) {
  if (!body.is_object() || !body.contains("data")) return;
  const json& data = body["data"];
  const json& list = data.is_object() ? data.value("list", json()) : json();
  std::lock_guard lock(mu_);
  if (isObjectId(json(caller)) && callers_.insert(caller).second) {
    if (!users_.count(caller)) users_[caller] = placeholderUser(caller, "you");
    dirty_ = true;
  }
  const std::string stream_id = path.count("streamId") ? path.at("streamId")
                                : path.count("id")     ? path.at("id")
                                                       : "";
  if (op.id == "createLiveStream" || op.id == "cancelLiveStream") {
    stream(data);
  } else if (op.id == "listChatMessages" && list.is_array()) {
    for (const auto& m : list)
      message(m);
  } else if (op.id == "postChatMessage") {
    message(data);
  } else if (op.id == "listLiveStreamViewers" && list.is_array() && isObjectId(json(stream_id))) {
    json& st = streamStub(stream_id);
    for (const auto& v : list) {
      if (!v.is_object() || !isObjectId(v.value("_id", json()))) continue;
      user(v);
      bool present = false;
      for (const auto& a : st["audience"])
        present = present || a["userId"] == v["_id"];
      if (!present) {
        st["audience"].push_back(
            {{"userId", v["_id"]}, {"joinedAt", timeOr(v.value("joinedAt", json()), json())}});
      }
      if (v.value("isFollowing", false) && users_.count(caller)) {
        follows_.insert({caller, v["_id"].get<std::string>()});
      }
    }
    dirty_ = true;
  } else if (op.id == "listContacts" && list.is_array()) {
    for (const auto& c : list) {
      if (c.is_object() && isObjectId(c.value("_id", json())) && contacts_.size() < kMaxRecords) {
        contacts_[c["_id"]] = c;
      }
    }
    dirty_ = true;
  } else if (op.id == "getConsentHistory" && list.is_array()) {
    for (const auto& c : list) {
      if (c.is_object() && isObjectId(c.value("_id", json())) && consents_.size() < kMaxRecords) {
        consents_[c["_id"]] = c;
      }
    }
    dirty_ = true;
  } else if (op.id == "sendSuperlike" && data.is_object()) {
    user(data.value("senderSnapshot", json()));
  }
  changes_.fetch_add(1, std::memory_order_relaxed);
}

Result<json> Recorder::document(Millis now) const {
  json doc = unchecked(now);
  if (auto checked = importState(doc); !checked) return checked.error();
  return doc;
}

Result<State> Recorder::state(Millis now) const {
  return importState(unchecked(now));
}

json Recorder::unchecked(Millis now) const {
  std::lock_guard lock(mu_);
  const json at = formatIsoMillis(now);
  json doc = {{"format", "livestream-mock-state/1"}, {"savedAt", at}};
  json users = json::array();
  for (const auto& [id, u] : users_)
    users.push_back(u);
  json streams = json::array();
  for (const auto& [id, st] : streams_) {
    json s = st;
    for (const char* key : {"createdAt", "updatedAt"}) {
      if (s[key].is_null()) s[key] = at;
    }
    for (auto& a : s["audience"]) {
      if (a["joinedAt"].is_null()) a["joinedAt"] = at;
    }
    if (s["status"] == "active" && s["startedAt"].is_null()) s["startedAt"] = s["createdAt"];
    streams.push_back(std::move(s));
  }
  json messages = json::array();
  for (const auto& [id, m] : messages_) {
    json x = m;
    if (!isTime(x["createdAt"])) x["createdAt"] = at;
    messages.push_back(std::move(x));
  }
  json follows = json::array();
  for (const auto& [a, b] : follows_) {
    if (users_.count(a) && users_.count(b))
      follows.push_back({{"followerId", a}, {"followeeId", b}});
  }
  auto values = [](const std::map<std::string, json>& m) {
    json out = json::array();
    for (const auto& [id, v] : m)
      out.push_back(v);
    return out;
  };
  doc["users"] = std::move(users);
  doc["follows"] = std::move(follows);
  doc["streams"] = std::move(streams);
  doc["chat-messages"] = std::move(messages);
  doc["gift-types"] = json::array();
  doc["gifts"] = json::array();
  doc["contacts"] = values(contacts_);
  doc["consents"] = values(consents_);
  doc["replay-rentals"] = json::array();
  doc["reminders"] = json::array();
  for (const char* part : {"users", "streams", "chat-messages", "contacts", "consents"}) {
    doc[part] = pruned(doc[part], fixtureSchema()["definitions"][part]);
  }
  return doc;
}

Status Recorder::flush(Millis now) {
  if (directory_.empty()) return Unit{};
  {
    std::lock_guard lock(mu_);
    if (!dirty_) return Unit{};
    dirty_ = false;
  }
  auto doc = document(now);
  if (!doc) return doc.error();
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(directory_, ec);
  if (ec) return Error::internal(directory_ + ": " + ec.message());
  const json meta = {
      {"referenceTime", (*doc)["savedAt"]},
      {"description", "Recorded by livestream-mock --record from a real server's answers at " +
                          (*doc)["savedAt"].get<std::string>() +
                          ". Timestamps are shifted by (now - referenceTime) at load."}};
  // The referenced files first, so a reader between two writes sees no dangling reference.
  for (const char* part : {"users", "follows", "streams", "chat-messages", "gift-types", "gifts",
                           "contacts", "consents", "replay-rentals", "reminders"}) {
    if (auto st = writeFile(fs::path(directory_) / (std::string(part) + ".json"),
                            (*doc)[part].dump(2) + "\n");
        !st) {
      return st;
    }
  }
  return writeFile(fs::path(directory_) / "meta.json", meta.dump(2) + "\n");
}

}  // namespace lsm
