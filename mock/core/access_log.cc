#include "core/access_log.h"

#include <unistd.h>

#include <cstdio>

#include "core/time.h"

namespace lsm {

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour) {
  const char* on = "";
  const char* off = "";
  if (colour) {
    on = status >= 500 ? "\033[31m" : status >= 400 ? "\033[33m" : "\033[32m";
    off = "\033[0m";
  }
  char buf[1024];
  int n = std::snprintf(buf, sizeof(buf), "%s %s %s %.300s %s%d%s %.2fms\n",
                        formatIsoMillis(systemNowMillis()).c_str(), request.remote.c_str(),
                        request.method.c_str(), request.path.c_str(), on, status, off, millis);
  if (n > 0) {
    ssize_t ignored =
        ::write(STDERR_FILENO, buf, std::min<size_t>(static_cast<size_t>(n), sizeof(buf) - 1));
    (void)ignored;
  }
}

}  // namespace lsm
