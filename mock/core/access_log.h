#pragma once
// One line per request on stderr: time, peer, method, path, status, duration. Written with one
// write() so lines from different threads never interleave.

#include <string>

#include "core/http.h"

namespace lsm {

void writeAccessLog(const HttpRequest& request, int status, double millis, bool colour);

}  // namespace lsm
