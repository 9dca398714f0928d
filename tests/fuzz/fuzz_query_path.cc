// libFuzzer target: query strings, percent-decoding, path splitting and routing against the
// embedded spec (mock/core/http, mock/routing).
//
// Input: "METHOD path?query" (the method is the first word; without a space, GET). Properties:
// - parseQueryString: its pairs, percent-encoded again, parse back to the same pairs, and there
//   are no more pairs than '&'-separated pieces;
// - percentDecode: never longer than its input; decoding an encoding gives the text back;
// - splitPath: no empty segment, none holds '/', and joined they are the path without its
//   repeated, leading and trailing slashes;
// - Router::match: a found operation has the request's method, and the path rebuilt from its
//   template and the decoded parameters routes to the same operation with the same parameters;
//   405s list the path's methods, never the request's.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http.h"
#include "routing/router.h"
#include "spec/spec.h"

namespace {

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "fuzz_query_path: property violated: %s\n", what);
  std::abort();
}

void check(bool ok, const char* what) {
  if (!ok) violated(what);
}

std::string encodeAll(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

// Unreserved characters stay, everything else is escaped.
std::string encode(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool unreserved = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                            (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_' || c == '~';
    out += unreserved ? std::string(1, c) : encodeAll(std::string_view(&c, 1));
  }
  return out;
}

const lsm::Router& router() {
  static const std::shared_ptr<const lsm::Spec> spec = lsm::Spec::embedded().value();
  static const lsm::Router r(spec->operations());
  return r;
}

void checkQuery(std::string_view raw) {
  const auto pairs = lsm::parseQueryString(raw);
  check(pairs.size() <= static_cast<size_t>(std::count(raw.begin(), raw.end(), '&')) + 1,
        "no more pairs than pieces");
  std::string again;
  for (const auto& [k, v] : pairs)
    again += (again.empty() ? "" : "&") + encode(k) + "=" + encode(v);
  check(lsm::parseQueryString(again) == pairs, "encoded pairs parse back to themselves");

  for (bool plus : {false, true}) {
    const auto decoded = lsm::percentDecode(raw, plus);
    if (!decoded) continue;
    check(decoded->size() <= raw.size(), "decoding never lengthens");
    const auto round = lsm::percentDecode(encode(*decoded), plus);
    check(round && *round == *decoded, "decoding an encoding gives the text back");
  }
}

void checkPath(std::string_view method, std::string_view path) {
  const auto segments = lsm::splitPath(path);
  std::string joined, expected;
  for (auto s : segments) {
    check(!s.empty() && s.find('/') == std::string_view::npos, "segments are non-empty pieces");
    joined += "/" + std::string(s);
  }
  bool in_segment = false;
  for (char c : path) {
    if (c == '/') {
      in_segment = false;
      continue;
    }
    if (!in_segment) expected += '/';
    in_segment = true;
    expected += c;
  }
  check(joined == expected, "segments joined give the path without extra slashes");

  const lsm::RouteMatch m = router().match(method, path);
  check(std::is_sorted(m.allowed_methods.begin(), m.allowed_methods.end()) &&
            std::adjacent_find(m.allowed_methods.begin(), m.allowed_methods.end()) ==
                m.allowed_methods.end(),
        "allowed methods are sorted and unique");
  const bool listed = std::find(m.allowed_methods.begin(), m.allowed_methods.end(), method) !=
                      m.allowed_methods.end();
  switch (m.kind) {
    case lsm::RouteMatch::Kind::kNoPath:
      check(m.operation == nullptr && m.allowed_methods.empty(), "404s carry nothing");
      return;
    case lsm::RouteMatch::Kind::kNoMethod:
      check(m.operation == nullptr && !m.allowed_methods.empty() && !listed,
            "405s list other methods");
      return;
    case lsm::RouteMatch::Kind::kFound:
      break;
  }
  check(m.operation != nullptr && m.operation->method == method && listed,
        "a found operation has the request's method");
  std::string rebuilt;
  for (auto seg : lsm::splitPath(m.operation->path)) {
    rebuilt += "/";
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      const auto it = m.path_params.find(std::string(seg.substr(1, seg.size() - 2)));
      check(it != m.path_params.end(), "every template parameter is bound");
      rebuilt += encodeAll(it->second);
    } else {
      rebuilt += std::string(seg);
    }
  }
  const lsm::RouteMatch again = router().match(method, rebuilt);
  check(again.kind == lsm::RouteMatch::Kind::kFound && again.operation == m.operation &&
            again.path_params == m.path_params,
        "the path rebuilt from the template routes to the same operation");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view method = "GET";
  if (const size_t space = input.find(' '); space != std::string_view::npos) {
    method = input.substr(0, space);
    input.remove_prefix(space + 1);
  }
  const size_t question = input.find('?');
  const std::string_view path = input.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : input.substr(question + 1);
  checkQuery(query);
  checkPath(method, path);
  return 0;
}
