#pragma once
// The names and phrases generated fixtures are made of, in Turkish and in English.

#include <vector>

namespace lsm::gen {

using Words = std::vector<const char*>;

// Everything that depends on a person's or a stream's language.
struct Language {
  const Words& first_names;
  const Words& surnames;
  const Words& expertise;
  const Words& motivations;
  const Words& chat;          // what the audience writes
  const Words& creator_chat;  // what the host writes
  const Words& replies;       // the host answering "@username ..."
  const Words& funding_titles;
  const Words& title_suffixes;  // printf formats with one %d, or plain text
};

const Language& language(bool turkish);

struct Interest {
  const char* name;  // the stream's "interest" field
  Words turkish_titles;
  Words english_titles;
};
extern const std::vector<Interest> kInterests;

struct ContactTopic {
  const char* subject;
  const char* message;
};
extern const std::vector<ContactTopic> kTurkishContactTopics;
extern const std::vector<ContactTopic> kEnglishContactTopics;

struct GiftTypeSpec {
  const char* name;
  const char* icon_slug;
  int price;
  bool active;
  int weight;  // how often it is sent, relative to the others
};
extern const std::vector<GiftTypeSpec> kGiftTypes;

extern const Words kEmoji;
extern const Words kEmailDomains;
extern const Words kUserAgents;

}  // namespace lsm::gen
