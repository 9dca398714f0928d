#include "domain/streams.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "core/text.h"

namespace lsm {

std::string slugify(const std::string& title) {
  static const std::pair<const char*, char> kTurkish[] = {
      {"ç", 'c'}, {"Ç", 'c'}, {"ğ", 'g'}, {"Ğ", 'g'}, {"ı", 'i'}, {"İ", 'i'},
      {"ö", 'o'}, {"Ö", 'o'}, {"ş", 's'}, {"Ş", 's'}, {"ü", 'u'}, {"Ü", 'u'},
      {"â", 'a'}, {"î", 'i'}, {"û", 'u'}, {"é", 'e'}, {"á", 'a'}, {"ñ", 'n'}};
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < title.size();) {
    char mapped = 0;
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(title[i]);
    if (c < 0x80) {
      mapped = static_cast<char>(std::isalnum(c) ? std::tolower(c) : 0);
    } else {
      for (const auto& [utf8, ascii] : kTurkish) {
        size_t n = std::char_traits<char>::length(utf8);
        if (title.compare(i, n, utf8) == 0) {
          mapped = ascii;
          len = n;
          break;
        }
      }
      if (!mapped) {
        len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      }
    }
    if (mapped) {
      if (dash && !out.empty()) out += '-';
      out += mapped;
      dash = false;
    } else {
      dash = true;
    }
    i += len;
  }
  // channelName is at most 64 characters (Agora's limit): slug, '-', 4 hex digits.
  constexpr size_t kMaxSlug = 59;
  if (out.size() > kMaxSlug) {
    size_t cut = out.find_last_of('-', kMaxSlug);
    out.resize(cut == std::string::npos || cut == 0 ? kMaxSlug : cut);
  }
  return out.empty() ? "stream" : out;
}

Result<const Stream*> createStream(State& s, const std::string& creator_id, CreateStreamInput input,
                                   Millis now, const std::string& uploads_base_url) {
  const User* creator = s.user(creator_id);
  if (!creator) return Error::unauthenticated("token user does not exist");
  if (!creator->can_broadcast) return Error::forbidden("this user may not broadcast");

  std::vector<std::string> problems;
  const std::string title = trimWhitespace(input.title);
  if (title.empty()) problems.push_back("title: must not be empty");
  for (size_t i = 0; i < input.guest_ids.size(); ++i) {
    const std::string& g = input.guest_ids[i];
    const std::string field = "guests[" + std::to_string(i) + "]";
    if (g == creator_id) problems.push_back(field + ": the creator cannot be a guest");
    if (std::find(input.guest_ids.begin(), input.guest_ids.begin() + i, g) !=
        input.guest_ids.begin() + i) {
      problems.push_back(field + ": duplicate guest " + g);
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  for (size_t i = 0; i < input.guest_ids.size(); ++i) {
    if (!s.user(input.guest_ids[i])) {
      return Error::notFound("guests[" + std::to_string(i) + "]: user " + input.guest_ids[i] +
                             " does not exist");
    }
  }
  for (const auto& [id, st] : s.streams) {
    if (st.creator_id == creator_id && st.status == StreamStatus::kActive && !st.isDeleted()) {
      return Error::conflict("the creator already has an active stream: " + id);
    }
  }

  Stream st;
  st.id = s.newId(now);
  st.title = title;
  st.live_stream_type = input.live_stream_type;
  char suffix[5];
  std::snprintf(suffix, sizeof(suffix), "%04zx", std::hash<std::string>{}(st.id) & 0xffff);
  st.channel_name = slugify(title) + "-" + suffix;
  st.creator_id = creator_id;
  st.guest_ids = input.guest_ids;
  if (input.thumbnail) {
    const std::string name = st.id + "." + input.thumbnail->extension;
    st.thumbnail_url = uploads_base_url + "/" + name;
    s.uploads[name] = {input.thumbnail->content_type, std::move(input.thumbnail->bytes)};
  } else {
    st.thumbnail_url = uploads_base_url + "/default-thumbnail.png";
  }
  st.price = input.price;
  st.interest = input.interest;
  st.motivation = input.motivation;
  st.duration_goal = input.duration_goal;
  st.planned_start_date = input.planned_start_date;
  if (input.planned_start_date && *input.planned_start_date > now) {
    st.status = StreamStatus::kScheduled;
    if (input.duration_goal) {
      st.planned_end_date = *input.planned_start_date + *input.duration_goal * 60000;
    }
  } else {
    st.status = StreamStatus::kActive;
    st.started_at = now;
    if (!st.planned_start_date) st.planned_start_date = now;
    if (input.duration_goal) st.planned_end_date = now + *input.duration_goal * 60000;
  }
  st.created_at = st.updated_at = now;
  const std::string id = st.id;
  auto [it, _] = s.streams.emplace(id, std::move(st));
  return static_cast<const Stream*>(&it->second);
}

}  // namespace lsm
