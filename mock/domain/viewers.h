#pragma once
// The audience of an active stream, searched and paged.

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

struct ViewerPage {
  std::vector<const AudienceMember*> members;
  int64_t total = 0;           // matching the search
  int64_t audience_total = 0;  // the whole audience, unfiltered
};

// Errors: 404 no such stream or it is not active; 403 the caller is neither its creator, a guest,
// a broadcaster nor in its audience.
Result<ViewerPage> listViewers(const State& s, const std::string& stream_id,
                               const std::string& caller_id, int64_t page, int64_t limit,
                               const std::string& search);

// Case-insensitive containment that folds ASCII and Turkish letters (İ/ı, Ş/ş, ...).
bool containsFolded(const std::string& haystack, const std::string& needle);

// What the viewer search looks in: name, surname and username, folded, separated by a byte no
// search can match across (User::search_text).
std::string searchTextOf(const User& u);

}  // namespace lsm
