#include "domain/reminders.h"
#include "handlers/handler.h"

namespace lsm {

Result<Reply> setLiveStreamReminder(Call& c) {
  const std::string& id = c.in.path.at("id");
  // An absent body, an absent field and null all mean "when the stream actually starts".
  std::optional<int64_t> minutes_before;
  if (c.in.body.is_object()) {
    if (auto it = c.in.body.find("minutesBefore");
        it != c.in.body.end() && it->is_number_integer()) {
      minutes_before = it->get<int64_t>();
    }
  }
  return c.services.store.write(kRemindersAspect | kIdsAspect, [&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    auto reminder = setReminder(s, id, c.caller_id, minutes_before, now);
    if (!reminder) return reminder.error();
    return Reply{201, reminderView(s, **reminder), std::nullopt};
  });
}

}  // namespace lsm
