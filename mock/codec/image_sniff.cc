#include "codec/image_sniff.h"

#include <cstddef>
#include <cstdint>

namespace lsm {
namespace {

uint8_t byteAt(std::string_view b, size_t i) {
  return static_cast<uint8_t>(b[i]);
}

uint32_t readBe32(std::string_view b, size_t i) {
  return (uint32_t{byteAt(b, i)} << 24) | (uint32_t{byteAt(b, i + 1)} << 16) |
         (uint32_t{byteAt(b, i + 2)} << 8) | uint32_t{byteAt(b, i + 3)};
}

uint32_t readLe32(std::string_view b, size_t i) {
  return uint32_t{byteAt(b, i)} | (uint32_t{byteAt(b, i + 1)} << 8) |
         (uint32_t{byteAt(b, i + 2)} << 16) | (uint32_t{byteAt(b, i + 3)} << 24);
}

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isPng(std::string_view b) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  constexpr size_t kChunkOverhead = 12;  // length, type, CRC
  constexpr uint32_t kMaxChunkLength = 0x7FFFFFFF;
  if (b.size() < kSignature.size() || b.substr(0, kSignature.size()) != kSignature) return false;
  size_t pos = kSignature.size();
  bool first = true;
  bool seen_idat = false;
  while (true) {
    if (b.size() - pos < kChunkOverhead) return false;  // truncated
    const uint32_t length = readBe32(b, pos);
    const std::string_view type = b.substr(pos + 4, 4);
    if (length > kMaxChunkLength || b.size() - pos - kChunkOverhead < length) return false;
    for (char c : type) {
      if (!isAsciiLetter(c)) return false;
    }
    if (first) {
      if (type != "IHDR" || length != 13) return false;
      if (readBe32(b, pos + 8) == 0 || readBe32(b, pos + 12) == 0)
        return false;  // zero width or height
      first = false;
    } else if (type == "IHDR") {
      return false;
    }
    if (type == "IDAT") seen_idat = true;
    const size_t next = pos + kChunkOverhead + length;
    if (type == "IEND") return length == 0 && next == b.size() && seen_idat;
    pos = next;
  }
}

bool isJpegMarker(uint8_t m) {
  // A segment marker that may follow SOI: not a restart marker, SOI or EOI.
  return m >= 0xC0 && m <= 0xFE && !(m >= 0xD0 && m <= 0xD9);
}

bool isJpeg(std::string_view b) {
  // SOI (FF D8), the first marker (FF xx), ..., EOI (FF D9); the markers must not overlap.
  if (b.size() < 6) return false;
  return byteAt(b, 0) == 0xFF && byteAt(b, 1) == 0xD8 && byteAt(b, 2) == 0xFF &&
         isJpegMarker(byteAt(b, 3)) && byteAt(b, b.size() - 2) == 0xFF &&
         byteAt(b, b.size() - 1) == 0xD9;
}

bool isWebp(std::string_view b) {
  constexpr size_t kRiffHeader = 12;  // "RIFF" size "WEBP"
  constexpr size_t kChunkHeader = 8;  // fourcc size
  if (b.size() < kRiffHeader + kChunkHeader) return false;
  if (b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WEBP") return false;
  const uint32_t riff_size = readLe32(b, 4);
  if (uint64_t{riff_size} + 8 != b.size()) return false;
  const std::string_view fourcc = b.substr(12, 4);
  const uint32_t chunk_size = readLe32(b, 16);
  const size_t payload = kRiffHeader + kChunkHeader;
  if (chunk_size > b.size() - payload) return false;
  if (fourcc == "VP8 ") {
    // Frame tag (3 bytes), then the key frame start code 9D 01 2A, then width and height.
    return chunk_size >= 10 && byteAt(b, payload + 3) == 0x9D && byteAt(b, payload + 4) == 0x01 &&
           byteAt(b, payload + 5) == 0x2A;
  }
  if (fourcc == "VP8L") return chunk_size >= 5 && byteAt(b, payload) == 0x2F;
  if (fourcc == "VP8X") return chunk_size == 10;
  return false;
}

}  // namespace

std::optional<ImageType> sniffImage(std::string_view bytes) {
  if (isPng(bytes)) return ImageType::kPng;
  if (isJpeg(bytes)) return ImageType::kJpeg;
  if (isWebp(bytes)) return ImageType::kWebp;
  return std::nullopt;
}

std::string_view mimeType(ImageType t) {
  switch (t) {
    case ImageType::kPng:
      return "image/png";
    case ImageType::kJpeg:
      return "image/jpeg";
    case ImageType::kWebp:
      return "image/webp";
  }
  return "application/octet-stream";
}

std::string_view fileExtension(ImageType t) {
  switch (t) {
    case ImageType::kPng:
      return "png";
    case ImageType::kJpeg:
      return "jpg";
    case ImageType::kWebp:
      return "webp";
  }
  return "bin";
}

}  // namespace lsm
