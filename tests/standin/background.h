#pragma once
// Other users of the server, active while the suite runs: each creates a stream, chats on it,
// cancels and deletes it, one step every ~100 ms, directly against the upstream (not throttled).
// stop() ends the loop and cancels and deletes what is still open.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "upstream.h"

namespace standin {

class BackgroundUsers {
 public:
  // `state_lock` is held for each step, so a provider-state edit never races one.
  BackgroundUsers(const Upstream& upstream, std::mutex& state_lock,
                  const std::vector<std::string>& user_ids);
  ~BackgroundUsers() { stop(); }
  // False (and `error` set) when no token could be minted for a user.
  bool start(std::string& error);
  void stop();

 private:
  struct User {
    std::string id;
    std::string token;
    std::string stream;  // the one it has open, "" when none
    int phase = 0;       // 0 create, 1 chat, 2 cancel, 3 delete
  };
  void run();
  void step(User& u);
  void finish(User& u);

  const Upstream& upstream_;
  std::mutex& state_lock_;
  std::vector<User> users_;
  std::atomic<bool> running_{false};
  std::thread thread_;
  int created_ = 0;
};

}  // namespace standin
