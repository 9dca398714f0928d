#include "background.h"

#include <chrono>

namespace standin {

BackgroundUsers::BackgroundUsers(const Upstream& upstream, std::mutex& state_lock,
                                 const std::vector<std::string>& user_ids)
    : upstream_(upstream), state_lock_(state_lock) {
  for (const auto& id : user_ids)
    users_.push_back({id, "", "", 0});
}

bool BackgroundUsers::start(std::string& error) {
  for (auto& u : users_) {
    const JsonReply minted = upstream_.control("POST", "/__mock/tokens", {{"userId", u.id}});
    if (!minted.ok()) {
      error = "cannot mint a token for background user " + u.id + ": " + minted.errors();
      return false;
    }
    u.token = minted.body["data"]["token"];
  }
  if (users_.empty()) {
    error = "--background-activity needs --background-users";
    return false;
  }
  running_ = true;
  thread_ = std::thread([this] { run(); });
  return true;
}

void BackgroundUsers::stop() {
  if (!running_.exchange(false)) return;
  thread_.join();
  std::lock_guard<std::mutex> lock(state_lock_);
  for (auto& u : users_)
    finish(u);
}

void BackgroundUsers::run() {
  size_t next = 0;
  while (running_) {
    {
      std::lock_guard<std::mutex> lock(state_lock_);
      step(users_[next]);
    }
    next = (next + 1) % users_.size();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void BackgroundUsers::step(User& u) {
  const std::string base = "/api/v1/live-stream/" + u.stream;
  switch (u.phase) {
    case 0:
      u.stream = upstream_.createStream(u.token, "Arka plan yayini " + std::to_string(++created_));
      if (!u.stream.empty()) u.phase = 1;
      return;
    case 1:
      upstream_.product("POST", base + "/chat/messages", u.token, {{"content", "Selam herkese"}});
      u.phase = 2;
      return;
    case 2:
      upstream_.product("POST", base + "/cancel", u.token);
      u.phase = 3;
      return;
    default:
      upstream_.product("DELETE", base, u.token);
      u.stream.clear();
      u.phase = 0;
  }
}

// Leaves nothing open: an unfinished stream is cancelled and deleted.
void BackgroundUsers::finish(User& u) {
  if (u.stream.empty()) return;
  const std::string base = "/api/v1/live-stream/" + u.stream;
  if (u.phase < 3) upstream_.product("POST", base + "/cancel", u.token);
  upstream_.product("DELETE", base, u.token);
  u.stream.clear();
  u.phase = 0;
}

}  // namespace standin
