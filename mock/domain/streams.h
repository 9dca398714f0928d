#pragma once
// Creating live streams: who may, what the new stream looks like.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

struct Thumbnail {
  std::string content_type;  // from the bytes, not from the client
  std::string extension;
  std::string bytes;
};

struct CreateStreamInput {
  std::string title;
  std::vector<std::string> guest_ids;
  std::optional<double> price;
  std::string live_stream_type = "solo";
  std::optional<std::string> interest, motivation;
  std::optional<int64_t> duration_goal;
  std::optional<Millis> planned_start_date;
  std::optional<Thumbnail> thumbnail;
};

// `uploads_base_url` is where the mock serves uploads ("http://127.0.0.1:8080/uploads").
// Errors: 400 blank title or bad guests, 403 a user who may not broadcast, 404 a guest who is no
// user, 409 the creator already has an active stream.
Result<const Stream*> createStream(State& s, const std::string& creator_id, CreateStreamInput input,
                                   Millis now, const std::string& uploads_base_url);

// "Yeni ürün tanıtımı" -> "yeni-urun-tanitimi" (Turkish letters transliterated).
std::string slugify(const std::string& title);

}  // namespace lsm
