#pragma once
// Records of other modules the mock serves as stored: contact-form records and consents.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

struct RecordPage {
  std::vector<const nlohmann::json*> list;  // newest first
  int64_t total = 0;                        // records the pages are counted over
};

// Page `page` (from 1) of `limit` contact records, all of them, newest first.
Result<RecordPage> listContacts(const State& s, int64_t page, int64_t limit);

// Page `page` (from 1) of `limit` of the user's own consent records, newest first.
Result<RecordPage> listConsents(const State& s, const std::string& user_id, int64_t page,
                                int64_t limit);

}  // namespace lsm
