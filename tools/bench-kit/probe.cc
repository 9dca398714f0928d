// Start-up probe for tools/bench: starts a server, then asks it for one request every
// millisecond until the answer is the expected status with the expected text in its body, and
// prints the milliseconds from exec to that answer and the server's pid. The server keeps
// running (tools/bench stops it by that pid).
//
//   bench-probe --port N --path /x [--header 'A: b'] [--expect TEXT] [--timeout-ms N]
//               [--log FILE] -- CMD...
// The server's stdout and stderr go to FILE (default /dev/null), never to the probe's.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

// Whether `response` holds the whole answer (servers need not close after Connection: close).
bool complete(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  const std::string head = response.substr(0, end);
  size_t at = head.find("Content-Length:");
  if (at == std::string::npos) at = head.find("content-length:");
  if (at == std::string::npos) return true;
  const size_t length = std::strtoull(head.c_str() + at + 15, nullptr, 10);
  return response.size() >= end + 4 + length;
}

// One HTTP/1.1 request on a fresh connection; returns the whole response, or "" when the
// server is not (yet) answering.
std::string ask(int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    char buf[65536];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
      response.append(buf, static_cast<size_t>(n));
      if (complete(response)) break;
    }
  }
  close(fd);
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, timeout_ms = 30000;
  std::string path = "/", expect, headers, log = "/dev/null";
  int i = 1;
  for (; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--") break;
    if (i + 1 >= argc) {
      std::cerr << "bench-probe: " << flag << " needs a value\n";
      return 2;
    }
    const std::string value = argv[++i];
    if (flag == "--port") {
      port = std::atoi(value.c_str());
    } else if (flag == "--path") {
      path = value;
    } else if (flag == "--header") {
      headers += value + "\r\n";
    } else if (flag == "--expect") {
      expect = value;
    } else if (flag == "--log") {
      log = value;
    } else if (flag == "--timeout-ms") {
      timeout_ms = std::atoi(value.c_str());
    } else {
      std::cerr << "bench-probe: unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (i + 1 >= argc || port <= 0) {
    std::cerr << "usage: bench-probe --port N --path P [--header H] [--expect T] -- CMD...\n";
    return 2;
  }
  std::vector<char*> command(argv + i + 1, argv + argc);
  command.push_back(nullptr);

  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n";
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    perror("bench-probe: fork");
    return 1;
  }
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execvp(command[0], command.data());
    perror("bench-probe: exec");
    _exit(127);
  }
  const auto deadline = started + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      std::cerr << "bench-probe: " << command[0] << " exited before answering\n";
      return 1;
    }
    const std::string response = ask(port, request);
    if (response.rfind("HTTP/1.1 200", 0) == 0 &&
        (expect.empty() || response.find(expect) != std::string::npos)) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      std::cout << "pid " << pid << " first-response-ms " << ms << std::endl;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::cerr << "bench-probe: no correct answer within " << timeout_ms << " ms\n";
  std::cout << "pid " << pid << " first-response-ms timeout" << std::endl;
  return 1;
}
