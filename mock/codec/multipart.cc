#include "codec/multipart.h"

#include <set>
#include <utility>

#include "core/text.h"

namespace lsm {
namespace {

constexpr size_t kMiB = 1024 * 1024;
constexpr size_t kMaxBoundaryLength = 70;  // RFC 2046 section 5.1.1
constexpr std::string_view kCrlf = "\r\n";

const char kNotMultipart[] = "Content-Type: expected multipart/form-data";
const char kBoundaryMissing[] = "Content-Type: multipart boundary missing";
const char kTruncated[] = "body: multipart body is truncated (no closing boundary)";

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool isAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// RFC 9110 tchar.
bool isTchar(char c) {
  return isAlnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!isTchar(c)) return false;
  }
  return true;
}

bool isOws(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && isOws(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isOws(s.back()))
    s.remove_suffix(1);
  return s;
}

// RFC 2046 bchars: the characters a boundary may use (a space, but not as the last character).
bool isBoundaryChar(char c) {
  return isAlnum(c) || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Param {
  std::string name;  // lower case
  std::string value;
  bool quoted = false;
};

// Parses `*( OWS ";" OWS token "=" ( token / quoted-string ) ) OWS`. Quoted strings take
// backslash escapes. nullopt on any syntax error or a repeated parameter name.
std::optional<std::vector<Param>> parseParams(std::string_view s) {
  std::vector<Param> params;
  size_t i = 0;
  const size_t n = s.size();
  while (true) {
    while (i < n && isOws(s[i]))
      ++i;
    if (i == n) return params;
    if (s[i] != ';') return std::nullopt;
    ++i;
    while (i < n && isOws(s[i]))
      ++i;
    const size_t name_start = i;
    while (i < n && isTchar(s[i]))
      ++i;
    if (i == name_start || i == n || s[i] != '=') return std::nullopt;
    Param p;
    p.name = asciiLower(s.substr(name_start, i - name_start));
    ++i;  // '='
    if (i < n && s[i] == '"') {
      p.quoted = true;
      ++i;
      bool closed = false;
      while (i < n) {
        const char c = s[i];
        if (c == '\\') {
          if (i + 1 == n) return std::nullopt;
          p.value.push_back(s[i + 1]);
          i += 2;
        } else if (c == '"') {
          ++i;
          closed = true;
          break;
        } else {
          p.value.push_back(c);
          ++i;
        }
      }
      if (!closed) return std::nullopt;
    } else {
      const size_t value_start = i;
      while (i < n && isTchar(s[i]))
        ++i;
      if (i == value_start) return std::nullopt;
      p.value = std::string(s.substr(value_start, i - value_start));
    }
    for (const Param& q : params) {
      if (q.name == p.name) return std::nullopt;
    }
    params.push_back(std::move(p));
  }
}

const Param* findParam(const std::vector<Param>& params, std::string_view name) {
  for (const Param& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// "type/subtype" with both halves tokens.
bool isMediaType(std::string_view s) {
  const size_t slash = s.find('/');
  return slash != std::string_view::npos && isToken(s.substr(0, slash)) &&
         isToken(s.substr(slash + 1));
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 8187 ext-value restricted to UTF-8: UTF-8'[language]'percent-encoded-value.
std::optional<std::string> decodeExtValue(std::string_view s) {
  const size_t q1 = s.find('\'');
  if (q1 == std::string_view::npos || !equalsIgnoreCase(s.substr(0, q1), "utf-8"))
    return std::nullopt;
  const size_t q2 = s.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  for (char c : s.substr(q1 + 1, q2 - q1 - 1)) {
    if (!isAlnum(c) && c != '-') return std::nullopt;
  }
  std::string out;
  const std::string_view v = s.substr(q2 + 1);
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == '%') {
      if (i + 2 >= v.size()) return std::nullopt;
      const int hi = hexValue(v[i + 1]);
      const int lo = hexValue(v[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (isAlnum(c) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string sizeText(size_t bytes) {
  if (bytes > 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::string partLabel(size_t index) {
  return "body: part " + std::to_string(index);
}

// A header line may hold HT and visible/obs-text bytes, nothing else (no CR, LF, NUL, ...).
bool isValidHeaderLine(std::string_view line) {
  for (char ch : line) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
  }
  return true;
}

// Parses one part's header block (lines separated by CRLF, no trailing blank line) into `part`
// (everything but data). `index` is 1-based, for messages.
Status parsePartHeaders(std::string_view block, size_t index, MultipartPart& part) {
  std::optional<std::string_view> disposition;
  std::optional<std::string_view> content_type;
  while (!block.empty()) {
    const size_t eol = block.find(kCrlf);
    const std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    const size_t colon = line.find(':');
    if (!isValidHeaderLine(line) || colon == std::string_view::npos ||
        !isToken(line.substr(0, colon)))
      return Error::invalid(partLabel(index) + " has a malformed header line");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trimOws(line.substr(colon + 1));
    std::optional<std::string_view>* slot = nullptr;
    if (equalsIgnoreCase(name, "Content-Disposition"))
      slot = &disposition;
    else if (equalsIgnoreCase(name, "Content-Type"))
      slot = &content_type;
    else
      continue;  // other part headers carry nothing form-data needs
    if (slot->has_value())
      return Error::invalid(partLabel(index) + " has more than one " + std::string(name) +
                            " header");
    *slot = value;
  }

  if (!disposition) return Error::invalid(partLabel(index) + " has no Content-Disposition header");
  const size_t semi = disposition->find(';');
  if (!equalsIgnoreCase(trimOws(disposition->substr(0, semi)), "form-data"))
    return Error::invalid(partLabel(index) + " Content-Disposition is not form-data");
  const auto params =
      parseParams(semi == std::string_view::npos ? std::string_view() : disposition->substr(semi));
  if (!params)
    return Error::invalid(partLabel(index) + " has a malformed Content-Disposition header");
  const Param* name = findParam(*params, "name");
  if (name == nullptr || name->value.empty())
    return Error::invalid(partLabel(index) + " has no name");
  part.name = name->value;

  if (const Param* ext = findParam(*params, "filename*")) {
    std::optional<std::string> decoded;
    if (!ext->quoted) decoded = decodeExtValue(ext->value);
    if (!decoded) return Error::invalid(part.name + ": malformed filename* parameter");
    part.filename = std::move(*decoded);
  } else if (const Param* plain = findParam(*params, "filename")) {
    part.filename = plain->value;
  }

  if (content_type) {
    const size_t ct_semi = content_type->find(';');
    if (!isMediaType(trimOws(content_type->substr(0, ct_semi))) ||
        !parseParams(ct_semi == std::string_view::npos ? std::string_view()
                                                       : content_type->substr(ct_semi)))
      return Error::invalid(part.name + ": malformed Content-Type header");
    part.content_type = std::string(*content_type);
  } else {
    part.content_type = part.filename ? "application/octet-stream" : "text/plain";
  }
  return okStatus();
}

}  // namespace

Result<std::string> multipartBoundary(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (!equalsIgnoreCase(trimOws(content_type.substr(0, semi)), "multipart/form-data"))
    return Error::unsupportedMedia(kNotMultipart);
  const auto params =
      parseParams(semi == std::string_view::npos ? std::string_view() : content_type.substr(semi));
  if (!params) return Error::invalid("Content-Type: malformed media type parameters");
  const Param* boundary = findParam(*params, "boundary");
  if (boundary == nullptr || boundary->value.empty() || boundary->value.size() > kMaxBoundaryLength)
    return Error::invalid(kBoundaryMissing);
  for (char c : boundary->value) {
    if (!isBoundaryChar(c))
      return Error::invalid("Content-Type: multipart boundary has invalid characters");
  }
  if (boundary->value.back() == ' ')
    return Error::invalid("Content-Type: multipart boundary has invalid characters");
  return boundary->value;
}

Result<std::vector<MultipartPart>> parseMultipart(std::string_view content_type,
                                                  std::string_view body,
                                                  const MultipartLimits& limits) {
  auto boundary = multipartBoundary(content_type);
  if (!boundary) return boundary.error();
  const std::string dash_boundary = "--" + *boundary;
  const std::string delimiter = std::string(kCrlf) + dash_boundary;

  // Opening boundary: at the very start, or after a preamble and CRLF.
  size_t pos = 0;
  if (startsWith(body, dash_boundary)) {
    pos = dash_boundary.size();
  } else {
    const size_t found = body.find(delimiter);
    if (found == std::string_view::npos)
      return Error::invalid("body: multipart body has no opening boundary");
    pos = found + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  std::set<std::string> field_names;
  std::set<std::string> file_names;
  while (true) {
    // `pos` is just past a dash-boundary. Close delimiter ("--"), or transport padding and CRLF.
    std::string_view rest = body.substr(pos);
    const bool is_close = startsWith(rest, "--");
    if (is_close) rest.remove_prefix(2);
    while (!rest.empty() && isOws(rest.front()))
      rest.remove_prefix(1);
    if (is_close) {
      // The epilogue, if any, follows a CRLF.
      if (rest.empty() || startsWith(rest, kCrlf)) return parts;
      if (rest == "\r") return Error::invalid(kTruncated);
      return Error::invalid("body: malformed multipart close delimiter");
    }
    if (rest.empty() || rest == "\r" || rest == "-") return Error::invalid(kTruncated);
    if (!startsWith(rest, kCrlf)) return Error::invalid("body: malformed multipart boundary line");
    rest.remove_prefix(2);
    pos = body.size() - rest.size();

    const size_t index = parts.size() + 1;
    if (index > limits.max_parts)
      return Error::invalid("body: multipart body has more than " +
                            std::to_string(limits.max_parts) + " parts");

    // Header block, ended by an empty line; searched for only within the size limit.
    std::string_view header_block;
    size_t data_start = 0;
    if (startsWith(rest, kCrlf)) {
      data_start = pos + 2;
    } else {
      const size_t window = limits.max_part_header_bytes > body.size()
                                ? std::string_view::npos
                                : limits.max_part_header_bytes + 4;
      const std::string_view searched = rest.substr(0, window);
      const size_t end = searched.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (searched.size() == rest.size()) return Error::invalid(kTruncated);
        return Error::invalid(partLabel(index) + " header block is longer than " +
                              sizeText(limits.max_part_header_bytes));
      }
      header_block = rest.substr(0, end);
      data_start = pos + end + 4;
    }

    MultipartPart part;
    if (Status st = parsePartHeaders(header_block, index, part); !st) return st.error();

    const size_t data_end = body.find(delimiter, data_start);
    if (data_end == std::string_view::npos) return Error::invalid(kTruncated);
    const std::string_view data = body.substr(data_start, data_end - data_start);

    if (part.filename) {
      if (data.size() > limits.max_file_bytes)
        return Error::tooLarge(part.name + ": file is larger than " +
                               sizeText(limits.max_file_bytes));
      if (field_names.count(part.name) != 0) return Error::invalid(part.name + ": duplicate field");
      file_names.insert(part.name);
    } else {
      if (data.size() > limits.max_field_bytes)
        return Error::invalid(part.name + ": field is longer than " +
                              sizeText(limits.max_field_bytes));
      if (field_names.count(part.name) != 0 || file_names.count(part.name) != 0)
        return Error::invalid(part.name + ": duplicate field");
      field_names.insert(part.name);
    }
    part.data = std::string(data);
    parts.push_back(std::move(part));
    pos = data_end + delimiter.size();
  }
}

}  // namespace lsm
