#include "domain/chat.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

namespace {

// Everything a message's view is made from but its sender's snapshot (the users aspect's version
// covers that): the key its remembered text is found by.
std::string fragmentKey(const ChatMessage& m) {
  std::string key = "chat-message";
  for (const std::string* part : {&m.id, &m.stream_id, &m.sender_id, &m.content}) {
    key += '\0';
    key += std::to_string(part->size());
    key += ':';
    key += *part;
  }
  key += '\0';
  key += std::to_string(m.created_at);
  return key;
}

}  // namespace

Result<Reply> postChatMessage(Call& c) {
  const std::string& id = c.in.path.at("streamId");
  const std::string content = optString(c.in.body, "content").value_or("");
  return c.services.store.write(kChatAspect | kIdsAspect, [&](State& s) -> Result<Reply> {
    // The time is read under the lock: messages are appended in lock order, and a time read
    // before it let a later message carry an earlier createdAt (found by ChatRace... in
    // tests/http/concurrency_test.cc).
    const Millis now = c.services.clock.now();
    auto posted = lsm::postChatMessage(s, id, c.caller_id, content, now);
    if (!posted) return posted.error();
    return Reply{201, chatMessageView(s, **posted), std::nullopt};
  });
}

Result<Reply> listChatMessages(Call& c) {
  const std::string& id = c.in.path.at("streamId");
  const int64_t page = intOr(c.in.query, "page", 1);
  const int64_t limit = intOr(c.in.query, "limit", 50);
  const auto before = optString(c.in.query, "before");
  const Schema item = answerSchemaAt(c, 200, {"list", "[]"});
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto result = lsm::listChatMessages(s, id, page, limit, before);
    if (!result) return result.error();
    // Read under the lock, so no write moves it between the check and the views.
    const uint64_t senders = c.services.store.versionOf(kUsersAspect);
    json list = json::array();
    for (const ChatMessage* m : result->messages) {
      list.push_back(
          c.fragments.get(fragmentKey(*m), senders, item, [&] { return chatMessageView(s, *m); }));
    }
    return Reply{
        200,
        {{"list", std::move(list)}, {"pagination", paginationView(page, limit, result->total)}},
        std::nullopt};
  });
}

}  // namespace lsm
