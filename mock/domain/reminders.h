#pragma once
// Reminders: each user has at most one per stream, set before the stream starts.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

inline constexpr int64_t kMaxReminderMinutesBefore = 1440;

// Creates the caller's reminder on the stream, or replaces the minutes of the one they have.
// `minutes_before` null or 0: notify when the stream actually starts.
// Errors: 404 no such stream, 409 the stream is not scheduled, 400 minutes outside 0..1440.
Result<const Reminder*> setReminder(State& s, const std::string& stream_id,
                                    const std::string& user_id,
                                    std::optional<int64_t> minutes_before, Millis now);

// plannedStartDate - minutesBefore; nullopt while the reminder waits for the actual start
// (minutes null or 0) or the stream has no planned start.
std::optional<Millis> reminderNotifyAt(const Stream& st, const Reminder& r);

// The reminder as the API shows it: {_id, streamId, userId, minutesBefore, notifyAt, ...}.
nlohmann::json reminderView(const State& s, const Reminder& r);

}  // namespace lsm
