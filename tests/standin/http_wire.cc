#include "http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace standin {
namespace {

constexpr size_t kMaxHead = 64 * 1024;
constexpr size_t kMaxBody = 32 * 1024 * 1024;

// Appends what the socket has to `buffer`; false on close, error or timeout.
bool readMore(int fd, std::string& buffer) {
  char chunk[16384];
  const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<size_t>(n));
  return true;
}

bool sendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool parseHead(const std::string& head, Request& out) {
  size_t line_end = head.find("\r\n");
  const std::string line = head.substr(0, line_end);
  const size_t sp1 = line.find(' ');
  const size_t sp2 = line.rfind(' ');
  if (sp1 == std::string::npos || sp2 == sp1) return false;
  out.method = line.substr(0, sp1);
  out.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  out.headers.clear();
  out.body.clear();
  while (line_end != std::string::npos && line_end + 2 < head.size()) {
    const size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string h = head.substr(start, line_end - start);
    const size_t colon = h.find(':');
    if (colon == std::string::npos) return false;
    out.headers.emplace_back(h.substr(0, colon), trim(h.substr(colon + 1)));
  }
  return !out.target.empty() && out.target[0] == '/';
}

// Takes `n` body bytes from buffer/socket.
bool takeBytes(int fd, std::string& buffer, size_t n, std::string& out) {
  while (buffer.size() < n) {
    if (!readMore(fd, buffer)) return false;
  }
  out.append(buffer, 0, n);
  buffer.erase(0, n);
  return true;
}

bool takeLine(int fd, std::string& buffer, std::string& line) {
  size_t end;
  while ((end = buffer.find("\r\n")) == std::string::npos) {
    if (buffer.size() > kMaxHead || !readMore(fd, buffer)) return false;
  }
  line = buffer.substr(0, end);
  buffer.erase(0, end + 2);
  return true;
}

bool readChunked(int fd, std::string& buffer, std::string& body) {
  for (;;) {
    std::string size_line;
    if (!takeLine(fd, buffer, size_line)) return false;
    const size_t size = std::strtoul(size_line.c_str(), nullptr, 16);
    if (size == 0) break;
    if (body.size() + size > kMaxBody) return false;
    std::string crlf;
    if (!takeBytes(fd, buffer, size, body) || !takeLine(fd, buffer, crlf)) return false;
  }
  std::string trailer;
  do {
    if (!takeLine(fd, buffer, trailer)) return false;
  } while (!trailer.empty());
  return true;
}

const char* reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Status";
  }
}

}  // namespace

bool sameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strcasecmp(a.c_str(), b.c_str()) == 0;
}

std::string headerValue(const Headers& headers, const std::string& name) {
  for (const auto& [k, v] : headers) {
    if (sameName(k, name)) return v;
  }
  return "";
}

std::string Request::query() const {
  const size_t q = target.find('?');
  return q == std::string::npos ? "" : target.substr(q + 1);
}

Response jsonResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

ReadOutcome readRequest(int fd, std::string& buffer, Request& out) {
  size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (buffer.size() > kMaxHead) return ReadOutcome::kBad;
    if (!readMore(fd, buffer)) return ReadOutcome::kClosed;
  }
  const std::string head = buffer.substr(0, head_end);
  buffer.erase(0, head_end + 4);
  if (!parseHead(head, out)) return ReadOutcome::kBad;
  if (strcasecmp(out.header("Expect").c_str(), "100-continue") == 0 &&
      !sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) {
    return ReadOutcome::kClosed;
  }
  if (strcasestr(out.header("Transfer-Encoding").c_str(), "chunked") != nullptr) {
    return readChunked(fd, buffer, out.body) ? ReadOutcome::kRequest : ReadOutcome::kBad;
  }
  const std::string length = out.header("Content-Length");
  if (length.empty()) return ReadOutcome::kRequest;
  char* end = nullptr;
  const unsigned long n = std::strtoul(length.c_str(), &end, 10);
  if (*end != '\0' || n > kMaxBody) return ReadOutcome::kBad;
  return takeBytes(fd, buffer, n, out.body) ? ReadOutcome::kRequest : ReadOutcome::kClosed;
}

bool writeResponse(int fd, const Response& r, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
  for (const auto& [k, v] : r.headers)
    out += k + ": " + v + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  out += r.body;
  return sendAll(fd, out);
}

int listenOn(const std::string& host, int port, int& bound_port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 128) != 0) {
    close(fd);
    return -1;
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  bound_port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace standin
