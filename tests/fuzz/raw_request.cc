#include "raw_request.h"

#include <string>

namespace lsm {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// The next line (without LF and a CR before it); advances `rest` past it.
std::string_view nextLine(std::string_view& rest) {
  const size_t lf = rest.find('\n');
  std::string_view line = rest.substr(0, lf);
  rest = lf == std::string_view::npos ? std::string_view() : rest.substr(lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::optional<HttpRequest> parseRawRequest(std::string_view bytes) {
  std::string_view rest = bytes;
  const std::string_view request_line = nextLine(rest);
  const size_t sp = request_line.find(' ');
  if (sp == 0 || sp == std::string_view::npos) return std::nullopt;
  std::string_view target = request_line.substr(sp + 1);
  target = target.substr(0, target.find(' '));

  HttpRequest r;
  r.method = std::string(request_line.substr(0, sp));
  const size_t question = target.find('?');
  r.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) r.query = parseQueryString(target.substr(question + 1));
  while (!rest.empty()) {
    const std::string_view line = nextLine(rest);
    if (line.empty()) break;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    r.headers.emplace(std::string(line.substr(0, colon)),
                      std::string(trim(line.substr(colon + 1))));
  }
  r.body = std::string(rest);
  r.remote = "127.0.0.1";
  return r;
}

}  // namespace lsm
