#pragma once
// How records look through the API, computed for the caller: `role`, `isFollowing` and
// `replayAccess` depend on who asks and when.

#include <nlohmann/json.hpp>
#include <string>

#include "domain/model.h"

namespace lsm {

nlohmann::json userSnapshot(const User& u);
nlohmann::json viewerView(const State& s, const User& u, Millis joined_at,
                          const std::string& caller_id);
nlohmann::json replayAccessView(const State& s, const Stream& st, const std::string& caller_id,
                                Millis now);
nlohmann::json liveStreamView(const State& s, const Stream& st, const std::string& caller_id,
                              Millis now);
nlohmann::json chatMessageView(const State& s, const ChatMessage& m);
nlohmann::json paginationView(int64_t page, int64_t limit, int64_t total);

// The caller's role on a stream: host, broadcaster, guest, audience, or empty for none.
std::string roleOf(const Stream& st, const std::string& user_id);

}  // namespace lsm
