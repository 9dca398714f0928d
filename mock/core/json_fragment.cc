#include "core/json_fragment.h"

#include <cstdint>

namespace lsm {

using nlohmann::json;

namespace {

// The subtype's top bit marks a fragment; the rest holds the node's address (x86-64 and AArch64
// user addresses fit in 48 bits). No other binary value is ever made by the mock.
constexpr std::uint64_t kFragmentMark = std::uint64_t{1} << 63;

}  // namespace

json jsonFragment(std::string_view text, const void* checked_against) {
  const auto address =
      static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(checked_against));
  return json::binary(json::binary_t::container_type(text.begin(), text.end()),
                      kFragmentMark | address);
}

bool isJsonFragment(const json& value) {
  if (!value.is_binary()) return false;
  const auto& bytes = value.get_binary();
  return bytes.has_subtype() && (bytes.subtype() & kFragmentMark) != 0;
}

std::string_view fragmentText(const json& value) {
  const auto& bytes = value.get_binary();
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

const void* fragmentCheckedAgainst(const json& value) {
  const std::uint64_t address = value.get_binary().subtype() & ~kFragmentMark;
  return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(address));
}

}  // namespace lsm
