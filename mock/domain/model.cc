#include "domain/model.h"

#include <cstdio>

namespace lsm {

const char* toString(StreamStatus s) {
  switch (s) {
    case StreamStatus::kScheduled:
      return "scheduled";
    case StreamStatus::kActive:
      return "active";
    case StreamStatus::kEnded:
      return "ended";
    case StreamStatus::kCancelled:
      return "cancelled";
  }
  return "scheduled";
}

std::optional<StreamStatus> streamStatusFromString(std::string_view s) {
  for (auto st : {StreamStatus::kScheduled, StreamStatus::kActive, StreamStatus::kEnded,
                  StreamStatus::kCancelled}) {
    if (s == toString(st)) return st;
  }
  return std::nullopt;
}

const User* State::user(const std::string& id) const {
  auto it = users.find(id);
  return it == users.end() ? nullptr : &it->second;
}

User* State::user(const std::string& id) {
  auto it = users.find(id);
  return it == users.end() ? nullptr : &it->second;
}

const Stream* State::liveStream(const std::string& id) const {
  auto it = streams.find(id);
  return it == streams.end() || it->second.isDeleted() ? nullptr : &it->second;
}

Stream* State::liveStream(const std::string& id) {
  auto it = streams.find(id);
  return it == streams.end() || it->second.isDeleted() ? nullptr : &it->second;
}

std::string State::newId(Millis now) {
  char buf[25];
  std::snprintf(buf, sizeof(buf), "%08llx%016llx",
                static_cast<unsigned long long>(now / 1000) & 0xffffffffULL,
                static_cast<unsigned long long>(0xa1b2c3d4e5000000ULL + ++id_counter));
  return buf;
}

}  // namespace lsm
