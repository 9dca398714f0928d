#pragma once
// Recognises uploaded images by their bytes, never by file name or declared Content-Type. Checks
// the container structure, not just magic bytes, so a renamed text file or a truncated upload is
// rejected. Does not decode pixels.

#include <optional>
#include <string_view>

namespace lsm {

enum class ImageType { kPng, kJpeg, kWebp };

// nullopt: not a (structurally complete) PNG, JPEG or WebP.
//  PNG:  signature, IHDR (length 13, non-zero size) first, a chunk chain that ends exactly with
//        IEND, at least one IDAT. CRCs are not checked.
//  JPEG: FF D8 FF + a marker byte at the start, FF D9 as the last two bytes.
//  WebP: "RIFF" <size> "WEBP" with size + 8 == total length, then a well-formed first chunk
//        "VP8 " (key frame start code), "VP8L" (signature 0x2F) or "VP8X" (length 10).
std::optional<ImageType> sniffImage(std::string_view bytes);

std::string_view mimeType(ImageType t);       // image/png, image/jpeg, image/webp
std::string_view fileExtension(ImageType t);  // png, jpg, webp

}  // namespace lsm
