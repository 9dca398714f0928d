#pragma once
// Generates the documents of a fixtures directory for livestream-mock (users, follows, streams
// with their audiences, chat, gifts, contacts, consents, replay rentals, reminders), keeping the
// rules of schemas/fixtures.schema.json and of the API brief. Deterministic: the same options
// give the same documents, byte for byte, on every platform.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"

namespace lsm::gen {

struct Options {
  uint64_t users = 10000;
  uint64_t streams = 1000;
  uint64_t messages = 100000;
  uint64_t seed = 42;
  Millis reference_time = 0;  // meta.json's referenceTime; every timestamp is relative to it
};

// Receives each document once it is complete: `name` is the file name without ".json".
using DocumentSink = std::function<void(const std::string& name, const nlohmann::ordered_json&)>;

// Calls `sink` for meta, users, follows, streams, chat-messages, gift-types, gifts, contacts,
// consents, replay-rentals, reminders; returns a one-line summary of the counts.
std::string generateFixtures(const Options& options, const DocumentSink& sink);

}  // namespace lsm::gen
