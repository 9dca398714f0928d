#include "provider_states.h"

#include <fstream>
#include <random>

namespace standin {
namespace {

using nlohmann::json;

std::string nestError(int status, const std::string& message) {
  const char* name = status == 404 ? "Not Found" : "Bad Request";
  return json{{"statusCode", status}, {"message", message}, {"error", name}}.dump();
}

json* findById(json& list, const char* key, const std::string& id) {
  if (!list.is_array()) return nullptr;
  for (auto& item : list) {
    if (item.is_object() && item.value(key, "") == id) return &item;
  }
  return nullptr;
}

// A fresh ObjectId: seconds since the epoch, then random bytes.
std::string newObjectId(lsm::Millis now) {
  static std::mt19937_64 rng{std::random_device{}()};
  char id[25];
  snprintf(id, sizeof id, "%08llx%016llx", static_cast<unsigned long long>(now / 1000),
           static_cast<unsigned long long>(rng()));
  return id;
}

}  // namespace

std::unique_ptr<ProviderStates> ProviderStates::load(const std::string& catalogue_path,
                                                     const Upstream& upstream,
                                                     std::mutex& state_lock, std::string& error) {
  std::ifstream in(catalogue_path);
  json catalogue = json::parse(in, nullptr, false);
  if (!catalogue.is_object() || !catalogue.contains("states")) {
    error = "cannot read the provider-state catalogue " + catalogue_path;
    return nullptr;
  }
  auto states = std::make_unique<ProviderStates>(upstream, state_lock, std::move(catalogue));
  states->compiler_ = std::make_unique<lsm::SchemaCompiler>(states->catalogue_);
  for (const auto& s : states->catalogue_["states"]) {
    auto schema = states->compiler_->compile(s["params"], s["name"].get<std::string>());
    if (!schema) {
      error = "provider state " + s["name"].get<std::string>() + ": bad params schema";
      return nullptr;
    }
    states->params_schemas_[s["name"]] = schema.value();
  }
  return states;
}

Response ProviderStates::handle(const Request& req) {
  const json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("state") || !body["state"].is_string()) {
    return jsonResponse(400, nestError(400, "body must be a JSON object with a string \"state\""));
  }
  const std::string state = body["state"];
  const std::string action = body.value("action", "setup");
  const json params = body.value("params", json::object());
  auto schema = params_schemas_.find(state);
  if (schema == params_schemas_.end()) {
    return jsonResponse(400, nestError(400, "unknown provider state: " + state));
  }
  if (action != "setup" && action != "teardown") {
    return jsonResponse(400, nestError(400, "action must be setup or teardown, not " + action));
  }
  std::vector<lsm::Violation> violations;
  if (!schema->second.validate(params, &violations)) {
    std::string message = "bad params for \"" + state + "\":";
    for (const auto& v : violations)
      message += " " + v.toString("params") + ";";
    return jsonResponse(400, nestError(400, message));
  }
  std::lock_guard<std::mutex> lock(state_lock_);
  const std::string problem = apply(state, params, action == "setup");
  if (!problem.empty()) return jsonResponse(400, nestError(400, state + ": " + problem));
  return jsonResponse(200, json{{"state", state}, {"action", action}, {"done", true}}.dump());
}

std::string ProviderStates::apply(const std::string& state, const json& p, bool setup) {
  const std::string stream = p.value("streamId", "");
  const std::string user = p.value("userId", "");
  if (state == "user watches stream") {
    if (setup) {
      return controlCall("POST", "/__mock/streams/" + stream + "/audience", {{"userId", user}},
                         409);
    }
    return controlCall("DELETE", "/__mock/streams/" + stream + "/audience/" + user, nullptr, 404);
  }
  if (state == "user is banned from stream chat") {
    if (setup) {
      return controlCall("POST", "/__mock/streams/" + stream + "/chat-bans", {{"userId", user}});
    }
    return controlCall("DELETE", "/__mock/streams/" + stream + "/chat-bans/" + user);
  }
  if (state == "user may not broadcast") return mayNotBroadcast(user, setup);
  if (!setup) return "";  // the other states have no teardown
  if (state == "stream has ended") {
    json end = {{"recording", p["recording"]}};
    if (p.contains("replayCreditPrice")) end["replayCreditPrice"] = p["replayCreditPrice"];
    return controlCall("POST", "/__mock/streams/" + stream + "/end", end);
  }
  if (state == "user has credits") {
    return controlCall("PUT", "/__mock/users/" + user + "/credits", {{"credits", p["credits"]}});
  }
  if (state == "user follows user") return follows(p);
  if (state == "gifts were sent to stream") return gifts(p);
  if (state == "replay rental has expired") return rentalExpired(p);
  if (state == "scheduled stream has started") return scheduledStarted(stream);
  return "the stand-in does not implement this state";
}

// `also_fine`: a status that means the state holds already (a viewer already in, one gone).
std::string ProviderStates::controlCall(const std::string& method, const std::string& path,
                                        const json& body, int also_fine) {
  const JsonReply r = upstream_.control(method, path, body);
  if (r.ok()) return "";
  if (also_fine != 0 && r.status == also_fine) {
    // 409 on joining is fine only when the user is in the audience already.
    if (also_fine != 409 || r.errors().find("as audience") != std::string::npos) return "";
  }
  return r.errors();
}

std::string ProviderStates::editState(
    const std::function<std::string(json& doc, lsm::Millis now)>& edit) {
  const JsonReply clock = upstream_.control("GET", "/__mock/clock");
  const JsonReply state = upstream_.control("GET", "/__mock/state");
  if (!clock.ok()) return clock.errors();
  if (!state.ok()) return state.errors();
  const auto now = lsm::parseIsoDateTime(clock.body["data"].value("now", ""));
  if (!now) return "the upstream's clock is unreadable";
  json doc = state.body["data"];
  const std::string problem = edit(doc, *now);
  if (!problem.empty()) return problem;
  const JsonReply put = upstream_.control("PUT", "/__mock/state", doc);
  return put.ok() ? "" : put.errors();
}

std::string ProviderStates::mayNotBroadcast(const std::string& user_id, bool setup) {
  return editState([&](json& doc, lsm::Millis) -> std::string {
    json* user = findById(doc["users"], "_id", user_id);
    if (!user) return "no user " + user_id;
    if (setup) {
      could_broadcast_.emplace(user_id, user->value("canBroadcast", true));
      (*user)["canBroadcast"] = false;
    } else if (could_broadcast_.count(user_id)) {
      (*user)["canBroadcast"] = could_broadcast_[user_id];
      could_broadcast_.erase(user_id);
    }
    return "";
  });
}

std::string ProviderStates::follows(const json& p) {
  const std::string follower = p["followerId"], followee = p["followeeId"];
  const bool following = p["following"];
  if (follower == followee) return "a user cannot follow themselves";
  return editState([&](json& doc, lsm::Millis) -> std::string {
    json* a = findById(doc["users"], "_id", follower);
    json* b = findById(doc["users"], "_id", followee);
    if (!a || !b) return "no user " + (a ? followee : follower);
    json& list = doc["follows"];
    bool was = false;
    for (auto it = list.begin(); it != list.end();) {
      const bool same = (*it)["followerId"] == follower && (*it)["followeeId"] == followee;
      was = was || same;
      it = same ? list.erase(it) : it + 1;
    }
    if (following) list.push_back({{"followerId", follower}, {"followeeId", followee}});
    if (was != following) {
      const int delta = following ? 1 : -1;
      (*a)["followingCount"] = std::max(0, a->value("followingCount", 0) + delta);
      (*b)["followersCount"] = std::max(0, b->value("followersCount", 0) + delta);
    }
    return "";
  });
}

std::string ProviderStates::gifts(const json& p) {
  std::string type = p.value("giftTypeId", "");
  const bool inactive = p.value("inactiveType", false);
  if (type.empty() == !inactive) return "give either giftTypeId or inactiveType: true";
  if (inactive) {
    const JsonReply state = upstream_.control("GET", "/__mock/state");
    if (!state.ok()) return state.errors();
    for (const auto& t : state.body["data"]["gift-types"]) {
      if (!t.value("active", true)) type = t["_id"];
    }
    if (type.empty()) return "the upstream has no inactive gift type";
  }
  return controlCall("POST", "/__mock/streams/" + p["streamId"].get<std::string>() + "/gifts",
                     {{"senderId", p["senderId"]}, {"giftTypeId", type}, {"count", p["count"]}});
}

std::string ProviderStates::rentalExpired(const json& p) {
  const std::string user = p["userId"], stream = p["streamId"];
  return editState([&](json& doc, lsm::Millis now) -> std::string {
    const json* st = findById(doc["streams"], "id", stream);
    if (!st) return "no stream " + stream;
    if (!findById(doc["users"], "_id", user)) return "no user " + user;
    const std::string rented = lsm::formatIsoMillis(now - 49 * 3600 * 1000LL);
    const std::string expired = lsm::formatIsoMillis(now - 3600 * 1000LL);
    bool found = false;
    for (auto& r : doc["replay-rentals"]) {
      if (r["userId"] == user && r["streamId"] == stream) {
        r["rentedAt"] = rented;
        r["expiresAt"] = expired;
        found = true;
      }
    }
    if (!found) {
      const json price = (*st)["replayCreditPrice"];
      doc["replay-rentals"].push_back({{"_id", newObjectId(now)},
                                       {"userId", user},
                                       {"streamId", stream},
                                       {"price", price.is_number() ? price : json(0)},
                                       {"rentedAt", rented},
                                       {"expiresAt", expired}});
    }
    return "";
  });
}

// As the server starts scheduled streams: its planned start is moved to now, and the mock's own
// clock catch-up starts it.
std::string ProviderStates::scheduledStarted(const std::string& stream_id) {
  std::string problem = editState([&](json& doc, lsm::Millis now) -> std::string {
    json* st = findById(doc["streams"], "id", stream_id);
    if (!st || !(*st)["deletedAt"].is_null()) return "no stream " + stream_id;
    if ((*st)["status"] != "scheduled") {
      return "stream is " + (*st)["status"].get<std::string>() + ", not scheduled";
    }
    (*st)["plannedStartDate"] = lsm::formatIsoMillis(now);
    return "";
  });
  if (!problem.empty()) return problem;
  const JsonReply tick = upstream_.control("POST", "/__mock/clock", {{"advanceSeconds", 0}});
  if (!tick.ok()) return tick.errors();
  // The mock's own one-second ticker may have started it first: look at the stream itself.
  const JsonReply state = upstream_.control("GET", "/__mock/state");
  if (!state.ok()) return state.errors();
  json streams = state.body["data"]["streams"];
  const json* st = findById(streams, "id", stream_id);
  if (st && (*st)["status"] == "active") return "";
  return "the upstream did not start the stream";
}

}  // namespace standin
