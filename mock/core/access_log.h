#pragma once
// One line per request on stderr: time, peer, method, path, status, duration. The request's
// thread only formats its line into a shared buffer; one writer thread writes the buffer every
// 20 ms (or sooner when 64 KiB are waiting) with one write() per batch, so lines never interleave
// and a slow terminal or pipe never holds up an answer. Should stderr stop being read, at most
// 4 MiB wait; lines beyond that are counted and the count is written once it drains. Everything
// waiting is written when the process exits normally (flushAccessLog).

#include <string>

#include "core/http.h"

namespace lsm {

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour);
// Writes what is waiting, now (also at exit).
void flushAccessLog();

// --color: "always" colours, "never" does not, "auto" colours when the log goes to a terminal
// and NO_COLOR (https://no-color.org) is unset or empty.
bool wantColour(const std::string& mode, bool is_terminal, const char* no_color_env);

}  // namespace lsm
