#pragma once
// Small text helpers shared by the stages.

#include <string>
#include <string_view>

namespace lsm {

// `s` without leading and trailing ASCII whitespace (space, \t, \r, \n, \f, \v).
inline std::string trimWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(kSpace) - b + 1));
}

// `s` with ASCII letters in lower case (header and parameter names; other bytes stay).
inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace lsm
