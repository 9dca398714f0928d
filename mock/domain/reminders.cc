#include "domain/reminders.h"

#include <algorithm>

namespace lsm {

using nlohmann::json;

Result<const Reminder*> setReminder(State& s, const std::string& stream_id,
                                    const std::string& user_id,
                                    std::optional<int64_t> minutes_before, Millis now) {
  const Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (st->status != StreamStatus::kScheduled) {
    return Error::conflict(std::string("reminders are for scheduled streams; this one is ") +
                           toString(st->status));
  }
  if (minutes_before && (*minutes_before < 0 || *minutes_before > kMaxReminderMinutesBefore)) {
    return Error::invalid("minutesBefore: must be between 0 and " +
                          std::to_string(kMaxReminderMinutesBefore));
  }
  auto it = std::find_if(s.reminders.begin(), s.reminders.end(), [&](const Reminder& r) {
    return r.stream_id == stream_id && r.user_id == user_id;
  });
  if (it != s.reminders.end()) {
    it->minutes_before = minutes_before;
    it->updated_at = now;
    return static_cast<const Reminder*>(&*it);
  }
  s.reminders.push_back({s.newId(now), stream_id, user_id, minutes_before, now, now});
  return static_cast<const Reminder*>(&s.reminders.back());
}

std::optional<Millis> reminderNotifyAt(const Stream& st, const Reminder& r) {
  if (!r.minutes_before || *r.minutes_before == 0 || !st.planned_start_date) return std::nullopt;
  return *st.planned_start_date - *r.minutes_before * 60 * 1000;
}

json reminderView(const State& s, const Reminder& r) {
  const Stream* st = s.liveStream(r.stream_id);
  const auto notify_at = st ? reminderNotifyAt(*st, r) : std::nullopt;
  return {{"_id", r.id},
          {"streamId", r.stream_id},
          {"userId", r.user_id},
          {"minutesBefore", r.minutes_before ? json(*r.minutes_before) : json(nullptr)},
          {"notifyAt", notify_at ? json(formatIsoMillis(*notify_at)) : json(nullptr)},
          {"createdAt", formatIsoMillis(r.created_at)},
          {"updatedAt", formatIsoMillis(r.updated_at)}};
}

}  // namespace lsm
