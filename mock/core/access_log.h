#pragma once
// One line per request on stderr: time, peer, method, path, status, duration. Written with one
// write() so lines from different threads never interleave.

#include <string>

#include "core/http.h"

namespace lsm {

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour);

// --color: "always" colours, "never" does not, "auto" colours when the log goes to a terminal
// and NO_COLOR (https://no-color.org) is unset or empty.
bool wantColour(const std::string& mode, bool is_terminal, const char* no_color_env);

}  // namespace lsm
