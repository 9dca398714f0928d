#pragma once
// Credit balances: the one place that checks a balance against a price and debits it, so every
// paid action (superlikes, replay rentals) fails and debits the same way.

#include <cstdint>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// Debits `amount` credits from `u` once; kInvalidArgument naming `credits` ("credits:
// insufficient balance (4 available, 10 required)") when the balance is below it, leaving it as is.
Status debitCredits(User& u, int64_t amount);

}  // namespace lsm
