#pragma once
// multipart/form-data (RFC 7578 over RFC 2046) for already de-chunked request bodies. Strict:
// CRLF line endings only, every part needs `Content-Disposition: form-data; name="..."`, and the
// body must end with the close delimiter. Linear in the body size, binary-safe, never throws.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace lsm {

struct MultipartPart {
  std::string name;                     // from Content-Disposition: form-data; name="..."
  std::optional<std::string> filename;  // file parts: filename="..." (filename*=UTF-8''... wins)
  std::string content_type;             // the part's Content-Type as sent (trimmed); default
                                        // "text/plain", or "application/octet-stream" for files
  std::string data;                     // the part's bytes, exact
};

struct MultipartLimits {
  size_t max_parts = 32;
  size_t max_part_header_bytes = 8 * 1024;  // one part's header block, without the blank line
  size_t max_field_bytes = 64 * 1024;       // non-file part
  size_t max_file_bytes = 5 * 1024 * 1024;  // file part
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type value (quoted or
// not; media type and parameter names case-insensitive). kUnsupportedMedia when the media type is
// not multipart/form-data; kInvalidArgument when the boundary is missing, empty, longer than 70
// characters or uses characters RFC 2046 does not allow, or the parameters are malformed.
Result<std::string> multipartBoundary(std::string_view content_type);

// Splits a multipart/form-data body into its parts, in order. Errors: see multipartBoundary for
// the Content-Type; kPayloadTooLarge for a file part over limits.max_file_bytes; kInvalidArgument
// for everything else (details start with the field name, or "body: " when none is known).
Result<std::vector<MultipartPart>> parseMultipart(std::string_view content_type,
                                                  std::string_view body,
                                                  const MultipartLimits& limits);

}  // namespace lsm
