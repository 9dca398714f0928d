// libFuzzer target: the multipart/form-data parser (mock/codec/multipart).
//
// Input: a body. When it starts with "multipart/", its first line (up to LF) is the Content-Type
// value and the rest is the body; otherwise the Content-Type is curl's, with the boundary the
// seeds use. Properties checked beyond "no crash, no UB":
// - every part's data is a piece of the body, and the parts together are no longer than it;
// - names are non-empty, a field's name is used by no other part (files may share one), limits
//   (parts, field and file sizes) hold;
// - a parsed form, written out again with the same boundary, parses to the same parts
//   (the parser and a writer agree on what each part is).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codec/multipart.h"

namespace {

constexpr std::string_view kDefaultContentType =
    "multipart/form-data; boundary=------------------------d74496d66958873e";

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "fuzz_multipart: property violated: %s\n", what);
  std::abort();
}

void check(bool ok, const char* what) {
  if (!ok) violated(what);
}

// Quoted-string for a Content-Disposition parameter (the parser takes backslash escapes).
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// RFC 8187 ext-value, every byte but letters and digits percent-encoded.
std::string extValue(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "UTF-8''";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string writeForm(const std::string& boundary, const std::vector<lsm::MultipartPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += "--" + boundary + "\r\n";
    out += "Content-Disposition: form-data; name=" + quoted(p.name);
    if (p.filename) out += "; filename*=" + extValue(*p.filename);
    out += "\r\nContent-Type: " + p.content_type + "\r\n\r\n";
    out += p.data + "\r\n";
  }
  return out + "--" + boundary + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view content_type = kDefaultContentType;
  std::string_view body = input;
  if (input.substr(0, 10) == "multipart/") {
    const size_t eol = input.find('\n');
    content_type = input.substr(0, eol);
    body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  }

  // Small limits, so the fuzzer reaches every limit check.
  lsm::MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_part_header_bytes = 256;
  limits.max_field_bytes = 128;
  limits.max_file_bytes = 512;

  auto boundary = lsm::multipartBoundary(content_type);
  auto parts = lsm::parseMultipart(content_type, body, limits);
  if (!parts) {
    const lsm::ErrorKind kind = parts.error().kind;
    check(kind == lsm::ErrorKind::kInvalidArgument || kind == lsm::ErrorKind::kPayloadTooLarge ||
              kind == lsm::ErrorKind::kUnsupportedMedia,
          "errors are 400, 413 or 415 kinds");
    check(!parts.error().details.empty() && !parts.error().details[0].empty(),
          "an error says what is wrong");
    return 0;
  }
  check(boundary.ok(), "a parsed body has a valid boundary");
  check(parts->size() <= limits.max_parts, "at most max_parts parts");

  size_t total = 0;
  std::set<std::string> field_names, file_names;
  for (const auto& p : *parts) {
    check(!p.name.empty(), "part names are non-empty");
    if (p.filename) {
      file_names.insert(p.name);  // several files may share a name
    } else {
      check(field_names.insert(p.name).second, "field names are unique");
    }
    check(!p.content_type.empty(), "every part has a content type");
    check(p.data.size() <= (p.filename ? limits.max_file_bytes : limits.max_field_bytes),
          "part sizes respect the limits");
    check(p.data.empty() || body.find(p.data) != std::string_view::npos,
          "part data comes from the body");
    total += p.data.size();
  }
  check(total <= body.size(), "the parts are no longer than the body");
  for (const auto& name : field_names)
    check(file_names.count(name) == 0, "no name is both a field and a file");

  const std::string again_body = writeForm(*boundary, *parts);
  // The writer escapes more than a client might (up to 3 bytes per byte of a name): its header
  // blocks get room for that.
  lsm::MultipartLimits again_limits = limits;
  again_limits.max_part_header_bytes = 16 * limits.max_part_header_bytes;
  auto again = lsm::parseMultipart(content_type, again_body, again_limits);
  check(again.ok(), "a written-out form parses again");
  check(again->size() == parts->size(), "round trip keeps the number of parts");
  for (size_t i = 0; i < parts->size(); ++i) {
    const auto& a = (*parts)[i];
    const auto& b = (*again)[i];
    check(a.name == b.name, "round trip keeps names");
    check(a.filename == b.filename, "round trip keeps filenames");
    check(a.content_type == b.content_type, "round trip keeps content types");
    check(a.data == b.data, "round trip keeps data");
  }
  return 0;
}
