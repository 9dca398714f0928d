#pragma once
// Plain request and response values. Only mock/transport/ knows Pistache; every other stage works
// on these, so it can be unit-tested without sockets.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lsm {

// Case-insensitive header map (HTTP header names are case-insensitive).
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

struct HttpRequest {
  std::string method;  // upper case: GET, POST, ...
  std::string path;    // decoded path, without the query string
  // Query parameters in the order given; a name may repeat.
  std::vector<std::pair<std::string, std::string>> query;
  // Names of query parameters whose value holds a malformed percent-escape ("%ZZ"); the value in
  // `query` is then the raw text.
  std::vector<std::string> malformed_query;
  Headers headers;
  std::string body;
  std::string remote;  // peer address, for the access log

  std::optional<std::string> header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  std::string content_type = "application/json";

  void setHeader(const std::string& name, std::string value);
};

// Splits "a=1&b=x%20y" into decoded pairs ('+' is a space in query strings).
std::vector<std::pair<std::string, std::string>> parseQueryString(std::string_view raw);
// Percent-encodes everything but RFC 3986's unreserved characters (and '/' when `keep_slash`).
std::string percentEncode(std::string_view in, bool keep_slash = false);
// Percent-decodes; returns nullopt for a malformed escape.
std::optional<std::string> percentDecode(std::string_view in, bool plus_is_space);
// "application/json" of "Application/JSON; charset=utf-8".
std::string mediaTypeOf(const std::string& content_type);

}  // namespace lsm
