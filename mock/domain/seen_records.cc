#include "domain/seen_records.h"

#include <algorithm>
#include <set>

namespace lsm {

size_t mergeSeenRecords(State& into, const State& seen) {
  size_t added = 0;
  for (const auto& id : seen.user_order) {
    if (into.users.count(id)) continue;
    into.users.emplace(id, seen.users.at(id));
    into.user_order.push_back(id);
    ++added;
  }
  for (const auto& [id, st] : seen.streams) {
    if (into.streams.count(id)) continue;
    into.streams.emplace(id, st);
    ++added;
  }
  for (const auto& [stream_id, messages] : seen.chat) {
    auto& chat = into.chat[stream_id];
    std::set<std::string> have;
    for (const auto& m : chat)
      have.insert(m.id);
    bool grew = false;
    for (const auto& m : messages) {
      if (have.count(m.id)) continue;
      chat.push_back(m);
      grew = true;
      ++added;
    }
    if (grew) {
      // Oldest first, as the chat is kept.
      std::stable_sort(chat.begin(), chat.end(), [](const ChatMessage& a, const ChatMessage& b) {
        return a.created_at < b.created_at;
      });
    }
  }
  for (const auto& f : seen.follows) {
    if (into.follows.insert(f).second) ++added;
  }
  return added;
}

}  // namespace lsm
