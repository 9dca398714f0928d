#include "core/json_writer.h"

#include <charconv>
#include <stdexcept>
#include <string_view>

#include "core/json_fragment.h"
#include "core/json_parse.h"

namespace lsm {

namespace {

using nlohmann::json;

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF; the same
// sequences nlohmann's serializer accepts.
bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    auto cont = [&](size_t k) { return i + k < n && (at(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(1)) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return false;
      if (c == 0xE0 && at(1) < 0xA0) return false;  // overlong
      if (c == 0xED && at(1) > 0x9F) return false;  // surrogates
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return false;
      if (c == 0xF0 && at(1) < 0x90) return false;  // overlong
      if (c == 0xF4 && at(1) > 0x8F) return false;  // above U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

void appendString(const std::string& s, std::string* out) {
  bool ascii = true;
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii && !isValidUtf8(s)) {
    // Rare: let nlohmann apply its replacement rules.
    *out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out->append(escape, 6);
      }
    }
  }
  out->append(s, run, s.size() - run);
  out->push_back('"');
}

template <typename Integer>
void appendInteger(Integer v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;  // 24 characters hold every 64-bit integer
  out->append(buf, end);
}

void appendValue(const json& value, std::string* out, size_t depth);

}  // namespace

void appendJson(const json& value, std::string* out) {
  appendValue(value, out, 0);
}

namespace {

// Recursive, so bounded: every value the mock writes holds parsed input (at most kMaxJsonDepth
// deep) inside a few levels of its own; deeper is a bug, answered as a 500 by the pipeline, never
// a stack overflow.
void appendValue(const json& value, std::string* out, size_t depth) {
  if (depth > kMaxWalkDepth && (value.is_array() || value.is_object())) {
    throw std::length_error("json writer: value " + depthMessage(kMaxWalkDepth));
  }
  switch (value.type()) {
    case json::value_t::null:
      *out += "null";
      return;
    case json::value_t::boolean:
      *out += value.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_integer:
      appendInteger(value.get<json::number_integer_t>(), out);
      return;
    case json::value_t::number_unsigned:
      appendInteger(value.get<json::number_unsigned_t>(), out);
      return;
    case json::value_t::string:
      appendString(value.get_ref<const std::string&>(), out);
      return;
    case json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& item : value) {
        if (!first) out->push_back(',');
        first = false;
        appendValue(item, out, depth + 1);
      }
      out->push_back(']');
      return;
    }
    case json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out->push_back(',');
        first = false;
        appendString(key, out);
        out->push_back(':');
        appendValue(item, out, depth + 1);
      }
      out->push_back('}');
      return;
    }
    case json::value_t::binary:
      if (isJsonFragment(value)) {  // made by this writer when the fragment was made
        *out += fragmentText(value);
        return;
      }
      [[fallthrough]];
    default:  // floating point (its shortest round-trip form), other binary, discarded: nlohmann's
      *out += value.dump(-1, ' ', false, json::error_handler_t::replace);
      return;
  }
}

}  // namespace

std::string toJson(const json& value) {
  std::string out;
  out.reserve(1024);
  appendJson(value, &out);
  return out;
}

HttpResponse jsonText(int status, std::string text) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(text);
  return r;
}

HttpResponse jsonResponse(int status, const json& body) {
  return jsonText(status, toJson(body));
}

}  // namespace lsm
