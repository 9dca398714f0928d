#include "domain/aspects.h"

#include "domain/fixtures.h"

namespace lsm {

using nlohmann::json;

namespace {

constexpr std::array<const char*, kAspectCount> kNames = {
    "users",     "credits",    "streams", "chat",    "gifts", "rentals",
    "reminders", "superlikes", "records", "uploads", "ids",   "revocations"};

}  // namespace

std::string describeAspects(Aspects set) {
  std::string out;
  for (size_t i = 0; i < kAspectCount; ++i) {
    if (!(set & (1u << i))) continue;
    if (!out.empty()) out += ", ";
    out += kNames[i];
  }
  return out.empty() ? "nothing" : out;
}

std::array<std::string, kAspectCount> aspectFingerprints(const State& s) {
  // The exported state document, split by aspect. The time only stamps the document ("savedAt")
  // and is dropped.
  json doc = exportState(s, 0);
  json credits = json::object();
  for (auto& u : doc["users"]) {
    credits[u["_id"].get<std::string>()] = u["credits"];
    u.erase("credits");
  }
  json revocations = json::object();
  for (const auto& [user, before] : s.can_broadcast_before_revoke)
    revocations[user] = before;
  json gifts = {doc["gift-types"], doc["gifts"]};
  json records = {doc["contacts"], doc["consents"]};
  json users = {doc["users"], doc["follows"], s.user_order};

  std::array<std::string, kAspectCount> out;
  auto set = [&](Aspect a, const json& part) {
    for (size_t i = 0; i < kAspectCount; ++i) {
      if (a == (1u << i)) out[i] = part.dump();
    }
  };
  set(kUsersAspect, users);
  set(kCreditsAspect, credits);
  set(kStreamsAspect, doc["streams"]);
  set(kChatAspect, doc["chat-messages"]);
  set(kGiftsAspect, gifts);
  set(kRentalsAspect, doc["replay-rentals"]);
  set(kRemindersAspect, doc["reminders"]);
  set(kSuperlikesAspect, doc["superlikes"]);
  set(kRecordsAspect, records);
  set(kUploadsAspect, doc["uploads"]);
  set(kIdsAspect, doc["idCounter"]);
  set(kRevocationsAspect, revocations);
  return out;
}

Aspects changedAspects(const std::array<std::string, kAspectCount>& before,
                       const std::array<std::string, kAspectCount>& after) {
  Aspects changed = 0;
  for (size_t i = 0; i < kAspectCount; ++i) {
    if (before[i] != after[i]) changed |= 1u << i;
  }
  return changed;
}

}  // namespace lsm
