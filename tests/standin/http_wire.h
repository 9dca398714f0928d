#pragma once
// The stand-in's own side of HTTP/1.1, on plain sockets. A proxy must see a request as the client
// sent it (the raw target, a multipart body byte for byte), which a server library parses away.

#include <string>
#include <utility>
#include <vector>

namespace standin {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive look-up; "" when absent.
std::string headerValue(const Headers& headers, const std::string& name);
bool sameName(const std::string& a, const std::string& b);

struct Request {
  std::string method;
  std::string target;  // path and query, exactly as sent
  Headers headers;
  std::string body;
  std::string header(const std::string& name) const { return headerValue(headers, name); }
  std::string path() const { return target.substr(0, target.find('?')); }
  std::string query() const;  // after '?', "" without one
};

struct Response {
  int status = 200;
  Headers headers;  // without Content-Length and Connection: writeResponse sets them
  std::string body;
};

Response jsonResponse(int status, std::string body);

enum class ReadOutcome { kRequest, kClosed, kBad };

// Reads one request from `fd`; `buffer` keeps bytes that arrived after it (keep-alive). The body
// is read by Content-Length or chunked encoding; "Expect: 100-continue" is answered first.
ReadOutcome readRequest(int fd, std::string& buffer, Request& out);
bool writeResponse(int fd, const Response& r, bool keep_alive);

// A listening socket on host:port (port 0: any free one); -1 on failure. `bound_port` is set.
int listenOn(const std::string& host, int port, int& bound_port);

}  // namespace standin
