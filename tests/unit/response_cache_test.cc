#include "cache/response_cache.h"

#include <gtest/gtest.h>

#include "core/json_writer.h"
#include "envelope/envelope.h"

namespace lsm {
namespace {

using nlohmann::json;

TEST(ResponseCache, EnvelopeTextIsWhatTheEnvelopeSerialisesTo) {
  const json data = {{"list", {{{"_id", "a"}, {"name", "Yıldız"}}}}, {"total", 1}};
  const Millis now = 1'763'900'000'123;
  EXPECT_EQ(successEnvelopeText(200, toJson(data), now), toJson(successEnvelope(200, data, now)));
  EXPECT_EQ(successEnvelopeText(201, "null", now), toJson(successEnvelope(201, nullptr, now)));
}

TEST(ResponseCache, EntryOfAnotherVersionIsAMiss) {
  ResponseCache cache(8);
  cache.put("k", {7, 200, "{}"});
  ASSERT_TRUE(cache.find("k", 7).has_value());
  EXPECT_EQ(cache.find("k", 7)->data_json, "{}");
  EXPECT_FALSE(cache.find("k", 8).has_value());
  EXPECT_FALSE(cache.find("other", 7).has_value());
}

TEST(ResponseCache, KeysOfDifferentQueriesNeverCollide) {
  HttpRequest a, b;
  a.path = b.path = "/x";
  a.query = {{"a", "1\n1:b=2"}};
  b.query = {{"a", "1"}, {"b", "2"}};
  EXPECT_NE(ResponseCache::keyOf("op", "u", a), ResponseCache::keyOf("op", "u", b));
  EXPECT_NE(ResponseCache::keyOf("op", "u1", a), ResponseCache::keyOf("op", "u", a));
  EXPECT_NE(ResponseCache::keyOf("op", "", a), ResponseCache::keyOf("o", "p", a));
}

TEST(ResponseCache, FullCacheStartsOver) {
  ResponseCache cache(2);
  cache.put("a", {1, 200, "1"});
  cache.put("b", {1, 200, "2"});
  cache.put("c", {1, 200, "3"});
  EXPECT_TRUE(cache.find("c", 1).has_value());
  EXPECT_FALSE(cache.find("a", 1).has_value());
}

TEST(ResponseCache, ZeroCapacityIsOff) {
  EXPECT_FALSE(ResponseCache(0).enabled());
  EXPECT_TRUE(ResponseCache(1).enabled());
}

}  // namespace
}  // namespace lsm
