#include "domain/fixtures.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "codec/image_sniff.h"
#include "core/base64.h"
#include "core/json_parse.h"
#include "domain/viewers.h"
#include "spec/spec.h"
#include "validation/schema.h"

namespace lsm {

using nlohmann::json;

namespace {

// Where the documents come from: a fixtures directory (one file each) or one state document.
struct FixtureSet {
  std::string dir;  // fixtures directory; empty for a state document
  const json* state = nullptr;
  json schema_doc;
  std::unique_ptr<SchemaCompiler> compiler;
  Millis shift = 0;

  // "fixtures/users.json" or "state.users"
  std::string pathOf(const std::string& name) const {
    if (state) return name == "state" ? "state" : "state." + name;
    return dir + "/" + name + ".json";
  }
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

Result<json> validated(const FixtureSet& fx, const std::string& name, json doc) {
  const json* def = resolvePointer(fx.schema_doc, "#/definitions/" + name);
  if (!def)
    return Error::internal(fx.pathOf(name) + ": no definition '" + name +
                           "' in the fixture schema");
  auto schema = fx.compiler->compile(*def, "#/definitions/" + name);
  if (!schema) return schema.error();
  std::vector<Violation> violations;
  if (!schema->validate(doc, &violations)) {
    const auto& v = violations.front();
    return Error::internal(fx.pathOf(name) + " at " + jsonPath(v.path) + ": " + v.message);
  }
  return doc;
}

// One document, checked against its definition. In a state document an optional part
// (superlikes, uploads) that is absent reads as an empty list.
Result<json> loadFile(const FixtureSet& fx, const std::string& name) {
  if (fx.state) {
    auto it = fx.state->find(name);
    if (it == fx.state->end()) return json::array();
    return validated(fx, name, *it);
  }
  const std::string path = fx.pathOf(name);
  auto text = readFile(path);
  if (!text) return text.error();
  auto doc = parseJson(*text);
  if (!doc) return Error::internal(path + ": " + doc.error().details.at(0));
  return validated(fx, name, std::move(doc).value());
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
    user.search_text = searchTextOf(user);
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
      const User* member = s->user(a["userId"]);
      if (!member) {
        return badReference(fx, "streams", i, "audience[" + std::to_string(k) + "].userId",
                            a["userId"], "user");
      }
      st.audience.push_back({a["userId"], ts(fx, a["joinedAt"]), member->search_text});
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

// Images: bundled under fixtures/uploads/ (the default thumbnail, ...), or carried base64 in a
// state document; served at /uploads/NAME.
Status loadUploads(const FixtureSet& fx, State* s) {
  if (fx.state) {
    auto doc = loadFile(fx, "uploads");
    if (!doc) return doc.error();
    for (size_t i = 0; i < doc->size(); ++i) {
      const json& u = (*doc)[i];
      auto bytes = base64Decode(u["base64"].get<std::string>());
      if (!bytes || !sniffImage(*bytes)) {
        return Error::internal(fx.pathOf("uploads") + " at $[" + std::to_string(i) +
                               "].base64: not a base64 PNG, JPEG or WebP image");
      }
      s->uploads[u["name"]] = {u["contentType"], std::move(bytes).value()};
    }
    return okStatus();
  }
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

Status loadSuperlikes(const FixtureSet& fx, State* s) {
  if (!fx.state) return okStatus();
  auto doc = loadFile(fx, "superlikes");
  if (!doc) return doc.error();
  for (size_t i = 0; i < doc->size(); ++i) {
    const json& l = (*doc)[i];
    if (!s->streams.count(l["streamId"]))
      return badReference(fx, "superlikes", i, "streamId", l["streamId"], "stream");
    if (!s->user(l["senderId"]))
      return badReference(fx, "superlikes", i, "senderId", l["senderId"], "user");
    s->superlikes.push_back({l["streamId"], l["senderId"], l["price"], ts(fx, l["timestamp"])});
  }
  return okStatus();
}

Result<State> build(FixtureSet& fx) {
  State s;
  for (auto step : {loadUsers, loadFollows, loadStreams, loadChat, loadGifts,
                    loadRentalsAndReminders, loadRecords, loadUploads, loadSuperlikes}) {
    auto st = step(fx, &s);
    if (!st) return st.error();
  }
  return s;
}

Status initSchema(FixtureSet* fx) {
  auto doc = parseJson(embeddedFixtureSchemaJson());
  if (!doc) return Error::internal("schemas/fixtures.schema.json: " + doc.error().details.at(0));
  fx->schema_doc = std::move(doc).value();
  fx->compiler = std::make_unique<SchemaCompiler>(fx->schema_doc);
  return okStatus();
}

json optTimeJson(const std::optional<Millis>& t) {
  return t ? json(formatIsoMillis(*t)) : json(nullptr);
}
template <typename T>
json optJson(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

Result<State> loadFixtures(const std::string& directory, Millis now) {
  FixtureSet fx;
  fx.dir = directory;
  if (auto st = initSchema(&fx); !st) return st.error();
  auto meta = loadFile(fx, "meta");
  if (!meta) return meta.error();
  fx.shift = now - *parseIsoDateTime((*meta)["referenceTime"].get<std::string>());
  return build(fx);
}

Result<State> importState(const json& doc) {
  FixtureSet fx;
  fx.state = &doc;
  if (auto st = initSchema(&fx); !st) return st.error();
  auto whole = validated(fx, "state", doc);
  if (!whole) return whole.error();
  auto s = build(fx);
  if (!s) return s;
  s->id_counter = doc.value("idCounter", 0ULL);
  return s;
}

json exportState(const State& s, Millis now) {
  json doc = json::object();
  doc["format"] = kStateFormat;
  doc["savedAt"] = formatIsoMillis(now);
  doc["idCounter"] = s.id_counter;
  json users = json::array();
  for (const auto& id : s.user_order) {
    const User& u = *s.user(id);
    users.push_back({{"_id", u.id},
                     {"username", u.username},
                     {"name", u.name},
                     {"surname", u.surname},
                     {"email", u.email},
                     {"profilePhoto", u.profile_photo},
                     {"availabilityStatus", u.availability},
                     {"followersCount", u.followers_count},
                     {"followingCount", u.following_count},
                     {"expertise", optJson(u.expertise)},
                     {"credits", u.credits},
                     {"canBroadcast", u.can_broadcast}});
  }
  doc["users"] = std::move(users);
  json follows = json::array();
  for (const auto& [follower, followee] : s.follows) {
    follows.push_back({{"followerId", follower}, {"followeeId", followee}});
  }
  doc["follows"] = std::move(follows);
  // Streams and chat in a stable order (by id), so two exports of one state are identical.
  std::vector<const Stream*> streams;
  for (const auto& [_, st] : s.streams)
    streams.push_back(&st);
  std::sort(streams.begin(), streams.end(), [](auto* a, auto* b) { return a->id < b->id; });
  json stream_docs = json::array();
  json chat = json::array();
  for (const Stream* st : streams) {
    json audience = json::array();
    for (const auto& a : st->audience) {
      audience.push_back({{"userId", a.user_id}, {"joinedAt", formatIsoMillis(a.joined_at)}});
    }
    stream_docs.push_back(
        {{"id", st->id},
         {"title", st->title},
         {"liveStreamType", st->live_stream_type},
         {"channelName", st->channel_name},
         {"creatorId", st->creator_id},
         {"guestIds", st->guest_ids},
         {"broadcasterIds", st->broadcaster_ids},
         {"thumbnailUrl", st->thumbnail_url},
         {"recording", st->recording},
         {"recordingUrl", optJson(st->recording_url)},
         {"status", toString(st->status)},
         {"accessType", st->price ? "paid" : "free"},
         {"price", optJson(st->price)},
         {"interest", optJson(st->interest)},
         {"durationGoal", optJson(st->duration_goal)},
         {"motivation", optJson(st->motivation)},
         {"isActiveReplayOnCreatorProfile", optJson(st->active_replay_on_creator_profile)},
         {"replayCreditPrice", optJson(st->replay_credit_price)},
         {"startedAt", optTimeJson(st->started_at)},
         {"plannedStartDate", optTimeJson(st->planned_start_date)},
         {"endedAt", optTimeJson(st->ended_at)},
         {"plannedEndDate", optTimeJson(st->planned_end_date)},
         {"createdAt", formatIsoMillis(st->created_at)},
         {"updatedAt", formatIsoMillis(st->updated_at)},
         {"deletedAt", optTimeJson(st->deleted_at)},
         {"fundingGoal", optJson(st->funding_goal)},
         {"collectedFunding", st->collected_funding},
         {"miniCrowdFundings", st->mini_crowd_fundings},
         {"audience", std::move(audience)},
         {"chatBans", json(st->chat_bans)}});
    if (auto it = s.chat.find(st->id); it != s.chat.end()) {
      for (const auto& m : it->second) {
        chat.push_back({{"_id", m.id},
                        {"streamId", m.stream_id},
                        {"senderId", m.sender_id},
                        {"content", m.content},
                        {"createdAt", formatIsoMillis(m.created_at)}});
      }
    }
  }
  doc["streams"] = std::move(stream_docs);
  doc["chat-messages"] = std::move(chat);
  json types = json::array();
  for (const auto& t : s.gift_types) {
    types.push_back({{"_id", t.id},
                     {"name", t.name},
                     {"iconUrl", t.icon_url},
                     {"price", t.price},
                     {"active", t.active}});
  }
  doc["gift-types"] = std::move(types);
  json gifts = json::array();
  for (const auto& g : s.gifts) {
    gifts.push_back({{"_id", g.id},
                     {"streamId", g.stream_id},
                     {"giftTypeId", g.gift_type_id},
                     {"senderId", g.sender_id},
                     {"sentAt", formatIsoMillis(g.sent_at)}});
  }
  doc["gifts"] = std::move(gifts);
  doc["contacts"] = s.contacts;
  doc["consents"] = s.consents;
  json rentals = json::array();
  for (const auto& r : s.rentals) {
    rentals.push_back({{"_id", r.id},
                       {"streamId", r.stream_id},
                       {"userId", r.user_id},
                       {"price", r.price},
                       {"rentedAt", formatIsoMillis(r.rented_at)},
                       {"expiresAt", formatIsoMillis(r.expires_at)}});
  }
  doc["replay-rentals"] = std::move(rentals);
  json reminders = json::array();
  for (const auto& r : s.reminders) {
    reminders.push_back({{"_id", r.id},
                         {"streamId", r.stream_id},
                         {"userId", r.user_id},
                         {"minutesBefore", optJson(r.minutes_before)},
                         {"createdAt", formatIsoMillis(r.created_at)},
                         {"updatedAt", formatIsoMillis(r.updated_at)}});
  }
  doc["reminders"] = std::move(reminders);
  json superlikes = json::array();
  for (const auto& l : s.superlikes) {
    superlikes.push_back({{"streamId", l.stream_id},
                          {"senderId", l.sender_id},
                          {"price", l.price},
                          {"timestamp", formatIsoMillis(l.timestamp)}});
  }
  doc["superlikes"] = std::move(superlikes);
  json uploads = json::array();
  for (const auto& [name, u] : s.uploads) {
    uploads.push_back(
        {{"name", name}, {"contentType", u.content_type}, {"base64", base64Encode(u.bytes)}});
  }
  doc["uploads"] = std::move(uploads);
  return doc;
}

}  // namespace lsm
