#include "domain/fixtures.h"

#include <dirent.h>

#include <fstream>
#include <sstream>

#include "codec/image_sniff.h"
#include "spec/spec.h"
#include "validation/schema.h"

namespace lsm {

using nlohmann::json;

namespace {

struct FixtureSet {
  std::string dir;
  json schema_doc;
  std::unique_ptr<SchemaCompiler> compiler;
  Millis shift = 0;

  std::string pathOf(const std::string& name) const { return dir + "/" + name + ".json"; }
};

Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::internal(path + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string jsonPath(const std::string& violation_path) {
  if (violation_path.empty()) return "$";
  return violation_path[0] == '[' ? "$" + violation_path : "$." + violation_path;
}

Result<json> loadFile(const FixtureSet& fx, const std::string& name) {
  const std::string path = fx.pathOf(name);
  auto text = readFile(path);
  if (!text) return text.error();
  json doc;
  try {
    doc = json::parse(*text);
  } catch (const json::parse_error& e) {
    return Error::internal(path + ": invalid JSON at byte " + std::to_string(e.byte));
  }
  const json* def = resolvePointer(fx.schema_doc, "#/definitions/" + name);
  if (!def) return Error::internal(path + ": no definition '" + name + "' in the fixture schema");
  auto schema = fx.compiler->compile(*def, "#/definitions/" + name);
  if (!schema) return schema.error();
  std::vector<Violation> violations;
  if (!schema->validate(doc, &violations)) {
    const auto& v = violations.front();
    return Error::internal(path + " at " + jsonPath(v.path) + ": " + v.message);
  }
  return doc;
}

// Fixture timestamps are validated by the schema, so parsing cannot fail here.
Millis ts(const FixtureSet& fx, const json& v) {
  return *parseIsoDateTime(v.get<std::string>()) + fx.shift;
}
std::optional<Millis> optTs(const FixtureSet& fx, const json& v) {
  if (v.is_null()) return std::nullopt;
  return ts(fx, v);
}
template <typename T>
std::optional<T> opt(const json& v) {
  if (v.is_null()) return std::nullopt;
  return v.get<T>();
}

// Shifts every "...At" timestamp of a record the API shows as stored (contacts, consents).
void shiftRecord(const FixtureSet& fx, json* record) {
  for (auto& [key, value] : record->items()) {
    if (key.size() > 2 && key.compare(key.size() - 2, 2, "At") == 0 && value.is_string()) {
      if (auto t = parseIsoDateTime(value.get<std::string>()))
        value = formatIsoMillis(*t + fx.shift);
    }
  }
}

Error badReference(const FixtureSet& fx, const std::string& file, size_t index,
                   const std::string& field, const std::string& id, const char* what) {
  return Error::internal(fx.pathOf(file) + " at $[" + std::to_string(index) + "]." + field + ": " +
                         what + " " + id + " does not exist");
}

Status loadUsers(const FixtureSet& fx, State* s) {
  auto doc = loadFile(fx, "users");
  if (!doc) return doc.error();
  for (size_t i = 0; i < doc->size(); ++i) {
    const json& u = (*doc)[i];
    User user;
    user.id = u["_id"];
    user.username = u["username"];
    user.name = u["name"];
    user.surname = u["surname"];
    user.email = u["email"];
    user.profile_photo = u["profilePhoto"];
    user.availability = u["availabilityStatus"];
    user.followers_count = u["followersCount"];
    user.following_count = u["followingCount"];
    user.expertise = opt<std::string>(u["expertise"]);
    user.credits = u["credits"];
    user.can_broadcast = u["canBroadcast"];
    if (s->users.count(user.id)) {
      return Error::internal(fx.pathOf("users") + " at $[" + std::to_string(i) +
                             "]._id: duplicate id " + user.id);
    }
    s->user_order.push_back(user.id);
    s->users.emplace(user.id, std::move(user));
  }
  return okStatus();
}

Status loadFollows(const FixtureSet& fx, State* s) {
  auto doc = loadFile(fx, "follows");
  if (!doc) return doc.error();
  for (size_t i = 0; i < doc->size(); ++i) {
    const json& f = (*doc)[i];
    for (const char* field : {"followerId", "followeeId"}) {
      if (!s->user(f[field])) return badReference(fx, "follows", i, field, f[field], "user");
    }
    s->follows.emplace(f["followerId"], f["followeeId"]);
  }
  return okStatus();
}

Status loadStreams(const FixtureSet& fx, State* s) {
  auto doc = loadFile(fx, "streams");
  if (!doc) return doc.error();
  for (size_t i = 0; i < doc->size(); ++i) {
    const json& j = (*doc)[i];
    Stream st;
    st.id = j["id"];
    st.title = j["title"];
    st.live_stream_type = j["liveStreamType"];
    st.channel_name = j["channelName"];
    st.creator_id = j["creatorId"];
    if (!s->user(st.creator_id))
      return badReference(fx, "streams", i, "creatorId", st.creator_id, "user");
    for (const char* field : {"guestIds", "broadcasterIds"}) {
      auto& list = std::string(field) == "guestIds" ? st.guest_ids : st.broadcaster_ids;
      for (size_t k = 0; k < j[field].size(); ++k) {
        std::string id = j[field][k];
        if (!s->user(id)) {
          return badReference(fx, "streams", i, std::string(field) + "[" + std::to_string(k) + "]",
                              id, "user");
        }
        list.push_back(id);
      }
    }
    st.thumbnail_url = j["thumbnailUrl"];
    st.recording = j["recording"];
    st.recording_url = opt<std::string>(j["recordingUrl"]);
    st.status = *streamStatusFromString(j["status"].get<std::string>());
    st.price = opt<double>(j["price"]);
    st.interest = opt<std::string>(j["interest"]);
    st.motivation = opt<std::string>(j["motivation"]);
    st.duration_goal = opt<int64_t>(j["durationGoal"]);
    st.active_replay_on_creator_profile = opt<bool>(j["isActiveReplayOnCreatorProfile"]);
    st.replay_credit_price = opt<double>(j["replayCreditPrice"]);
    st.started_at = optTs(fx, j["startedAt"]);
    st.planned_start_date = optTs(fx, j["plannedStartDate"]);
    st.ended_at = optTs(fx, j["endedAt"]);
    st.planned_end_date = optTs(fx, j["plannedEndDate"]);
    st.deleted_at = optTs(fx, j["deletedAt"]);
    st.created_at = ts(fx, j["createdAt"]);
    st.updated_at = ts(fx, j["updatedAt"]);
    st.funding_goal = opt<double>(j["fundingGoal"]);
    st.collected_funding = j["collectedFunding"];
    st.mini_crowd_fundings = j["miniCrowdFundings"];
    for (size_t k = 0; k < j["audience"].size(); ++k) {
      const json& a = j["audience"][k];
      if (!s->user(a["userId"])) {
        return badReference(fx, "streams", i, "audience[" + std::to_string(k) + "].userId",
                            a["userId"], "user");
      }
      st.audience.push_back({a["userId"], ts(fx, a["joinedAt"])});
    }
    for (const auto& b : j["chatBans"])
      st.chat_bans.insert(b.get<std::string>());
    if (s->streams.count(st.id)) {
      return Error::internal(fx.pathOf("streams") + " at $[" + std::to_string(i) +
                             "].id: duplicate id " + st.id);
    }
    s->streams.emplace(st.id, std::move(st));
  }
  return okStatus();
}

Status loadChat(const FixtureSet& fx, State* s) {
  auto doc = loadFile(fx, "chat-messages");
  if (!doc) return doc.error();
  for (size_t i = 0; i < doc->size(); ++i) {
    const json& m = (*doc)[i];
    if (!s->streams.count(m["streamId"])) {
      return badReference(fx, "chat-messages", i, "streamId", m["streamId"], "stream");
    }
    if (!s->user(m["senderId"]))
      return badReference(fx, "chat-messages", i, "senderId", m["senderId"], "user");
    s->chat[m["streamId"]].push_back(
        {m["_id"], m["streamId"], m["senderId"], m["content"], ts(fx, m["createdAt"])});
  }
  for (auto& [_, list] : s->chat) {
    std::stable_sort(list.begin(), list.end(), [](const ChatMessage& a, const ChatMessage& b) {
      return a.created_at < b.created_at;
    });
  }
  return okStatus();
}

Status loadGifts(const FixtureSet& fx, State* s) {
  auto types = loadFile(fx, "gift-types");
  if (!types) return types.error();
  for (const json& g : *types) {
    s->gift_types.push_back({g["_id"], g["name"], g["iconUrl"], g["price"], g["active"]});
  }
  auto gifts = loadFile(fx, "gifts");
  if (!gifts) return gifts.error();
  for (size_t i = 0; i < gifts->size(); ++i) {
    const json& g = (*gifts)[i];
    if (!s->streams.count(g["streamId"]))
      return badReference(fx, "gifts", i, "streamId", g["streamId"], "stream");
    if (!s->user(g["senderId"]))
      return badReference(fx, "gifts", i, "senderId", g["senderId"], "user");
    bool type_known = false;
    for (const auto& t : s->gift_types)
      type_known = type_known || t.id == g["giftTypeId"];
    if (!type_known)
      return badReference(fx, "gifts", i, "giftTypeId", g["giftTypeId"], "gift type");
    s->gifts.push_back(
        {g["_id"], g["streamId"], g["giftTypeId"], g["senderId"], ts(fx, g["sentAt"])});
  }
  return okStatus();
}

Status loadRentalsAndReminders(const FixtureSet& fx, State* s) {
  auto rentals = loadFile(fx, "replay-rentals");
  if (!rentals) return rentals.error();
  for (size_t i = 0; i < rentals->size(); ++i) {
    const json& r = (*rentals)[i];
    if (!s->streams.count(r["streamId"]))
      return badReference(fx, "replay-rentals", i, "streamId", r["streamId"], "stream");
    if (!s->user(r["userId"]))
      return badReference(fx, "replay-rentals", i, "userId", r["userId"], "user");
    s->rentals.push_back({r["_id"], r["streamId"], r["userId"], r["price"], ts(fx, r["rentedAt"]),
                          ts(fx, r["expiresAt"])});
  }
  auto reminders = loadFile(fx, "reminders");
  if (!reminders) return reminders.error();
  for (size_t i = 0; i < reminders->size(); ++i) {
    const json& r = (*reminders)[i];
    if (!s->streams.count(r["streamId"]))
      return badReference(fx, "reminders", i, "streamId", r["streamId"], "stream");
    if (!s->user(r["userId"]))
      return badReference(fx, "reminders", i, "userId", r["userId"], "user");
    s->reminders.push_back({r["_id"], r["streamId"], r["userId"], opt<int64_t>(r["minutesBefore"]),
                            ts(fx, r["createdAt"]), ts(fx, r["updatedAt"])});
  }
  return okStatus();
}

Status loadRecords(const FixtureSet& fx, State* s) {
  auto contacts = loadFile(fx, "contacts");
  if (!contacts) return contacts.error();
  for (auto& c : *contacts)
    shiftRecord(fx, &c);
  s->contacts = std::move(contacts).value();
  auto consents = loadFile(fx, "consents");
  if (!consents) return consents.error();
  for (size_t i = 0; i < consents->size(); ++i) {
    json& c = (*consents)[i];
    if (!s->user(c["userId"]))
      return badReference(fx, "consents", i, "userId", c["userId"], "user");
    shiftRecord(fx, &c);
  }
  s->consents = std::move(consents).value();
  return okStatus();
}

// Images bundled under fixtures/uploads/ (the default thumbnail, ...), served at /uploads/NAME.
Status loadUploads(const FixtureSet& fx, State* s) {
  const std::string dir = fx.dir + "/uploads";
  DIR* d = opendir(dir.c_str());
  if (!d) return okStatus();
  Status result = okStatus();
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    auto bytes = readFile(dir + "/" + name);
    if (!bytes) {
      result = bytes.error();
      break;
    }
    auto type = sniffImage(*bytes);
    if (!type) {
      result = Error::internal(dir + "/" + name + ": not a PNG, JPEG or WebP image");
      break;
    }
    s->uploads[name] = {std::string(mimeType(*type)), std::move(bytes).value()};
  }
  closedir(d);
  return result;
}

}  // namespace

Result<State> loadFixtures(const std::string& directory, Millis now) {
  FixtureSet fx;
  fx.dir = directory;
  try {
    fx.schema_doc = json::parse(embeddedFixtureSchemaJson());
  } catch (const json::parse_error& e) {
    return Error::internal("schemas/fixtures.schema.json: invalid JSON at byte " +
                           std::to_string(e.byte));
  }
  fx.compiler = std::make_unique<SchemaCompiler>(fx.schema_doc);

  auto meta_text = readFile(directory + "/meta.json");
  if (!meta_text) return meta_text.error();
  auto meta = loadFile(fx, "meta");
  if (!meta) return meta.error();
  fx.shift = now - *parseIsoDateTime((*meta)["referenceTime"].get<std::string>());

  State s;
  for (auto step : {loadUsers, loadFollows, loadStreams, loadChat, loadGifts,
                    loadRentalsAndReminders, loadRecords, loadUploads}) {
    auto st = step(fx, &s);
    if (!st) return st.error();
  }
  return s;
}

}  // namespace lsm
