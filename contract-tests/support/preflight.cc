#include "support/preflight.h"

#include <regex>
#include <set>

#include "support/cleanup.h"
#include "support/suite.h"

namespace contract {

namespace {

std::string tokenName(Role r) {
  return std::string("CONTRACT_TOKEN_") + roleName(r);
}

lsm::Status userIds(Suite& s) {
  std::map<std::string, Role> seen;
  for (Role r : allRoles()) {
    std::string id = s.target.user_ids.count(r) ? s.target.user_ids.at(r) : "";
    if (id.empty()) id = jwtSubject(s.target.tokens[r]);
    if (id.empty()) {
      return lsm::Error::invalid(tokenName(r) +
                                 " is not a JWT whose `sub` is the user id: give the user id as "
                                 "CONTRACT_USER_ID_" +
                                 roleName(r));
    }
    if (auto it = seen.find(id); it != seen.end()) {
      return lsm::Error::invalid(tokenName(r) + " and " + tokenName(it->second) +
                                 " are the same user (" + id + "): the four roles need four users");
    }
    seen[id] = r;
    s.user_ids[r] = id;
  }
  return lsm::okStatus();
}

lsm::Status tokensAccepted(Suite& s) {
  for (Role r : allRoles()) {
    HttpResult res = s.client->send(Req("getConsentHistory").as(r).build());
    if (!res.sent)
      return lsm::Error::invalid("cannot reach " + s.client->baseUrl() + ": " + res.error);
    if (res.throttled) {
      return lsm::Error::invalid(
          "the server still answers 429 after every retry; give a lower "
          "--max-rps");
    }
    if (res.status == 401 || res.status == 403) {
      return lsm::Error::invalid(tokenName(r) + " (user " + s.user_ids[r] +
                                 ") is refused by the server: GET /api/v1/consents/history "
                                 "answered " +
                                 std::to_string(res.status));
    }
    if (res.status >= 500) {
      return lsm::Error::invalid("the server answers " + std::to_string(res.status) +
                                 " to GET /api/v1/consents/history with " + tokenName(r));
    }
  }
  return lsm::okStatus();
}

// The first ObjectId in `body` that is not `except`: the id of the live stream a 409 names.
std::string streamIdIn(const std::string& body, const std::string& except) {
  static const std::regex kId("[0-9a-fA-F]{24}");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kId); it != std::sregex_iterator();
       ++it) {
    if (it->str() != except) return it->str();
  }
  return "";
}

lsm::Status hostMayBroadcast(Suite& s) {
  const std::string host = s.user_ids[Role::kHost];
  HttpResult r = s.client->send(
      Req("createLiveStream").as(Role::kHost).field("title", "Contract suite preflight").build());
  if (!r.sent) return lsm::Error::invalid("cannot reach " + s.client->baseUrl() + ": " + r.error);
  if (r.status >= 200 && r.status < 300) {
    // The ledger has it (the client's hook); it must go again, or the suite cannot clean up.
    sweepAll(false);
    for (const auto& e : s.ledger->entries(s.client->baseUrl())) {
      if (e.test == "preflight") {
        return lsm::Error::invalid("the suite cannot remove the stream it creates: " + e.stream_id +
                                   " (created by HOST in the preflight) stays " +
                                   "live after cancel and delete; it is kept in the ledger");
      }
    }
    return lsm::okStatus();
  }
  if (r.status == 403) {
    return lsm::Error::invalid(tokenName(Role::kHost) + " (user " + host +
                               ") may not broadcast on this server (create answered 403): HOST "
                               "must be a user who may create live streams");
  }
  if (r.status == 409) {
    const std::string id = streamIdIn(r.body, host);
    return lsm::Error::invalid(
        tokenName(Role::kHost) + " (user " + host + ") already has a live stream" +
        (id.empty() ? " (the server did not say which)" : " " + id) +
        ", not created by this suite: end it, or give a HOST with no live stream");
  }
  return lsm::Error::invalid("HOST's test create answered " + std::to_string(r.status) + " " +
                             r.body.substr(0, 200) + "; the suite needs it to answer 201");
}

}  // namespace

lsm::Status checkRoles(Suite& s) {
  if (auto st = userIds(s); !st) return st;
  return tokensAccepted(s);
}

lsm::Status checkHost(Suite& s) {
  if (s.target.writesAllowed()) {
    s.current_test = "preflight";
    if (auto st = hostMayBroadcast(s); !st) return st;
    s.current_test.clear();
  }
  return lsm::okStatus();
}

}  // namespace contract
