#include "domain/viewers.h"

#include "domain/paging.h"
#include "domain/views.h"

namespace lsm {

namespace {

std::string fold(const std::string& s) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"İ", "i"}, {"I", "ı"}, {"Ş", "ş"}, {"Ğ", "ğ"}, {"Ü", "ü"}, {"Ö", "ö"}, {"Ç", "ç"}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char first = static_cast<unsigned char>(s[i]);
    if (first < 0x80 && first != 'I') {  // the common case: ASCII that is not a Turkish I
      out += static_cast<char>(std::tolower(first));
      ++i;
      continue;
    }
    bool done = false;
    for (const auto& [from, to] : kMap) {
      size_t n = std::char_traits<char>::length(from);
      if (s.compare(i, n, from) == 0) {
        // ASCII 'I' folds to 'i' as well, so English names match either way.
        out += (from[0] == 'I' && n == 1) ? "i" : to;
        i += n;
        done = true;
        break;
      }
    }
    if (done) continue;
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += c < 0x80 ? static_cast<char>(std::tolower(c)) : s[i];
    ++i;
  }
  // Dotless ı matches i, so "yildiz" finds "Yıldız".
  if (out.find("ı") == std::string::npos) return out;
  std::string result;
  for (size_t i = 0; i < out.size();) {
    if (out.compare(i, 2, "ı") == 0) {
      result += 'i';
      i += 2;
    } else {
      result += out[i++];
    }
  }
  return result;
}

}  // namespace

bool containsFolded(const std::string& haystack, const std::string& needle) {
  return fold(haystack).find(fold(needle)) != std::string::npos;
}

namespace {

// Names hold no newline; a search for one matches nothing, as it would field by field.
constexpr char kFieldSeparator = '\n';

}  // namespace

std::string searchTextOf(const User& u) {
  return fold(u.name) + kFieldSeparator + fold(u.surname) + kFieldSeparator + fold(u.username);
}

Result<ViewerPage> listViewers(const State& s, const std::string& stream_id,
                               const std::string& caller_id, int64_t page, int64_t limit,
                               const std::string& search) {
  const Stream* st = s.liveStream(stream_id);
  if (!st || st->status != StreamStatus::kActive) {
    return Error::notFound("no active stream " + stream_id);
  }
  if (roleOf(*st, caller_id).empty()) {
    return Error::forbidden("only the stream's creator and participants see its viewers");
  }
  ViewerPage out;
  out.audience_total = static_cast<int64_t>(st->audience.size());
  std::vector<const AudienceMember*> matching;
  const std::string needle = fold(search);
  const bool separable = needle.find(kFieldSeparator) == std::string::npos;
  for (const auto& a : st->audience) {
    if (a.search_text.empty()) {  // not prepared (a State built by hand): fold the user's names
      const User* u = s.user(a.user_id);
      if (!u) continue;
      if (!search.empty() && (!separable || searchTextOf(*u).find(needle) == std::string::npos)) {
        continue;
      }
    } else if (!search.empty()) {
      if (!separable || a.search_text.find(needle) == std::string::npos) continue;
    }
    matching.push_back(&a);
  }
  out.total = static_cast<int64_t>(matching.size());
  const PageWindow w = pageWindow(page, limit, matching.size());
  out.members.assign(matching.begin() + w.begin, matching.begin() + w.end);
  return out;
}

}  // namespace lsm
