#include "codec/image_sniff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace lsm {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values)
    out.push_back(static_cast<char>(v));
  return out;
}

uint32_t crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(uint32_t v) {
  return bytes({static_cast<int>(v >> 24), static_cast<int>((v >> 16) & 0xFF),
                static_cast<int>((v >> 8) & 0xFF), static_cast<int>(v & 0xFF)});
}

std::string le32(uint32_t v) {
  return bytes({static_cast<int>(v & 0xFF), static_cast<int>((v >> 8) & 0xFF),
                static_cast<int>((v >> 16) & 0xFF), static_cast<int>(v >> 24)});
}

std::string pngChunk(const std::string& type, const std::string& data) {
  return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

const std::string kPngSignature = bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
// 1x1, 8-bit greyscale.
const std::string kIhdr = be32(1) + be32(1) + bytes({8, 0, 0, 0, 0});
// zlib stream of the single scanline {filter 0, pixel 0}.
const std::string kIdat = bytes({0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01});

// A complete, decodable 1x1 PNG.
std::string minimalPng() {
  return kPngSignature + pngChunk("IHDR", kIhdr) + pngChunk("IDAT", kIdat) + pngChunk("IEND", "");
}

// SOI, a JFIF APP0 segment, EOI.
std::string minimalJpeg() {
  return bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00,
                0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9});
}

std::string riff(const std::string& fourcc, const std::string& payload) {
  std::string chunk = fourcc + le32(static_cast<uint32_t>(payload.size())) + payload;
  if (chunk.size() % 2 != 0) chunk.push_back('\0');
  return "RIFF" + le32(static_cast<uint32_t>(4 + chunk.size())) + "WEBP" + chunk;
}

// Lossless 1x1 WebP: VP8L signature byte 0x2F, then the image header bits.
std::string minimalWebpLossless() {
  return riff("VP8L", bytes({0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE,
                             0x07, 0x00}));
}

// Lossy WebP: frame tag, key frame start code, 1x1.
std::string minimalWebpLossy() {
  return riff("VP8 ",
              bytes({0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00}));
}

// Extended WebP: VP8X header (10 bytes) first.
std::string minimalWebpExtended() {
  return riff("VP8X", bytes({0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}));
}

TEST(ImageSniff, RecognisesMinimalPng) {
  EXPECT_EQ(sniffImage(minimalPng()), ImageType::kPng);
}

TEST(ImageSniff, RecognisesMinimalJpeg) {
  EXPECT_EQ(sniffImage(minimalJpeg()), ImageType::kJpeg);
}

TEST(ImageSniff, RecognisesLosslessLossyAndExtendedWebp) {
  EXPECT_EQ(sniffImage(minimalWebpLossless()), ImageType::kWebp);
  EXPECT_EQ(sniffImage(minimalWebpLossy()), ImageType::kWebp);
  EXPECT_EQ(sniffImage(minimalWebpExtended()), ImageType::kWebp);
}

TEST(ImageSniff, MimeTypesAndExtensions) {
  EXPECT_EQ(mimeType(ImageType::kPng), "image/png");
  EXPECT_EQ(mimeType(ImageType::kJpeg), "image/jpeg");
  EXPECT_EQ(mimeType(ImageType::kWebp), "image/webp");
  EXPECT_EQ(fileExtension(ImageType::kPng), "png");
  EXPECT_EQ(fileExtension(ImageType::kJpeg), "jpg");
  EXPECT_EQ(fileExtension(ImageType::kWebp), "webp");
}

TEST(ImageSniff, EmptyInputIsRejected) {
  EXPECT_EQ(sniffImage(""), std::nullopt);
}

TEST(ImageSniff, TextFileIsRejected) {
  EXPECT_EQ(sniffImage("this is not an image, whatever its name says\n"), std::nullopt);
  EXPECT_EQ(sniffImage("PNG\r\n"), std::nullopt);
}

TEST(ImageSniff, GifIsRejected) {
  EXPECT_EQ(sniffImage(std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14)), std::nullopt);
}

TEST(ImageSniff, PngSignatureAloneIsRejected) {
  EXPECT_EQ(sniffImage(kPngSignature), std::nullopt);
}

TEST(ImageSniff, TruncatedPngIsRejectedAtEveryLength) {
  const std::string png = minimalPng();
  for (size_t len = 0; len < png.size(); ++len)
    EXPECT_EQ(sniffImage(png.substr(0, len)), std::nullopt) << "length " << len;
}

TEST(ImageSniff, PngWithoutIendIsRejected) {
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("IHDR", kIhdr) + pngChunk("IDAT", kIdat)),
            std::nullopt);
}

TEST(ImageSniff, PngWithBytesAfterIendIsRejected) {
  EXPECT_EQ(sniffImage(minimalPng() + "x"), std::nullopt);
  EXPECT_EQ(sniffImage(minimalPng() + pngChunk("tEXt", "a")), std::nullopt);
}

TEST(ImageSniff, PngWhoseFirstChunkIsNotIhdrIsRejected) {
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("tEXt", std::string("k\0v", 3)) +
                       pngChunk("IHDR", kIhdr) + pngChunk("IDAT", kIdat) + pngChunk("IEND", "")),
            std::nullopt);
}

TEST(ImageSniff, PngIhdrWithWrongLengthIsRejected) {
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("IHDR", kIhdr + "x") + pngChunk("IDAT", kIdat) +
                       pngChunk("IEND", "")),
            std::nullopt);
}

TEST(ImageSniff, PngWithZeroWidthIsRejected) {
  const std::string ihdr = be32(0) + be32(1) + bytes({8, 0, 0, 0, 0});
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("IHDR", ihdr) + pngChunk("IDAT", kIdat) +
                       pngChunk("IEND", "")),
            std::nullopt);
}

TEST(ImageSniff, PngWithoutIdatIsRejected) {
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("IHDR", kIhdr) + pngChunk("IEND", "")),
            std::nullopt);
}

TEST(ImageSniff, PngWithAncillaryChunksIsAccepted) {
  EXPECT_EQ(sniffImage(kPngSignature + pngChunk("IHDR", kIhdr) +
                       pngChunk("tEXt", std::string("a\0b", 3)) + pngChunk("IDAT", kIdat) +
                       pngChunk("IDAT", "") + pngChunk("IEND", "")),
            ImageType::kPng);
}

TEST(ImageSniff, PngChunkLengthPastEndIsRejected) {
  std::string png = minimalPng();
  // Overwrite the IDAT length with a huge value.
  const size_t idat_len_pos = kPngSignature.size() + 12 + kIhdr.size();
  png.replace(idat_len_pos, 4, be32(0x7FFFFFFF));
  EXPECT_EQ(sniffImage(png), std::nullopt);
  png.replace(idat_len_pos, 4, be32(0xFFFFFFFF));
  EXPECT_EQ(sniffImage(png), std::nullopt);
}

TEST(ImageSniff, JpegWithoutEndMarkerIsRejected) {
  const std::string jpeg = minimalJpeg();
  EXPECT_EQ(sniffImage(jpeg.substr(0, jpeg.size() - 2)), std::nullopt);
}

TEST(ImageSniff, JpegWithTrailingPaddingIsRejected) {
  EXPECT_EQ(sniffImage(minimalJpeg() + std::string(1, '\0')), std::nullopt);
  EXPECT_EQ(sniffImage(minimalJpeg() + "\n"), std::nullopt);
}

TEST(ImageSniff, JpegWhoseStartAndEndMarkersOverlapIsRejected) {
  EXPECT_EQ(sniffImage(bytes({0xFF, 0xD8, 0xFF, 0xD9})), std::nullopt);
  EXPECT_EQ(sniffImage(bytes({0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xD9})), std::nullopt);
}

TEST(ImageSniff, JpegStartWithoutSegmentMarkerIsRejected) {
  EXPECT_EQ(sniffImage(bytes({0xFF, 0xD8, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xD9})), std::nullopt);
}

TEST(ImageSniff, TruncatedJpegIsRejectedAtEveryLength) {
  const std::string jpeg = minimalJpeg();
  for (size_t len = 0; len < jpeg.size(); ++len)
    EXPECT_EQ(sniffImage(jpeg.substr(0, len)), std::nullopt) << "length " << len;
}

TEST(ImageSniff, WebpWithRiffSizeNotMatchingLengthIsRejected) {
  const std::string webp = minimalWebpLossless();
  EXPECT_EQ(sniffImage(webp + "xx"), std::nullopt);
  std::string bigger = webp;
  bigger.replace(4, 4, le32(static_cast<uint32_t>(webp.size())));
  EXPECT_EQ(sniffImage(bigger), std::nullopt);
  std::string huge = webp;
  huge.replace(4, 4, le32(0xFFFFFFFF));
  EXPECT_EQ(sniffImage(huge), std::nullopt);
}

TEST(ImageSniff, TruncatedWebpIsRejectedAtEveryLength) {
  for (const std::string& webp : {minimalWebpLossless(), minimalWebpLossy()}) {
    for (size_t len = 0; len < webp.size(); ++len)
      EXPECT_EQ(sniffImage(webp.substr(0, len)), std::nullopt) << "length " << len;
  }
}

TEST(ImageSniff, RiffThatIsNotWebpIsRejected) {
  std::string wave = minimalWebpLossless();
  wave.replace(8, 4, "WAVE");
  EXPECT_EQ(sniffImage(wave), std::nullopt);
}

TEST(ImageSniff, WebpWithUnknownFirstChunkIsRejected) {
  EXPECT_EQ(sniffImage(riff("ALPH", "abcd")), std::nullopt);
}

TEST(ImageSniff, WebpVp8WithoutKeyFrameStartCodeIsRejected) {
  EXPECT_EQ(
      sniffImage(riff("VP8 ", bytes({0x30, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00}))),
      std::nullopt);
}

TEST(ImageSniff, WebpVp8lWithoutSignatureByteIsRejected) {
  EXPECT_EQ(sniffImage(riff("VP8L", bytes({0x00, 0x00, 0x00, 0x00, 0x10, 0x07}))), std::nullopt);
}

TEST(ImageSniff, WebpVp8xWithWrongLengthIsRejected) {
  EXPECT_EQ(sniffImage(riff("VP8X", std::string(8, '\0'))), std::nullopt);
}

TEST(ImageSniff, WebpChunkSizeLargerThanFileIsRejected) {
  std::string webp = minimalWebpLossless();
  webp.replace(16, 4, le32(1000));
  EXPECT_EQ(sniffImage(webp), std::nullopt);
}

TEST(ImageSniff, RandomBytesAndMutatedImagesNeverCrash) {
  std::mt19937 rng(12345);
  const std::vector<std::string> seeds = {minimalPng(), minimalJpeg(), minimalWebpLossless(),
                                          minimalWebpLossy(), minimalWebpExtended()};
  for (int round = 0; round < 20000; ++round) {
    std::string input;
    if (round % 2 == 0) {
      input.resize(rng() % 64);
      for (char& c : input)
        c = static_cast<char>(rng());
    } else {
      input = seeds[rng() % seeds.size()];
      const int flips = 1 + static_cast<int>(rng() % 3);
      for (int i = 0; i < flips; ++i)
        input[rng() % input.size()] = static_cast<char>(rng());
      input.resize(rng() % (input.size() + 1));
    }
    (void)sniffImage(input);
  }
}

}  // namespace
}  // namespace lsm
