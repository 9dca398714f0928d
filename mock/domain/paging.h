#pragma once
// Which items a page holds, without overflow for any page number a client may send.

#include <cstddef>
#include <cstdint>

namespace lsm {

struct PageWindow {
  size_t begin = 0, end = 0;  // [begin, end) of the list; empty past the last page
};

inline PageWindow pageWindow(int64_t page, int64_t limit, size_t total) {
  if (page < 1 || limit < 1) return {};
  const uint64_t pages = (total + static_cast<uint64_t>(limit) - 1) / static_cast<uint64_t>(limit);
  if (static_cast<uint64_t>(page) > pages) return {};
  const size_t begin = static_cast<size_t>(page - 1) * static_cast<size_t>(limit);
  const size_t end =
      begin + static_cast<size_t>(limit) < total ? begin + static_cast<size_t>(limit) : total;
  return {begin, end};
}

}  // namespace lsm
