#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace lsm {
namespace {

using nlohmann::json;

std::string reference(const json& v) {
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(JsonWriter, WritesWhatNlohmannWritesForAnEnvelope) {
  const json v = json::parse(R"({"isSuccess":true,"statusCode":201,"data":{"id":"abc","n":-12,
    "u":18446744073709551615,"price":9.99,"whole":10.0,"tiny":1e-7,"big":1e300,"none":null,
    "flags":[true,false],"empty":{},"list":[],"nested":[{"b":1,"a":[1,2,[3]]}],
    "name":"Yıldız Şükrü 🎉"},"errors":[],"timestamp":"2026-11-23T10:00:00.000Z"})");
  EXPECT_EQ(toJson(v), reference(v));
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharactersLikeNlohmann) {
  std::string all;
  for (int c = 0; c < 0x80; ++c)
    all.push_back(static_cast<char>(c));
  const json v = {{"s", all}, {all, "key with every ASCII byte"}};
  EXPECT_EQ(toJson(v), reference(v));
}

TEST(JsonWriter, ReplacesInvalidUtf8LikeNlohmann) {
  for (const std::string& s : {std::string("\xff"), std::string("a\xc3"), std::string("\xc0\xaf"),
                               std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"),
                               std::string("\xe0\x80\xaf"), std::string("ok\xe2\x82")}) {
    const json v = {{"s", s}};
    EXPECT_EQ(toJson(v), reference(v))
        << json(s).dump(-1, ' ', true, json::error_handler_t::replace);
  }
}

TEST(JsonWriter, MatchesNlohmannOnRandomByteStrings) {
  std::mt19937 rng(7);
  // Bytes biased towards UTF-8 lead and continuation bytes, so valid multi-byte sequences occur.
  const unsigned char pool[] = {'a',  'Z',  '"',  '\\', 0x01, 0x1f, 0x7f, 0x80, 0xbf, 0xc2,
                                0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 12, '\0');
    for (auto& ch : s)
      ch = static_cast<char>(pool[rng() % sizeof pool]);
    const json v = {{"k", s}, {"list", {s, 1}}};
    ASSERT_EQ(toJson(v), reference(v)) << round;
  }
}

TEST(JsonWriter, WritesScalarsAtTheTopLevel) {
  for (const json& v : {json(nullptr), json(true), json(0), json(-9223372036854775807LL - 1),
                        json(0.5), json("x"), json::array(), json::object()}) {
    EXPECT_EQ(toJson(v), reference(v));
  }
}

}  // namespace
}  // namespace lsm
