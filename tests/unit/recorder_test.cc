// --record (proxy/recorder.h): a real server's answers become a fixtures directory's state.
#include "proxy/recorder.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"
#include "test_spec.h"

namespace lsm {
namespace {

using nlohmann::json;

const Spec& spec() {
  return embeddedSpecForTests();
}

constexpr char kStream[] = "6afaced25eed00000000004f";
constexpr char kCaller[] = "6723b22c5eed000000000006";

json historyPage() {
  json sender = {{"_id", "65e44a855eed000000000034"},
                 {"username", "Emre Ergün"},  // not a fixture username: normalised
                 {"name", "Emre"},
                 {"surname", "Ergün"},
                 {"profilePhoto", nullptr},
                 {"availabilityStatus", "busy"},
                 {"__v", 0}};  // a field of the real server's own
  json message = {{"_id", "6b0035a45eed0000000000c5"},
                  {"streamId", kStream},
                  {"content", "Selam"},
                  {"sender", sender},
                  {"createdAt", "2026-12-02T14:11:52.552Z"},
                  {"updatedAt", "2026-12-02T14:11:52.552Z"},
                  {"deletedAt", nullptr}};
  return {{"isSuccess", true}, {"data", {{"list", json::array({message})}}}};
}

TEST(Recorder, AChatPageBecomesFixturesThatLoadWithTheirReferences) {
  Recorder recorder("/nonexistent");
  recorder.observe(*spec().find("listChatMessages"), {{"streamId", kStream}}, kCaller,
                   historyPage());
  auto doc = recorder.document(1'800'000'000'000);
  ASSERT_TRUE(doc) << doc.error().details.at(0);
  auto state = importState(*doc);
  ASSERT_TRUE(state) << state.error().details.at(0);
  ASSERT_EQ(state->chat.at(kStream).size(), 1u);
  EXPECT_EQ(state->chat.at(kStream)[0].content, "Selam");
  const User* sender = state->user("65e44a855eed000000000034");
  ASSERT_NE(sender, nullptr);
  EXPECT_EQ(sender->username, "emre.erg..n");
  EXPECT_EQ(sender->availability, "busy");
  // The stream, seen only through its chat, with a placeholder creator that exists.
  const Stream* st = state->liveStream(kStream);
  ASSERT_NE(st, nullptr);
  EXPECT_NE(state->user(st->creator_id), nullptr);
  // The caller, so a developer can go on as themselves offline.
  EXPECT_NE(state->user(kCaller), nullptr);
  EXPECT_EQ(doc->dump().find("__v"), std::string::npos);
}

TEST(Recorder, ContactsKeepOnlyFixtureFieldsAndARepeatIsOneRecord) {
  Recorder recorder("/nonexistent");
  json contact = {{"_id", "6afbf9cc5f3a9c1e7b1a2c66"},
                  {"name", "Nur"},
                  {"email", "nur@example.net"},
                  {"phone", nullptr},
                  {"subject", "Merhaba"},
                  {"message", "..."},
                  {"status", "new"},
                  {"createdAt", "2026-11-29T08:58:53.152Z"},
                  {"updatedAt", "2026-11-29T08:58:53.152Z"},
                  {"__v", 0}};
  json page = {{"data", {{"list", json::array({contact})}}}};
  recorder.observe(*spec().find("listContacts"), {}, kCaller, page);
  recorder.observe(*spec().find("listContacts"), {}, kCaller, page);
  auto doc = recorder.document(1'800'000'000'000);
  ASSERT_TRUE(doc) << doc.error().details.at(0);
  ASSERT_EQ((*doc)["contacts"].size(), 1u);
  EXPECT_FALSE((*doc)["contacts"][0].contains("__v"));
}

}  // namespace
}  // namespace lsm
