#include "domain/credits.h"

#include <string>

namespace lsm {

Status debitCredits(User& u, int64_t amount) {
  if (u.credits < amount) {
    return Error::invalid("credits: insufficient balance (" + std::to_string(u.credits) +
                          " available, " + std::to_string(amount) + " required)");
  }
  u.credits -= amount;
  return okStatus();
}

}  // namespace lsm
