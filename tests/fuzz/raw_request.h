#pragma once
// A tolerant reader of raw HTTP/1.1 request bytes into the pipeline's HttpRequest, for the
// pipeline fuzz target: what the transport (Pistache) hands the pipeline, without sockets.
//
//   METHOD SP target [SP version] LF      (lines end in LF or CRLF)
//   Name: value LF                        (lines without ':' are skipped; values trimmed)
//   LF
//   body                                  (everything after the blank line, verbatim)
//
// The target splits at the first '?' into the raw path (as Pistache's resource()) and the query,
// decoded by parseQueryString. nullopt when there is no request line.

#include <optional>
#include <string_view>

#include "core/http.h"

namespace lsm {

std::optional<HttpRequest> parseRawRequest(std::string_view bytes);

}  // namespace lsm
