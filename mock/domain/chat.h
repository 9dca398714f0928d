#pragma once
// Live chat: posting on an active stream, reading the history page by page.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// Errors: 404 no such stream, 409 the stream is not active, 403 the sender is banned from its
// chat, 400 content empty after trimming.
Result<const ChatMessage*> postChatMessage(State& s, const std::string& stream_id,
                                           const std::string& sender_id, const std::string& content,
                                           Millis now);

struct ChatPage {
  std::vector<const ChatMessage*> messages;  // oldest first
  int64_t total = 0;                         // messages the pages are counted over
};

// Page 1 holds the newest `limit` messages (before `before_id` when given), oldest first within
// the page; page 2 the `limit` before those, and so on: what a chat window scrolling back needs.
// Errors: 404 no such stream, or `before` names no message of this stream.
Result<ChatPage> listChatMessages(const State& s, const std::string& stream_id, int64_t page,
                                  int64_t limit, const std::optional<std::string>& before_id);

}  // namespace lsm
