#include "domain/chat.h"

#include <algorithm>

#include "core/text.h"
#include "domain/paging.h"

namespace lsm {

Result<const ChatMessage*> postChatMessage(State& s, const std::string& stream_id,
                                           const std::string& sender_id, const std::string& content,
                                           Millis now) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (st->chat_bans.count(sender_id)) return Error::forbidden("you are banned from this chat");
  if (st->status != StreamStatus::kActive) {
    return Error::conflict(std::string("chat is closed: the stream is ") + toString(st->status));
  }
  std::string text = trimWhitespace(content);
  if (text.empty()) return Error::invalid("content: must not be empty");
  auto& list = s.chat[stream_id];
  list.push_back({s.newId(now), stream_id, sender_id, std::move(text), now});
  return static_cast<const ChatMessage*>(&list.back());
}

Result<ChatPage> listChatMessages(const State& s, const std::string& stream_id, int64_t page,
                                  int64_t limit, const std::optional<std::string>& before_id) {
  if (!s.liveStream(stream_id)) return Error::notFound("stream " + stream_id + " does not exist");
  ChatPage out;
  auto it = s.chat.find(stream_id);
  if (it == s.chat.end()) return out;
  const auto& list = it->second;
  size_t end = list.size();
  if (before_id) {
    auto pos = std::find_if(list.begin(), list.end(),
                            [&](const ChatMessage& m) { return m.id == *before_id; });
    if (pos == list.end()) {
      return Error::notFound("before: no message " + *before_id + " in this stream");
    }
    end = static_cast<size_t>(pos - list.begin());
  }
  out.total = static_cast<int64_t>(end);
  // Pages count from the newest message: page 1 is the last `limit` before `end`.
  const PageWindow w = pageWindow(page, limit, end);
  const size_t last = end - w.begin;
  const size_t first = end - w.end;
  for (size_t i = first; i < last; ++i)
    out.messages.push_back(&list[i]);
  return out;
}

}  // namespace lsm
