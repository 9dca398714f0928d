#pragma once
// The parts of State a write may change and a remembered read may depend on. Each write declares
// the aspects it changes (Store::write); each cached read declares the aspects its answer is made
// from (handlers/table.cc: cachedReadAspects). A write moves only its aspects' versions, so a chat
// message does not throw away every remembered viewer list.
//
// A write that declares too little would let the cache serve a stale answer. --audit-writes (what
// the HTTP tests and the contract suite run the mock with) checks every write: the aspects it
// did not declare must read the same before and after it.

#include <array>
#include <cstdint>
#include <string>

#include "domain/model.h"

namespace lsm {

using Aspects = uint32_t;

enum Aspect : Aspects {
  kUsersAspect = 1u << 0,         // users (but their credits), their order, follows
  kCreditsAspect = 1u << 1,       // each user's credits
  kStreamsAspect = 1u << 2,       // streams: status, audience, chat bans, funding, ...
  kChatAspect = 1u << 3,          // chat messages
  kGiftsAspect = 1u << 4,         // gift types and gifts sent
  kRentalsAspect = 1u << 5,       // replay rentals
  kRemindersAspect = 1u << 6,     // reminders
  kSuperlikesAspect = 1u << 7,    // superlikes
  kRecordsAspect = 1u << 8,       // contacts and consents
  kUploadsAspect = 1u << 9,       // uploaded images
  kIdsAspect = 1u << 10,          // the id counter
  kRevocationsAspect = 1u << 11,  // canBroadcast values a provider state will give back
};
inline constexpr size_t kAspectCount = 12;
inline constexpr Aspects kAllAspects = (1u << kAspectCount) - 1;

// "chat, streams": the names of the aspects in `set`.
std::string describeAspects(Aspects set);

// What each aspect of `s` reads as, one text per aspect (indexed by bit position). Costs an export
// of the whole state: for the write audit, not for serving.
std::array<std::string, kAspectCount> aspectFingerprints(const State& s);

// The aspects whose fingerprints differ.
Aspects changedAspects(const std::array<std::string, kAspectCount>& before,
                       const std::array<std::string, kAspectCount>& after);

}  // namespace lsm
