#pragma once
// Standard, padded base64 (RFC 4648 section 4).

#include <optional>
#include <string>
#include <string_view>

namespace lsm {

std::string base64Encode(std::string_view bytes);
// nullopt for text that is not padded standard base64.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace lsm
