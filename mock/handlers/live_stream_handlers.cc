#include "codec/image_sniff.h"
#include "domain/streams.h"
#include "domain/viewers.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

Result<Reply> createLiveStream(Call& c) {
  const json& form = c.in.body;
  CreateStreamInput input;
  input.title = optString(form, "title").value_or("");
  if (form.contains("guests")) input.guest_ids = form["guests"].get<std::vector<std::string>>();
  if (form.contains("price")) input.price = form["price"].get<double>();
  input.live_stream_type = optString(form, "liveStreamType").value_or("solo");
  input.interest = optString(form, "interest");
  input.motivation = optString(form, "motivation");
  if (form.contains("durationGoal")) input.duration_goal = form["durationGoal"].get<int64_t>();
  if (auto planned = optString(form, "plannedStartDate")) {
    input.planned_start_date = parseIsoDateTime(*planned);
  }
  if (auto file = c.in.files.find("thumbnail"); file != c.in.files.end()) {
    const size_t limit = c.services.config.max_upload_bytes;
    if (file->second.data.size() > limit) {
      return Error::invalid("thumbnail: must be at most " +
                            (limit % (1024 * 1024) == 0
                                 ? std::to_string(limit / (1024 * 1024)) + " MiB"
                                 : std::to_string(limit) + " bytes"));
    }
    auto type = sniffImage(file->second.data);
    if (!type) return Error::invalid("thumbnail: must be a PNG, JPEG or WebP image");
    input.thumbnail = Thumbnail{std::string(mimeType(*type)), std::string(fileExtension(*type)),
                                std::move(file->second.data)};
  }
  const std::string uploads = c.services.uploadsUrl();
  return c.services.store.write(
      kStreamsAspect | kIdsAspect | kUploadsAspect, [&](State& s) -> Result<Reply> {
        const Millis now = c.services.clock.now();
        auto created = createStream(s, c.caller_id, std::move(input), now, uploads);
        if (!created) return created.error();
        return Reply{201, liveStreamView(s, **created, c.caller_id, now), std::nullopt};
      });
}

Result<Reply> listLiveStreamViewers(Call& c) {
  const std::string& id = c.in.path.at("streamId");
  const int64_t page = intOr(c.in.query, "page", 1);
  const int64_t limit = intOr(c.in.query, "limit", 20);
  const std::string search = optString(c.in.query, "search").value_or("");
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto result = listViewers(s, id, c.caller_id, page, limit, search);
    if (!result) return result.error();
    json list = json::array();
    for (const AudienceMember* m : result->members) {
      list.push_back(viewerView(s, *s.user(m->user_id), m->joined_at, c.caller_id));
    }
    return Reply{200,
                 {{"list", std::move(list)},
                  {"pagination", paginationView(page, limit, result->total)},
                  {"participantAudienceTotal", result->audience_total}},
                 std::nullopt};
  });
}

}  // namespace lsm
