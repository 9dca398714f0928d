#include "core/access_log.h"

#include <unistd.h>

#include <cstdio>

#include "core/time.h"

namespace lsm {

bool wantColour(const std::string& mode, bool is_terminal, const char* no_color_env) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return is_terminal && (no_color_env == nullptr || *no_color_env == '\0');
}

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour) {
  const char* dim = "";
  const char* bold = "";
  const char* on = "";
  const char* off = "";
  if (colour) {
    dim = "\033[2m";
    bold = "\033[1m";
    on = status >= 500 ? "\033[31m" : status >= 400 ? "\033[33m" : "\033[32m";
    off = "\033[0m";
  }
  char buf[1024];
  int n = std::snprintf(buf, sizeof(buf), "%s%s %s%s %s%s%s %.300s %s%d%s %s%.2fms%s\n", dim,
                        formatIsoMillis(systemNowMillis()).c_str(), request.remote.c_str(), off,
                        bold, request.method.c_str(), off, request.path.c_str(), on, status, off,
                        dim, millis, off);
  if (n > 0) {
    ssize_t ignored =
        ::write(STDERR_FILENO, buf, std::min<size_t>(static_cast<size_t>(n), sizeof(buf) - 1));
    (void)ignored;
  }
}

}  // namespace lsm
