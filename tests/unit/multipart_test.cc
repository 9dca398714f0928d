#include "codec/multipart.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace lsm {
namespace {

using namespace std::string_literals;

const std::string kBoundary = "------------------------d74496d66958873e";
const std::string kContentType = "multipart/form-data; boundary=" + kBoundary;

// A part as curl -F writes it.
std::string part(const std::string& disposition_params, const std::string& data,
                 const std::string& extra_headers = "", const std::string& boundary = kBoundary) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; " + disposition_params + "\r\n" +
         extra_headers + "\r\n" + data + "\r\n";
}

std::string close(const std::string& boundary = kBoundary) {
  return "--" + boundary + "--\r\n";
}

std::string field(const std::string& name, const std::string& value,
                  const std::string& boundary = kBoundary) {
  return part("name=\"" + name + "\"", value, "", boundary);
}

// Binary file data with NUL bytes, CRLFs, dashes and a near-miss of the boundary.
const std::string kBinary = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--\r\n-" + kBoundary.substr(1) +
                            "\r\n--" + kBoundary.substr(0, kBoundary.size() - 1) + "\0\xff"s;

std::string curlBody() {
  return field("title", "My first stream") + field("tags", R"(["gaming","speedrun"])") +
         part(R"(name="thumbnail"; filename="thumb.png")", kBinary, "Content-Type: image/png\r\n") +
         close();
}

Result<std::vector<MultipartPart>> parse(std::string_view body,
                                         const MultipartLimits& limits = {}) {
  return parseMultipart(kContentType, body, limits);
}

void expectInvalid(const Result<std::vector<MultipartPart>>& r, const std::string& detail) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().details, std::vector<std::string>{detail});
}

// ---- multipartBoundary ----

TEST(MultipartBoundary, UnquotedBoundaryIsExtracted) {
  auto b = multipartBoundary("multipart/form-data; boundary=abc123");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "abc123");
}

TEST(MultipartBoundary, QuotedBoundaryIsUnquoted) {
  auto b = multipartBoundary(R"(multipart/form-data; boundary="abc 123")");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "abc 123");
}

TEST(MultipartBoundary, BoundaryWithAllRfc2046SpecialCharsIsAccepted) {
  auto b = multipartBoundary(R"(multipart/form-data; boundary="'()+_,-./:=? x")");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "'()+_,-./:=? x");
}

TEST(MultipartBoundary, MediaTypeAndParameterNameAreCaseInsensitive) {
  auto b = multipartBoundary("Multipart/Form-Data; BOUNDARY=XyZ");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "XyZ");
}

TEST(MultipartBoundary, OtherParametersAndWhitespaceAreAllowed) {
  auto b = multipartBoundary("  multipart/form-data ;charset=utf-8;\tboundary=q  ");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "q");
}

TEST(MultipartBoundary, OtherMediaTypesAreUnsupportedMedia) {
  for (const char* ct : {"application/json", "multipart/mixed; boundary=x", "", "text/plain",
                         "multipart/form-data-x; boundary=x", "multipart/form-dat"}) {
    auto b = multipartBoundary(ct);
    ASSERT_FALSE(b.ok()) << ct;
    EXPECT_EQ(b.error().kind, ErrorKind::kUnsupportedMedia) << ct;
    EXPECT_EQ(b.error().details,
              std::vector<std::string>{"Content-Type: expected multipart/form-data"});
  }
}

TEST(MultipartBoundary, MissingOrEmptyBoundaryIsInvalid) {
  for (const char* ct : {"multipart/form-data", "multipart/form-data; charset=utf-8",
                         "multipart/form-data; boundary=\"\""}) {
    auto b = multipartBoundary(ct);
    ASSERT_FALSE(b.ok()) << ct;
    EXPECT_EQ(b.error().kind, ErrorKind::kInvalidArgument) << ct;
    EXPECT_EQ(b.error().details,
              std::vector<std::string>{"Content-Type: multipart boundary missing"});
  }
}

TEST(MultipartBoundary, BoundaryOf70CharsIsAcceptedAnd71IsRejected) {
  auto at = multipartBoundary("multipart/form-data; boundary=" + std::string(70, 'a'));
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(at->size(), 70u);
  auto over = multipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a'));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(over.error().details,
            std::vector<std::string>{"Content-Type: multipart boundary missing"});
}

TEST(MultipartBoundary, BoundaryWithCharactersOutsideRfc2046IsInvalid) {
  for (const char* ct :
       {R"(multipart/form-data; boundary="a\"b")", R"(multipart/form-data; boundary="a;b")",
        R"(multipart/form-data; boundary="ab ")", "multipart/form-data; boundary=a*b"}) {
    auto b = multipartBoundary(ct);
    ASSERT_FALSE(b.ok()) << ct;
    EXPECT_EQ(b.error().kind, ErrorKind::kInvalidArgument) << ct;
    EXPECT_EQ(b.error().details,
              std::vector<std::string>{"Content-Type: multipart boundary has invalid characters"})
        << ct;
  }
}

TEST(MultipartBoundary, MalformedParametersAreInvalid) {
  for (const char* ct :
       {R"(multipart/form-data; boundary="abc)", "multipart/form-data; boundary",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=a b", "multipart/form-data; boundary=a;",
        "multipart/form-data; boundary = a"}) {
    auto b = multipartBoundary(ct);
    ASSERT_FALSE(b.ok()) << ct;
    EXPECT_EQ(b.error().kind, ErrorKind::kInvalidArgument) << ct;
    EXPECT_EQ(b.error().details,
              std::vector<std::string>{"Content-Type: malformed media type parameters"})
        << ct;
  }
}

// ---- parseMultipart: well-formed bodies ----

TEST(Multipart, ParsesBodyAsCurlSendsIt) {
  auto r = parse(curlBody());
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  ASSERT_EQ(r->size(), 3u);
  const auto& parts = *r;
  EXPECT_EQ(parts[0].name, "title");
  EXPECT_EQ(parts[0].filename, std::nullopt);
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "My first stream");
  EXPECT_EQ(parts[1].name, "tags");
  EXPECT_EQ(parts[1].data, R"(["gaming","speedrun"])");
  EXPECT_EQ(parts[2].name, "thumbnail");
  EXPECT_EQ(parts[2].filename, "thumb.png");
  EXPECT_EQ(parts[2].content_type, "image/png");
}

TEST(Multipart, BinaryFileDataIsExactIncludingNulCrlfAndBoundaryNearMisses) {
  auto r = parse(curlBody());
  ASSERT_TRUE(r.ok());
  const std::string& data = (*r)[2].data;
  EXPECT_EQ(data.size(), kBinary.size());
  EXPECT_EQ(data, kBinary);
  EXPECT_NE(data.find('\0'), std::string::npos);
}

TEST(Multipart, FileDataEndingInCrlfKeepsIt) {
  auto r = parse(part(R"(name="f"; filename="a.txt")", "line\r\n") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].data, "line\r\n");
}

TEST(Multipart, QuotedBoundaryInContentTypeWorks) {
  const std::string b = "simple boundary";
  auto r = parseMultipart("multipart/form-data; boundary=\"" + b + "\"",
                          field("a", "1", b) + close(b), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].data, "1");
}

TEST(Multipart, BoundaryWithSpecialCharsWorks) {
  const std::string b = "'()+_,-./:=?x";
  auto r = parseMultipart("multipart/form-data; boundary=\"" + b + "\"",
                          field("a", "1", b) + field("b", "2", b) + close(b), {});
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].data, "2");
}

TEST(Multipart, PreambleAndEpilogueAreIgnored) {
  auto r = parse("This is a preamble.\r\nIt is ignored.\r\n" + field("a", "1") + "--" + kBoundary +
                 "--\r\nThis is an epilogue --" + kBoundary + "\r\n");
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].data, "1");
}

TEST(Multipart, CloseDelimiterWithoutTrailingCrlfIsAccepted) {
  auto r = parse(field("a", "1") + "--" + kBoundary + "--");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST(Multipart, TransportPaddingAfterBoundaryIsAllowed) {
  auto r =
      parse("--" + kBoundary + " \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" +
            kBoundary + "-- \r\n");
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  EXPECT_EQ((*r)[0].data, "1");
}

TEST(Multipart, EmptyFormHasNoParts) {
  auto r = parse(close());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(Multipart, EmptyFieldValueIsAllowed) {
  auto r = parse(field("description", "") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].name, "description");
  EXPECT_EQ((*r)[0].data, "");
}

TEST(Multipart, EmptyFilenameIsStillAFilePart) {
  // What browsers send for a file input with no file chosen.
  auto r = parse(part(R"(name="thumbnail"; filename="")", "") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].filename, "");
  EXPECT_EQ((*r)[0].content_type, "application/octet-stream");
}

TEST(Multipart, FilenameWithPathSeparatorsIsKeptVerbatim) {
  auto r = parse(part(R"(name="a"; filename="../../etc/passwd")", "x") +
                 part(R"(name="b"; filename="C:\\Users\\me\\thumb.png")", "y") + close());
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  EXPECT_EQ((*r)[0].filename, "../../etc/passwd");
  EXPECT_EQ((*r)[1].filename, R"(C:\Users\me\thumb.png)");
}

TEST(Multipart, QuotedParameterValuesTakeBackslashEscapes) {
  auto r = parse(part(R"(name="say \"hi\""; filename="a\"b.png")", "x") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].name, R"(say "hi")");
  EXPECT_EQ((*r)[0].filename, R"(a"b.png)");
}

TEST(Multipart, UnquotedParameterValuesAreAccepted) {
  auto r = parse(part("name=title; filename=a.png", "x") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].name, "title");
  EXPECT_EQ((*r)[0].filename, "a.png");
}

TEST(Multipart, FilenameStarUtf8IsDecodedAndWinsOverFilename) {
  auto r =
      parse(part(R"(name="f"; filename="rates.txt"; filename*=UTF-8''%e2%82%ac%20rates.txt)", "x") +
            part(R"(name="g"; filename*=utf-8'en'caf%C3%A9.png)", "y") + close());
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  EXPECT_EQ((*r)[0].filename, "\xe2\x82\xac rates.txt");
  EXPECT_EQ((*r)[1].filename, "caf\xc3\xa9.png");
}

TEST(Multipart, MalformedFilenameStarIsInvalid) {
  for (const char* param :
       {R"(filename*=ISO-8859-1''a.png)", R"(filename*=UTF-8''%zz.png)", R"(filename*=UTF-8''a%2)",
        R"(filename*="UTF-8''a.png")", R"(filename*=UTF-8'a.png)"}) {
    auto r = parse(part(std::string(R"(name="f"; )") + param, "x") + close());
    expectInvalid(r, "f: malformed filename* parameter");
  }
}

TEST(Multipart, PartContentTypeIsPreservedVerbatim) {
  auto r = parse(part(R"(name="meta")", "{}", "Content-Type: application/json; charset=UTF-8\r\n") +
                 part(R"(name="f"; filename="x.webp")", "RIFF", "content-type: image/webp\r\n") +
                 close());
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  EXPECT_EQ((*r)[0].content_type, "application/json; charset=UTF-8");
  EXPECT_EQ((*r)[1].content_type, "image/webp");
}

TEST(Multipart, HeaderNamesAndDispositionTypeAreCaseInsensitive) {
  auto r = parse(
      "--" + kBoundary +
      "\r\ncOnTeNt-DiSpOsItIoN: Form-Data; NAME=\"a\"\r\nCONTENT-TYPE: text/csv\r\n\r\n1\r\n" +
      close());
  ASSERT_TRUE(r.ok()) << r.error().details[0];
  EXPECT_EQ((*r)[0].name, "a");
  EXPECT_EQ((*r)[0].content_type, "text/csv");
}

TEST(Multipart, UnknownPartHeadersAreIgnored) {
  auto r = parse(part(R"(name="a")", "1", "Content-Transfer-Encoding: binary\r\nX-Foo: bar\r\n") +
                 close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].data, "1");
}

TEST(Multipart, SeveralFilesMayShareAName) {
  auto r = parse(part(R"(name="files"; filename="a.png")", "a") +
                 part(R"(name="files"; filename="b.png")", "b") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 2u);
}

// ---- parseMultipart: errors ----

TEST(Multipart, NonMultipartContentTypeIsUnsupportedMedia) {
  auto r = parseMultipart("application/json", "{}", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnsupportedMedia);
  EXPECT_EQ(r.error().details,
            std::vector<std::string>{"Content-Type: expected multipart/form-data"});
}

TEST(Multipart, MissingBoundaryIsInvalid) {
  auto r = parseMultipart("multipart/form-data", curlBody(), {});
  expectInvalid(r, "Content-Type: multipart boundary missing");
}

TEST(Multipart, BodyWithoutCloseDelimiterIsTruncated) {
  expectInvalid(parse(field("a", "1")), "body: multipart body is truncated (no closing boundary)");
  expectInvalid(parse(field("a", "1") + "--" + kBoundary),
                "body: multipart body is truncated (no closing boundary)");
  expectInvalid(parse("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"),
                "body: multipart body is truncated (no closing boundary)");
}

TEST(Multipart, BodyWithoutAnyBoundaryIsInvalid) {
  expectInvalid(parse(""), "body: multipart body has no opening boundary");
  expectInvalid(parse("title=hello"), "body: multipart body has no opening boundary");
  // The boundary must start a line.
  expectInvalid(parse("x--" + kBoundary + "\r\n"), "body: multipart body has no opening boundary");
}

TEST(Multipart, BodyUsingAnotherBoundaryIsInvalid) {
  expectInvalid(parse(field("a", "1", "other") + close("other")),
                "body: multipart body has no opening boundary");
}

TEST(Multipart, BareLfLineEndingsAreRejected) {
  std::string body = "--" + kBoundary + "\nContent-Disposition: form-data; name=\"a\"\n\n1\n--" +
                     kBoundary + "--\n";
  auto r = parse(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

TEST(Multipart, BareLfInsidePartHeadersIsMalformed) {
  expectInvalid(
      parse("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\n1\r\n" +
            close()),
      "body: part 1 has a malformed header line");
}

TEST(Multipart, BoundaryFollowedByOtherTextIsMalformed) {
  expectInvalid(parse("--" + kBoundary + "x\r\n" + close()),
                "body: malformed multipart boundary line");
  expectInvalid(parse(field("a", "1") + "--" + kBoundary + "--x\r\n"),
                "body: malformed multipart close delimiter");
}

TEST(Multipart, MissingContentDispositionIsInvalid) {
  expectInvalid(parse("--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + close()),
                "body: part 1 has no Content-Disposition header");
  expectInvalid(parse(field("a", "1") + "--" + kBoundary + "\r\n\r\n1\r\n" + close()),
                "body: part 2 has no Content-Disposition header");
}

TEST(Multipart, NonFormDataDispositionIsInvalid) {
  expectInvalid(parse("--" + kBoundary +
                      "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n" + close()),
                "body: part 1 Content-Disposition is not form-data");
  expectInvalid(
      parse("--" + kBoundary + "\r\nContent-Disposition: form-datax\r\n\r\n1\r\n" + close()),
      "body: part 1 Content-Disposition is not form-data");
}

TEST(Multipart, MissingOrEmptyNameIsInvalid) {
  expectInvalid(parse(part(R"(filename="a.png")", "1") + close()), "body: part 1 has no name");
  expectInvalid(parse(part(R"(name="")", "1") + close()), "body: part 1 has no name");
  expectInvalid(
      parse("--" + kBoundary + "\r\nContent-Disposition: form-data\r\n\r\n1\r\n" + close()),
      "body: part 1 has no name");
}

TEST(Multipart, MalformedContentDispositionIsInvalid) {
  for (const char* params : {R"(name="a)", R"(name="a" filename="b")", R"(name="a"; name="b")",
                             "name=a b", R"(name="a\)"}) {
    expectInvalid(parse(part(params, "1") + close()),
                  "body: part 1 has a malformed Content-Disposition header");
  }
}

TEST(Multipart, MalformedHeaderLinesAreInvalid) {
  for (const std::string& header : {"no colon here\r\n"s, ": empty name\r\n"s, "Bad Name: x\r\n"s,
                                    " folded: x\r\n"s, "X-Nul: a\0b\r\n"s}) {
    expectInvalid(parse(part(R"(name="a")", "1", header) + close()),
                  "body: part 1 has a malformed header line");
  }
}

TEST(Multipart, DuplicatePartHeadersAreInvalid) {
  expectInvalid(
      parse(part(R"(name="a")", "1", "Content-Disposition: form-data; name=\"b\"\r\n") + close()),
      "body: part 1 has more than one Content-Disposition header");
  expectInvalid(
      parse(part(R"(name="a")", "1", "Content-Type: text/plain\r\ncontent-type: text/csv\r\n") +
            close()),
      "body: part 1 has more than one content-type header");
}

TEST(Multipart, MalformedPartContentTypeIsInvalid) {
  for (const char* ct : {"Content-Type: \r\n", "Content-Type: image\r\n",
                         "Content-Type: image/png; x\r\n", "Content-Type: image/png junk\r\n"}) {
    expectInvalid(parse(part(R"(name="thumb"; filename="a.png")", "1", ct) + close()),
                  "thumb: malformed Content-Type header");
  }
}

TEST(Multipart, DuplicateFieldNameIsInvalid) {
  expectInvalid(parse(field("title", "a") + field("title", "b") + close()),
                "title: duplicate field");
}

TEST(Multipart, FieldAndFileWithTheSameNameAreInvalid) {
  expectInvalid(parse(field("x", "a") + part(R"(name="x"; filename="a.png")", "b") + close()),
                "x: duplicate field");
  expectInvalid(parse(part(R"(name="x"; filename="a.png")", "b") + field("x", "a") + close()),
                "x: duplicate field");
}

// ---- limits ----

TEST(Multipart, FileExactlyAtLimitIsAccepted) {
  MultipartLimits limits;
  auto r = parse(
      part(R"(name="thumbnail"; filename="a.png")", std::string(5 * 1024 * 1024, 'x')) + close(),
      limits);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].data.size(), 5u * 1024 * 1024);
}

TEST(Multipart, FileLargerThanLimitIs413Kind) {
  auto r =
      parse(part(R"(name="thumbnail"; filename="a.png")", std::string(5 * 1024 * 1024 + 1, 'x')) +
            close());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPayloadTooLarge);
  EXPECT_EQ(r.error().details, std::vector<std::string>{"thumbnail: file is larger than 5 MiB"});
}

TEST(Multipart, FileLimitThatIsNotWholeMebibytesIsStatedInBytes) {
  MultipartLimits limits;
  limits.max_file_bytes = 1000;
  EXPECT_TRUE(
      parse(part(R"(name="f"; filename="a")", std::string(1000, 'x')) + close(), limits).ok());
  auto r = parse(part(R"(name="f"; filename="a")", std::string(1001, 'x')) + close(), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPayloadTooLarge);
  EXPECT_EQ(r.error().details, std::vector<std::string>{"f: file is larger than 1000 bytes"});
}

TEST(Multipart, FieldExactlyAtLimitIsAcceptedAndOneOverIsInvalid) {
  EXPECT_TRUE(parse(field("title", std::string(64 * 1024, 'x')) + close()).ok());
  expectInvalid(parse(field("title", std::string(64 * 1024 + 1, 'x')) + close()),
                "title: field is longer than 65536 bytes");
}

TEST(Multipart, FieldLimitInWholeMebibytesIsStatedInMiB) {
  MultipartLimits limits;
  limits.max_field_bytes = 1024 * 1024;
  expectInvalid(parse(field("t", std::string(1024 * 1024 + 1, 'x')) + close(), limits),
                "t: field is longer than 1 MiB");
}

TEST(Multipart, PartCountAtLimitIsAcceptedAndOneOverIsInvalid) {
  MultipartLimits limits;
  limits.max_parts = 3;
  std::string three;
  for (int i = 0; i < 3; ++i)
    three += field("f" + std::to_string(i), "v");
  EXPECT_TRUE(parse(three + close(), limits).ok());
  expectInvalid(parse(three + field("f3", "v") + close(), limits),
                "body: multipart body has more than 3 parts");
  // Default limit: 32.
  std::string many;
  for (int i = 0; i < 33; ++i)
    many += field("f" + std::to_string(i), "v");
  expectInvalid(parse(many + close()), "body: multipart body has more than 32 parts");
}

TEST(Multipart, HeaderBlockAtLimitIsAcceptedAndOneOverIsInvalid) {
  MultipartLimits limits;
  limits.max_part_header_bytes = 100;
  const std::string disposition = "Content-Disposition: form-data; name=\"a\"\r\n";
  auto body_with_block = [&](size_t block_size) {
    // block = disposition + "X: " + filler, without the final CRLF of the last line.
    const size_t filler = block_size - disposition.size() - 3;
    return "--" + kBoundary + "\r\n" + disposition + "X: " + std::string(filler, 'y') +
           "\r\n\r\nv\r\n" + close();
  };
  auto at = parse(body_with_block(100), limits);
  ASSERT_TRUE(at.ok()) << at.error().details[0];
  EXPECT_EQ((*at)[0].data, "v");
  expectInvalid(parse(body_with_block(101), limits),
                "body: part 1 header block is longer than 100 bytes");
  EXPECT_TRUE(parse(body_with_block(8192)).ok());
  expectInvalid(parse(body_with_block(8193)),
                "body: part 1 header block is longer than 8192 bytes");
}

// ---- robustness ----

std::string randomBytes(std::mt19937& rng, size_t n) {
  static const std::string alphabet = "\r\n-\0ab \"\\;=:"s;
  std::string out(n, '\0');
  for (char& c : out)
    c = (rng() % 2 == 0) ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
  return out;
}

TEST(Multipart, TruncatingAValidBodyAtEveryOffsetIsAnErrorAndNeverCrashes) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 30; ++round) {
    const std::string boundary = "b" + std::to_string(rng()) + "'()+_,-./:=?";
    const std::string content_type = "multipart/form-data; boundary=\"" + boundary + "\"";
    std::string body = (rng() % 2 == 0) ? "preamble\r\n" : "";
    const int nparts = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < nparts; ++i) {
      std::string data = randomBytes(rng, rng() % 40);
      if (rng() % 2 == 0)
        body += part("name=\"f" + std::to_string(i) + "\"; filename=\"x.bin\"", data,
                     "Content-Type: application/octet-stream\r\n", boundary);
      else
        body += field("f" + std::to_string(i), data, boundary);
    }
    body += "--" + boundary + "--";
    const size_t close_end = body.size();
    body += "\r\nepilogue";

    auto full = parseMultipart(content_type, body, {});
    ASSERT_TRUE(full.ok()) << full.error().details[0];
    ASSERT_EQ(full->size(), static_cast<size_t>(nparts));
    for (size_t cut = 0; cut < close_end; ++cut) {
      auto r = parseMultipart(content_type, std::string_view(body).substr(0, cut), {});
      ASSERT_FALSE(r.ok()) << "round " << round << " cut " << cut;
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    }
  }
}

TEST(Multipart, RandomMutationsNeverCrash) {
  std::mt19937 rng(7);
  const std::string seed = curlBody();
  MultipartLimits limits;
  limits.max_part_header_bytes = 64;
  limits.max_parts = 3;
  for (int round = 0; round < 5000; ++round) {
    std::string body = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits && !body.empty(); ++i) {
      const size_t at = rng() % body.size();
      switch (rng() % 3) {
        case 0:
          body[at] = static_cast<char>(rng());
          break;
        case 1:
          body.erase(at, 1 + rng() % 8);
          break;
        default:
          body.insert(at, randomBytes(rng, 1 + rng() % 8));
      }
    }
    auto r = parse(body, (round % 2 == 0) ? MultipartLimits{} : limits);
    if (!r.ok()) {
      EXPECT_FALSE(r.error().details.empty());
    }
  }
}

TEST(Multipart, AdversarialNearMissDelimitersParseInLinearTime) {
  // Megabytes of almost-delimiters inside one part: a quadratic scan would not finish.
  std::string near_miss = "\r\n--" + kBoundary.substr(0, kBoundary.size() - 1) + "x";
  std::string data;
  while (data.size() < 4 * 1024 * 1024)
    data += near_miss;
  auto r = parse(part(R"(name="f"; filename="a")", data) + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].data, data);
  // Many header-ish CRLFs that never make an empty line.
  std::string headers;
  while (headers.size() < 1024 * 1024)
    headers += "\r\n\r";
  auto h = parse("--" + kBoundary + "\r\nX: y" + headers);
  ASSERT_FALSE(h.ok());
}

}  // namespace
}  // namespace lsm
