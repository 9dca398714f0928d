#include "generator.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/streams.h"
#include "rng.h"
#include "word_lists.h"

namespace lsm::gen {

namespace {

using ojson = nlohmann::ordered_json;

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kJohnDoe = 0;  // users_[0], as in the bundled fixtures
constexpr const char* kJohnDoeId = "64d15f9e2e6c8f4d5a123456";
// The counter half of generated ids starts here, far from the mock's own counter
// (0xa1b2c3d4e5...), so ids the mock creates at run time never collide with generated ones.
constexpr uint64_t kIdCounterBase = 0x5eed000000000000ULL;

enum class Status { kScheduled, kActive, kEnded, kCancelled };

const char* statusName(Status s) {
  switch (s) {
    case Status::kScheduled:
      return "scheduled";
    case Status::kActive:
      return "active";
    case Status::kEnded:
      return "ended";
    case Status::kCancelled:
      return "cancelled";
  }
  return "scheduled";
}

struct UserRec {
  std::string id, username, name, surname, email;
  bool turkish = false;
  Millis registered = 0;
  const char* availability = "available";
  const char* expertise = nullptr;
  int64_t credits = 0;
  bool can_broadcast = true;
  bool has_photo = true;
  std::string photo_id;
  Millis photo_created = 0, photo_updated = 0;
  int64_t followers = 0, following = 0;
};

struct Member {
  size_t user;
  Millis joined;
};

struct StreamRec {
  std::string id, title, channel;
  Status status = Status::kScheduled;
  size_t creator = 0;
  bool turkish = false;
  bool johndoe_replay = false;  // johndoe's own ended stream: recorded and rentable
  std::vector<size_t> guests, broadcasters;
  std::vector<Member> audience;  // in joining order
  std::vector<size_t> bans;
  Millis created = 0, updated = 0;
  // When joining, chat and gifts stopped: referenceTime for an active stream, endedAt or the
  // cancellation for the others.
  Millis closed = 0;
  std::optional<Millis> started, planned_start, ended, planned_end, deleted;
  std::optional<int64_t> duration_goal;
  bool recording = false, has_recording_url = false;
  std::optional<bool> replay_on_profile;
  std::optional<int64_t> replay_price;
  std::optional<double> price;
  std::optional<int64_t> funding_goal;
  int64_t collected = 0;
  ojson minis = ojson::array();
  const char* interest = nullptr;
  const char* motivation = nullptr;

  bool live() const { return !deleted.has_value(); }
  // Active or ended, not deleted: where chat and gifts are.
  bool hadAudienceActivity() const {
    return live() && (status == Status::kActive || status == Status::kEnded);
  }
};

template <typename T>
ojson optJson(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}
ojson optTime(const std::optional<Millis>& t) {
  return t ? ojson(formatIsoMillis(*t)) : ojson(nullptr);
}
ojson optText(const char* s) {
  return s ? ojson(s) : ojson(nullptr);
}

// "Çağla" -> "cagla", "O'Connor" -> "oconnor".
std::string asciiFold(const std::string& s) {
  std::string slug = slugify(s), out;
  for (char c : slug) {
    if (c != '-') out += c;
  }
  return out;
}

// Cumulative weights for picking an index in proportion to its weight.
class WeightedPicker {
 public:
  void add(uint64_t weight) {
    total_ += weight;
    cumulative_.push_back(total_);
  }
  bool empty() const { return total_ == 0; }
  size_t pick(Rng& rng) const {
    const uint64_t x = rng.below(total_);
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) -
                               cumulative_.begin());
  }

 private:
  std::vector<uint64_t> cumulative_;
  uint64_t total_ = 0;
};

class Generator {
 public:
  Generator(const Options& options, const DocumentSink& sink)
      : o_(options), sink_(sink), rng_(options.seed), ref_(options.reference_time) {}

  std::string run() {
    makeUsers();
    makeFollows();
    emitMeta();
    emitUsers();
    emitFollows();
    planStreams();
    makeAudiences();
    emitStreams();
    makeChat();
    makeGifts();
    makeContacts();
    makeConsents();
    makeRentals();
    makeReminders();
    return summary();
  }

 private:
  // 8 hex digits of seconds, then a counter: unique across every file, roughly in time order.
  std::string newId(Millis t) {
    char buf[25];
    std::snprintf(buf, sizeof(buf), "%08llx%016llx",
                  static_cast<unsigned long long>((t / 1000) & 0xffffffffLL),
                  static_cast<unsigned long long>(kIdCounterBase + ++id_counter_));
    return buf;
  }
  Millis ago(Millis lo, Millis hi) { return ref_ - rng_.between(lo, hi); }
  // A point in [from, from + span), skewed toward `from` when `power` > 1.
  Millis within(Millis from, Millis span, int power = 1) {
    double u = rng_.unit(), x = u;
    for (int i = 1; i < power; ++i)
      x *= u;
    return from + static_cast<Millis>(static_cast<double>(span) * x);
  }
  const UserRec& user(size_t u) const { return users_[u]; }

  void makeUsers();
  void makeFollows();
  void planStreams();
  void describeStream(StreamRec& st);
  void stampTimes(StreamRec& st, size_t active_rank);
  void addGuests(StreamRec& st, const std::vector<size_t>& broadcasters);
  void addFunding(StreamRec& st);
  void makeAudiences();
  void fillAudience(StreamRec& st, size_t size, const std::vector<size_t>& forced);
  void makeChat();
  std::string audienceLine(const StreamRec& st, size_t sender);
  std::string hostLine(const StreamRec& st, size_t joined_so_far);
  void makeGifts();
  void makeContacts();
  void makeConsents();
  void makeRentals();
  void makeReminders();
  void emitMeta();
  void emitUsers();
  void emitFollows();
  void emitStreams();
  std::string summary() const;

  const Options& o_;
  const DocumentSink& sink_;
  Rng rng_;
  const Millis ref_;
  uint64_t id_counter_ = 0;

  std::vector<UserRec> users_;
  std::vector<size_t> pop_order_;  // a random order of users: the first ones attract followers
  std::vector<std::vector<size_t>> following_, followers_;
  std::vector<StreamRec> streams_;
  std::vector<size_t> active_order_;  // active streams, biggest audience first
  std::vector<char> on_air_;          // creator, guest or broadcaster of an active stream
  std::vector<uint32_t> marks_;       // marks_[u] == epoch_: u is taken for the current stream
  uint32_t epoch_ = 0;
  std::unordered_set<std::string> channels_;
  std::vector<std::string> gift_type_ids_;

  // For the summary.
  size_t follows_ = 0, messages_ = 0, biggest_chat_ = 0, audience_total_ = 0, gifts_ = 0;
  size_t contacts_ = 0, consents_ = 0, rentals_ = 0, reminders_ = 0;
};

// --- users and follows ---

void Generator::makeUsers() {
  const size_t n = o_.users;
  users_.resize(n);
  std::unordered_set<std::string> taken = {"johndoe"};

  UserRec& john = users_[kJohnDoe];
  john.id = kJohnDoeId;
  john.username = "johndoe";
  john.name = "John";
  john.surname = "Doe";
  john.email = "john.doe@example.com";
  john.registered = ref_ - 1200 * kDay;
  john.expertise = "designer";
  john.credits = 500;
  john.photo_created = john.registered + 2 * kDay + 1234;
  john.photo_updated = john.photo_created + 265 * kDay + 5678;
  john.photo_id = newId(john.photo_created);

  for (size_t i = 1; i < n; ++i) {
    UserRec& u = users_[i];
    u.turkish = rng_.percent(60);
    const Language& lang = language(u.turkish);
    u.name = rng_.pick(lang.first_names);
    u.surname = rng_.pick(language(rng_.percent(85) ? u.turkish : !u.turkish).surnames);
    const std::string first = asciiFold(u.name), last = asciiFold(u.surname);
    const uint64_t style = rng_.below(10);
    std::string base = style < 6 ? first + last : first + (style < 8 ? "." : "_") + last;
    if (base.size() > 22) base.resize(22);
    std::string username = base;
    for (int64_t lo = 2, hi = 99; taken.count(username); lo = hi + 1, hi = hi * 10 + 9) {
      for (int attempt = 0; attempt < 4 && taken.count(username); ++attempt)
        username = base + std::to_string(rng_.between(lo, hi));
    }
    taken.insert(username);
    u.username = username;
    u.email = username + "@" + rng_.pick(kEmailDomains);
    u.registered = rng_.percent(93) ? ago(200 * kDay, 1095 * kDay) : ago(2 * kDay, 200 * kDay);
    u.id = newId(u.registered);
    const uint64_t a = rng_.below(100);
    u.availability = a < 45 ? "available" : a < 65 ? "busy" : "offline";
    u.expertise = rng_.percent(70) ? rng_.pick(lang.expertise) : nullptr;
    const uint64_t c = rng_.below(100);
    const int64_t credits = c < 10   ? 0
                            : c < 60 ? rng_.between(1, 200)
                            : c < 90 ? rng_.between(200, 1000)
                                     : rng_.between(1000, 10000);
    u.credits = credits / 5 * 5;
    u.can_broadcast = rng_.percent(95);
    u.has_photo = rng_.percent(96);
    if (u.has_photo) {
      u.photo_created = std::min(u.registered + rng_.between(0, 30 * kDay), ref_ - kHour);
      u.photo_updated =
          rng_.percent(50) ? u.photo_created : within(u.photo_created, ref_ - u.photo_created);
      u.photo_id = newId(u.photo_created);
    }
  }
  pop_order_.resize(n);
  for (size_t i = 0; i < n; ++i)
    pop_order_[i] = i;
  rng_.shuffle(pop_order_);
}

// About ten follows a user, no self-follows, no duplicates; 70% go to the users first in
// pop_order_, so a few have thousands of followers and most have a handful.
void Generator::makeFollows() {
  const size_t n = users_.size();
  following_.assign(n, {});
  followers_.assign(n, {});
  for (size_t u = 0; u < n; ++u) {
    const size_t target = std::min<size_t>(static_cast<size_t>(rng_.between(0, 20)), n - 1);
    auto& out = following_[u];
    for (size_t attempts = target * 8; out.size() < target && attempts > 0; --attempts) {
      const size_t v = rng_.percent(70) ? pop_order_[rng_.skewed(n, 3)] : rng_.below(n);
      if (v == u || std::find(out.begin(), out.end(), v) != out.end()) continue;
      out.push_back(v);
    }
    for (size_t v : out)
      followers_[v].push_back(u);
    follows_ += out.size();
  }
  for (size_t u = 0; u < n; ++u) {
    users_[u].following = static_cast<int64_t>(following_[u].size());
    users_[u].followers = static_cast<int64_t>(followers_[u].size());
  }
}

// --- streams ---

void Generator::planStreams() {
  const size_t n = users_.size(), s = o_.streams;
  const size_t n_active = s ? std::max<size_t>(1, s * 15 / 100) : 0;
  const size_t n_scheduled = s * 20 / 100, n_cancelled = s * 10 / 100;
  const size_t n_ended = s - n_active - n_scheduled - n_cancelled;

  // Who creates streams: users allowed to broadcast, registered long before any generated
  // stream, most popular first (johndoe gets his streams explicitly).
  std::vector<size_t> broadcasters;
  for (size_t u : pop_order_) {
    if (u != kJohnDoe && user(u).can_broadcast && user(u).registered <= ref_ - 200 * kDay)
      broadcasters.push_back(u);
  }
  const size_t pool = std::min(broadcasters.size(), std::max<size_t>(30, broadcasters.size() / 20));
  // A creator holds at most one active or upcoming stream: one active stream at a time, and a
  // scheduled stream that the mock's clock starts never makes a second one.
  std::vector<char> exclusive(n, 0);
  exclusive[kJohnDoe] = 1;  // johndoe never has an active stream
  on_air_.assign(n, 0);
  auto pickExclusive = [&]() -> size_t {
    if (broadcasters.empty()) return kNone;
    for (int attempt = 0; attempt < 20; ++attempt) {
      const size_t u = broadcasters[rng_.skewed(pool, 2)];
      if (!exclusive[u]) return u;
    }
    const size_t start = rng_.below(broadcasters.size());
    for (size_t k = 0; k < broadcasters.size(); ++k) {
      const size_t u = broadcasters[(start + k) % broadcasters.size()];
      if (!exclusive[u]) return u;
    }
    return kNone;
  };
  auto pickAny = [&]() -> size_t {
    if (broadcasters.empty()) return kJohnDoe;
    return rng_.percent(80) ? broadcasters[rng_.skewed(pool, 2)] : rng_.pick(broadcasters);
  };

  std::vector<std::pair<Status, size_t>> active, scheduled, ended, cancelled;
  if (n_ended > 0) ended.push_back({Status::kEnded, kJohnDoe});
  for (size_t r = 0; r < n_active; ++r) {
    const size_t c = r == 0 && !broadcasters.empty() ? broadcasters[0] : pickExclusive();
    if (c == kNone) {
      ended.push_back({Status::kEnded, pickAny()});
      continue;
    }
    exclusive[c] = 1;
    on_air_[c] = 1;
    active.push_back({Status::kActive, c});
  }
  for (size_t k = 0; k < n_scheduled; ++k) {
    size_t c = k == 0 ? kJohnDoe : pickExclusive();
    if (c == kNone) {
      ended.push_back({Status::kEnded, pickAny()});
      continue;
    }
    exclusive[c] = 1;
    scheduled.push_back({Status::kScheduled, c});
  }
  while (ended.size() < n_ended)
    ended.push_back({Status::kEnded, pickAny()});
  for (size_t k = 0; k < n_cancelled; ++k)
    cancelled.push_back({Status::kCancelled, pickAny()});

  streams_.reserve(s);
  size_t rank = 0;
  for (const auto* group : {&active, &scheduled, &ended, &cancelled}) {
    for (const auto& [status, creator] : *group) {
      StreamRec st;
      st.status = status;
      st.creator = creator;
      st.johndoe_replay = status == Status::kEnded && creator == kJohnDoe;
      if (status == Status::kActive) active_order_.push_back(streams_.size());
      describeStream(st);
      stampTimes(st, status == Status::kActive ? rank++ : 0);
      st.id = newId(st.created);
      addGuests(st, broadcasters);
      addFunding(st);
      streams_.push_back(std::move(st));
    }
  }
}

void Generator::describeStream(StreamRec& st) {
  st.turkish = user(st.creator).turkish != rng_.percent(15);
  const Language& lang = language(st.turkish);
  const Interest* interest =
      rng_.percent(95) ? &kInterests[rng_.below(kInterests.size())] : nullptr;
  const Interest& titles = interest ? *interest : kInterests.back();
  st.interest = interest ? interest->name : nullptr;
  st.title = rng_.pick(st.turkish ? titles.turkish_titles : titles.english_titles);
  if (rng_.percent(45)) {
    std::string suffix = rng_.pick(lang.title_suffixes);
    if (auto at = suffix.find("%d"); at != std::string::npos)
      suffix.replace(at, 2, std::to_string(rng_.between(2, 24)));
    st.title += suffix;
  }
  // channelName: slug + '-' + 4 hex digits, unique like an Agora channel.
  do {
    char hex[8];
    std::snprintf(hex, sizeof(hex), "-%04x", static_cast<unsigned>(rng_.below(0x10000)));
    st.channel = slugify(st.title) + hex;
  } while (!channels_.insert(st.channel).second);

  static const std::vector<int64_t> kDurations = {30, 45, 60, 75, 90, 120, 150, 180, 240};
  static const std::vector<double> kPrices = {1.99, 2.99, 4.99, 7.5, 9.99, 14.99, 19.99};
  static const std::vector<int64_t> kReplayPrices = {10, 15, 20, 25, 30, 40, 50};
  if (rng_.percent(90)) st.duration_goal = rng_.pick(kDurations);
  if (rng_.percent(35)) st.price = rng_.pick(kPrices);  // accessType paid iff a price
  st.motivation = rng_.percent(70) ? rng_.pick(lang.motivations) : nullptr;
  st.recording = st.johndoe_replay || rng_.percent(st.status == Status::kEnded ? 65 : 55);
  // Only an ended recording has a URL and a replay offer.
  if (st.status == Status::kEnded && st.recording && (st.johndoe_replay || rng_.percent(95))) {
    st.has_recording_url = true;
    st.replay_on_profile = st.johndoe_replay || rng_.percent(80);
    if (st.johndoe_replay || rng_.percent(85)) st.replay_price = rng_.pick(kReplayPrices);
  }
}

void Generator::stampTimes(StreamRec& st, size_t active_rank) {
  // The biggest stream has run for over three hours, within its goal: room for half of all chat
  // messages. Other active streams started at most a little over their goal ago.
  const bool biggest = st.status == Status::kActive && active_rank == 0;
  if (biggest) st.duration_goal = 240;
  const Millis duration = st.duration_goal.value_or(60) * kMinute;
  const bool planned = rng_.percent(70);
  // Planned ahead: created hours or days before; started on the spot: created minutes before.
  auto createdBefore = [&](Millis start) {
    return planned ? start - rng_.between(kHour, 7 * kDay)
                   : start - rng_.between(30 * kSecond, 10 * kMinute);
  };
  auto quarterHour = [](Millis t) { return t - t % (15 * kMinute); };
  switch (st.status) {
    case Status::kActive:
      st.started = ref_ - (biggest ? rng_.between(200 * kMinute, 230 * kMinute)
                                   : rng_.between(3 * kMinute, duration * 110 / 100));
      if (planned) st.planned_start = st.started;
      st.created = createdBefore(*st.started);
      st.updated = *st.started + rng_.between(kSecond, 10 * kSecond);
      st.closed = ref_;
      break;
    case Status::kScheduled:
      st.planned_start = quarterHour(ref_ + rng_.between(30 * kMinute, 21 * kDay));
      st.created = ago(kHour, 14 * kDay);
      st.updated = rng_.percent(80) ? st.created : within(st.created, ref_ - st.created);
      st.closed = st.created;
      break;
    case Status::kEnded: {
      const Millis actual =
          duration * rng_.between(70, 130) / 100 + rng_.between(0, 59 * kSecond + 999);
      st.started = ref_ - actual - rng_.between(6 * kHour, 180 * kDay);
      st.ended = *st.started + actual;
      if (planned) st.planned_start = st.started;
      st.created = createdBefore(*st.started);
      st.updated = *st.ended + rng_.between(kSecond, 10 * kMinute);
      st.closed = *st.ended;
      if (!st.johndoe_replay && rng_.percent(5)) {
        st.deleted = within(*st.ended + kMinute, ref_ - *st.ended - kMinute);
        st.updated = *st.deleted;
      }
      break;
    }
    case Status::kCancelled: {
      if (rng_.percent(35)) {  // cancelled while live
        st.started = ago(kDay, 60 * kDay);
        if (planned) st.planned_start = st.started;
        st.created = createdBefore(*st.started);
        st.closed = *st.started + rng_.between(2 * kMinute, 40 * kMinute);
      } else {  // cancelled before it started; its planned start may still lie ahead
        st.planned_start = quarterHour(ref_ + rng_.between(-30 * kDay, 21 * kDay));
        const Millis until = std::min(*st.planned_start, ref_);
        st.created = until - rng_.between(kDay, 20 * kDay);
        st.closed = st.created + rng_.between(kMinute, until - st.created - kMinute);
      }
      st.updated = st.closed;
      if (rng_.percent(15)) {
        st.deleted = within(st.closed + kMinute, ref_ - st.closed - kMinute);
        st.updated = *st.deleted;
      }
      break;
    }
  }
  if (st.duration_goal) {
    if (st.planned_start) {
      st.planned_end = *st.planned_start + duration;
    } else if (st.started) {
      st.planned_end = *st.started + duration;
    }
  }
}

// A quarter of the streams are "multi": one to three guests; those who joined a stream that went
// live are also its broadcasters. A guest of an active stream is on no other active stream.
void Generator::addGuests(StreamRec& st, const std::vector<size_t>& broadcasters) {
  if (broadcasters.empty() || !rng_.percent(25)) return;
  const bool active = st.status == Status::kActive;
  const size_t want = static_cast<size_t>(rng_.between(1, 3));
  for (int attempt = 0; attempt < 20 && st.guests.size() < want; ++attempt) {
    const size_t g = rng_.pick(broadcasters);
    if (g == st.creator || std::find(st.guests.begin(), st.guests.end(), g) != st.guests.end())
      continue;
    if (active && on_air_[g]) continue;
    st.guests.push_back(g);
    if (active) on_air_[g] = 1;
  }
  if (st.started) {
    for (size_t g : st.guests) {
      if (rng_.percent(70)) st.broadcasters.push_back(g);
    }
  }
}

// A funding goal on 30% of the streams; half of those split it into mini crowdfundings whose
// goals add up to the goal and whose collected amounts add up to the collected funding.
void Generator::addFunding(StreamRec& st) {
  if (!rng_.percent(30)) return;
  static const std::vector<int64_t> kGoals = {200, 300, 500, 800, 1000, 1500, 2000, 5000};
  const int64_t goal = rng_.pick(kGoals);
  st.funding_goal = goal;
  int64_t collected = 0;
  if (st.status == Status::kActive) {
    collected = goal * rng_.between(0, 60) / 100;
  } else if (st.status == Status::kEnded) {
    collected = rng_.percent(20) ? goal : goal * rng_.between(0, 100) / 100;
  } else if (st.status == Status::kCancelled && st.started) {
    collected = goal * rng_.between(0, 20) / 100;
  }
  st.collected = collected / 5 * 5;
  if (!rng_.percent(50)) return;
  const Language& lang = language(st.turkish);
  const int64_t units = goal / 50;
  const int64_t k = std::min<int64_t>(rng_.between(1, 3), units);
  std::vector<int64_t> goals;
  int64_t left = units;
  for (int64_t i = 0; i + 1 < k; ++i) {
    const int64_t part =
        std::clamp<int64_t>(left * rng_.between(30, 60) / 100, 1, left - (k - 1 - i));
    goals.push_back(part * 50);
    left -= part;
  }
  goals.push_back(left * 50);
  std::vector<int64_t> got;
  int64_t spread = 0;
  for (int64_t g : goals) {
    got.push_back(st.collected * g / goal);
    spread += got.back();
  }
  for (size_t i = 0; i < goals.size() && spread < st.collected; ++i) {
    const int64_t add = std::min(st.collected - spread, goals[i] - got[i]);
    got[i] += add;
    spread += add;
  }
  std::vector<const char*> titles;
  for (size_t i = 0; i < goals.size(); ++i) {
    const char* title = rng_.pick(lang.funding_titles);
    for (int attempt = 0;
         attempt < 5 && std::find(titles.begin(), titles.end(), title) != titles.end(); ++attempt)
      title = rng_.pick(lang.funding_titles);
    titles.push_back(title);
    st.minis.push_back(
        {{"_id", newId(st.created)}, {"title", title}, {"goal", goals[i]}, {"collected", got[i]}});
  }
}

// --- audiences ---

void Generator::makeAudiences() {
  const size_t n = users_.size();
  const size_t biggest = std::min<size_t>(3000, n * 3 / 10);
  const size_t ended_biggest = std::min<size_t>(800, n / 10);
  marks_.assign(n, 0);
  for (size_t i = 0; i < active_order_.size(); ++i) {
    StreamRec& st = streams_[active_order_[i]];
    size_t size = biggest;
    if (i > 0) {
      size = std::min(biggest * 7 / 10,
                      biggest / (i + 1) * static_cast<size_t>(rng_.between(60, 140)) / 100) +
             static_cast<size_t>(rng_.between(0, 3));
    }
    // johndoe watches the biggest stream and a couple of others, so his token sees viewers.
    std::vector<size_t> forced;
    if (i == 0 || i == 2 || i == 5) forced.push_back(kJohnDoe);
    fillAudience(st, size, forced);
  }
  for (StreamRec& st : streams_) {
    if (st.status == Status::kEnded) {
      const size_t size = ended_biggest / static_cast<size_t>(rng_.between(1, 40)) *
                              static_cast<size_t>(rng_.between(50, 150)) / 100 +
                          static_cast<size_t>(rng_.between(0, 5));
      std::vector<size_t> forced;
      if (rng_.percent(5)) forced.push_back(kJohnDoe);
      fillAudience(st, size, forced);
    } else if (st.status == Status::kCancelled && st.started) {
      fillAudience(st, static_cast<size_t>(rng_.between(0, 5)), {});
    }
  }
  for (StreamRec& st : streams_) {
    audience_total_ += st.audience.size();
    if (st.audience.empty()) continue;
    const int p = st.status == Status::kActive ? 30 : st.status == Status::kEnded ? 10 : 0;
    if (!rng_.percent(p)) continue;
    const int64_t bans = st.status == Status::kActive ? rng_.between(1, 3) : 1;
    for (int64_t b = 0; b < bans * 3 && st.bans.size() < static_cast<size_t>(bans); ++b) {
      const size_t u = st.audience[rng_.below(st.audience.size())].user;
      if (u == kJohnDoe || std::find(st.bans.begin(), st.bans.end(), u) != st.bans.end()) continue;
      st.bans.push_back(u);
    }
    std::sort(st.bans.begin(), st.bans.end(),
              [&](size_t a, size_t b) { return user(a).id < user(b).id; });
  }
}

// Audience members are never the stream's creator, guests or broadcasters, registered before it
// started, and (on an active stream) not on air elsewhere. Some come from the creator's
// followers, the rest from anyone; they join early more often than late.
void Generator::fillAudience(StreamRec& st, size_t size, const std::vector<size_t>& forced) {
  const size_t n = users_.size();
  const bool active = st.status == Status::kActive;
  const Millis start = *st.started;
  ++epoch_;
  marks_[st.creator] = epoch_;
  for (size_t g : st.guests)
    marks_[g] = epoch_;
  auto eligible = [&](size_t u) {
    return marks_[u] != epoch_ && !(active && on_air_[u]) && user(u).registered < start;
  };
  std::vector<size_t> members;
  auto take = [&](size_t u) {
    marks_[u] = epoch_;
    members.push_back(u);
  };
  for (size_t u : forced) {
    if (eligible(u)) take(u);
  }
  const auto& fans = followers_[st.creator];
  const size_t from_fans = std::min(size * 4 / 10, fans.size());
  for (size_t attempts = from_fans * 4; members.size() < from_fans && attempts > 0; --attempts) {
    const size_t u = fans[rng_.below(fans.size())];
    if (eligible(u)) take(u);
  }
  for (size_t attempts = size * 20; members.size() < size && attempts > 0; --attempts) {
    const size_t u = rng_.below(n);
    if (eligible(u)) take(u);
  }
  rng_.shuffle(members);
  std::vector<Millis> joined(members.size());
  for (auto& t : joined)
    t = within(start, st.closed - start - kSecond, active ? 2 : 1);
  std::sort(joined.begin(), joined.end());
  st.audience.reserve(members.size());
  for (size_t i = 0; i < members.size(); ++i)
    st.audience.push_back({members[i], joined[i]});
}

// --- chat ---

std::string Generator::hostLine(const StreamRec& st, size_t joined_so_far) {
  const Language& lang = language(st.turkish);
  if (joined_so_far > 0 && rng_.percent(30)) {
    const size_t to = st.audience[rng_.below(joined_so_far)].user;
    return "@" + user(to).username + " " + rng_.pick(lang.replies);
  }
  return rng_.pick(lang.creator_chat);
}

std::string Generator::audienceLine(const StreamRec& st, size_t sender) {
  const Language& lang = language(rng_.percent(80) ? user(sender).turkish : st.turkish);
  std::string text = rng_.pick(lang.chat);
  if (rng_.percent(15)) text += std::string(" ") + rng_.pick(kEmoji);
  if (rng_.percent(4)) text = "@" + user(st.creator).username + " " + text;
  return text;
}

// Half of all messages on the biggest active stream (so its history pages through tens of
// thousands), a fifth on the next four, the rest over active and ended streams by audience size.
void Generator::makeChat() {
  const size_t m = o_.messages;
  std::vector<size_t> holders;
  for (size_t i = 0; i < streams_.size(); ++i) {
    if (streams_[i].hadAudienceActivity()) holders.push_back(i);
  }
  std::vector<size_t> counts(streams_.size(), 0);
  if (m > 0) {
    if (holders.empty())
      throw std::runtime_error("no active or ended stream to hold chat messages");
    const size_t big = active_order_.empty() ? holders[0] : active_order_[0];
    counts[big] = holders.size() == 1 ? m : m / 2;
    static const size_t kHotShares[] = {8, 6, 4, 2};
    for (size_t r = 1; r <= 4 && r < active_order_.size(); ++r)
      counts[active_order_[r]] = m * kHotShares[r - 1] / 100;
    size_t assigned = 0;
    for (size_t c : counts)
      assigned += c;
    WeightedPicker picker;
    std::vector<size_t> others;
    for (size_t i : holders) {
      if (i == big) continue;
      others.push_back(i);
      picker.add(streams_[i].audience.size() + 3);
    }
    for (size_t k = assigned; k < m; ++k)
      ++counts[picker.empty() ? big : others[picker.pick(rng_)]];
    biggest_chat_ = counts[big];
  }

  ojson doc = ojson::array();
  for (size_t i : holders) {
    if (counts[i] == 0) continue;
    const StreamRec& st = streams_[i];
    const Millis from = *st.started + 5 * kSecond, to = st.closed - kSecond;
    std::vector<Millis> times(counts[i]);
    for (auto& t : times)
      t = within(from, to - from);
    std::sort(times.begin(), times.end());
    std::vector<Millis> joined;
    joined.reserve(st.audience.size());
    for (const auto& a : st.audience)
      joined.push_back(a.joined);
    for (Millis t : times) {
      const size_t present =
          static_cast<size_t>(std::upper_bound(joined.begin(), joined.end(), t) - joined.begin());
      const uint64_t r = rng_.below(100);
      size_t sender = st.creator;
      std::string content;
      if (r >= 12 && r < 17 && !st.broadcasters.empty()) {
        sender = rng_.pick(st.broadcasters);
        content = audienceLine(st, sender);
      } else if (r >= 17 && present > 0) {
        // Early joiners are the regulars: they write most.
        sender = st.audience[rng_.skewed(present, 2)].user;
        if (std::find(st.bans.begin(), st.bans.end(), sender) != st.bans.end()) {
          sender = st.creator;
        } else {
          content = audienceLine(st, sender);
        }
      }
      if (sender == st.creator) content = hostLine(st, present);
      doc.push_back({{"_id", newId(t)},
                     {"streamId", st.id},
                     {"senderId", user(sender).id},
                     {"content", content},
                     {"createdAt", formatIsoMillis(t)}});
    }
  }
  messages_ = doc.size();
  sink_("chat-messages", doc);
}

// --- gifts ---

void Generator::makeGifts() {
  ojson types = ojson::array();
  WeightedPicker type_picker;
  for (size_t k = 0; k < kGiftTypes.size(); ++k) {
    const auto& g = kGiftTypes[k];
    gift_type_ids_.push_back(newId(ref_ - 400 * kDay + static_cast<Millis>(k) * kMinute));
    types.push_back(
        {{"_id", gift_type_ids_.back()},
         {"name", g.name},
         {"iconUrl", std::string("https://cdn.example.com/gifts/") + g.icon_slug + ".png"},
         {"price", g.price},
         {"active", g.active}});
    type_picker.add(static_cast<uint64_t>(g.weight));
  }
  sink_("gift-types", types);

  // Sent by audience members, after they joined, while the stream was live; some of a type that
  // has since been retired (counted in totalCount, not listed per type).
  WeightedPicker stream_picker;
  std::vector<size_t> targets;
  for (size_t i = 0; i < streams_.size(); ++i) {
    if (streams_[i].hadAudienceActivity() && !streams_[i].audience.empty()) {
      targets.push_back(i);
      stream_picker.add(streams_[i].audience.size());
    }
  }
  std::vector<std::tuple<Millis, size_t, size_t, size_t>> sent;  // time, stream, sender, type
  const size_t count = targets.empty() ? 0 : o_.messages / 20;
  for (size_t k = 0; k < count; ++k) {
    const size_t i = targets[stream_picker.pick(rng_)];
    const StreamRec& st = streams_[i];
    const Member& from = st.audience[rng_.below(st.audience.size())];
    const Millis t = within(from.joined, st.closed - kSecond - from.joined);
    sent.emplace_back(t, i, from.user, type_picker.pick(rng_));
  }
  std::sort(sent.begin(), sent.end());
  ojson doc = ojson::array();
  for (const auto& [t, i, sender, type] : sent) {
    doc.push_back({{"_id", newId(t)},
                   {"streamId", streams_[i].id},
                   {"giftTypeId", gift_type_ids_[type]},
                   {"senderId", user(sender).id},
                   {"sentAt", formatIsoMillis(t)}});
  }
  gifts_ = doc.size();
  sink_("gifts", doc);
}

// --- contact requests and consents ---

void Generator::makeContacts() {
  const size_t count = std::max<size_t>(5, users_.size() / 100);
  struct Contact {
    Millis created, updated;
    bool turkish;
    const char *first, *last, *domain, *status;
    const ContactTopic* topic;
    std::string phone;
  };
  std::vector<Contact> list;
  for (size_t k = 0; k < count; ++k) {
    Contact c;
    c.turkish = rng_.percent(55);
    const Language& lang = language(c.turkish);
    c.first = rng_.pick(lang.first_names);
    c.last = rng_.pick(lang.surnames);
    c.domain = rng_.pick(kEmailDomains);
    c.topic = &rng_.pick(c.turkish ? kTurkishContactTopics : kEnglishContactTopics);
    if (rng_.percent(70)) {
      char phone[32];
      if (c.turkish) {
        std::snprintf(phone, sizeof(phone), "+90 5%02d %03d %02d %02d",
                      static_cast<int>(rng_.between(0, 59)), static_cast<int>(rng_.between(0, 999)),
                      static_cast<int>(rng_.between(0, 99)), static_cast<int>(rng_.between(0, 99)));
      } else {
        std::snprintf(phone, sizeof(phone), "+44 7700 900%03d",
                      static_cast<int>(rng_.between(0, 999)));
      }
      c.phone = phone;
    }
    const uint64_t s = rng_.below(100);
    c.status = s < 30 ? "new" : s < 60 ? "read" : "replied";
    c.created = ago(kHour, 90 * kDay);
    c.updated = std::string(c.status) == "new"
                    ? c.created
                    : c.created + rng_.between(10 * kMinute, std::min(5 * kDay, ref_ - c.created));
    list.push_back(c);
  }
  std::sort(list.begin(), list.end(),
            [](const Contact& a, const Contact& b) { return a.created < b.created; });
  ojson doc = ojson::array();
  for (const Contact& c : list) {
    doc.push_back({{"_id", newId(c.created)},
                   {"name", std::string(c.first) + " " + c.last},
                   {"email", asciiFold(c.first) + "." + asciiFold(c.last) + "@" + c.domain},
                   {"phone", c.phone.empty() ? ojson(nullptr) : ojson(c.phone)},
                   {"subject", c.topic->subject},
                   {"message", c.topic->message},
                   {"status", c.status},
                   {"createdAt", formatIsoMillis(c.created)},
                   {"updatedAt", formatIsoMillis(c.updated)}});
  }
  contacts_ = doc.size();
  sink_("contacts", doc);
}

// At sign-up every user accepts the terms, the privacy policy and KVKK (version 1.0), and
// answers some of the optional ones; some later accept the terms' version 1.1.
void Generator::makeConsents() {
  auto ip = [&]() -> ojson {
    if (rng_.percent(4)) return nullptr;
    char buf[48];
    const int host = static_cast<int>(rng_.between(1, 254));
    switch (rng_.below(4)) {
      case 0:
        std::snprintf(buf, sizeof(buf), "203.0.113.%d", host);
        break;
      case 1:
        std::snprintf(buf, sizeof(buf), "198.51.100.%d", host);
        break;
      case 2:
        std::snprintf(buf, sizeof(buf), "192.0.2.%d", host);
        break;
      default:
        std::snprintf(buf, sizeof(buf), "2001:db8::%x",
                      static_cast<unsigned>(rng_.between(1, 0xffff)));
    }
    return buf;
  };
  auto agent = [&]() -> ojson {
    if (rng_.percent(4)) return nullptr;
    return rng_.pick(kUserAgents);
  };
  ojson doc = ojson::array();
  for (const UserRec& u : users_) {
    Millis t = u.registered - rng_.between(5 * kSecond, 60 * kSecond);
    ojson session_ip = ip(), session_agent = agent();
    auto add = [&](const char* type, const char* version, bool accepted) {
      t += rng_.between(20, 60);
      doc.push_back({{"_id", newId(t)},
                     {"userId", u.id},
                     {"consentType", type},
                     {"version", version},
                     {"accepted", accepted},
                     {"acceptedAt", formatIsoMillis(t)},
                     {"ipAddress", session_ip},
                     {"userAgent", session_agent},
                     {"createdAt", formatIsoMillis(t)}});
    };
    add("terms_of_service", "1.0", true);
    add("privacy_policy", "1.0", true);
    add("kvkk", "1.0", true);
    if (rng_.percent(50)) add("cookies", "1.0", rng_.percent(80));
    if (rng_.percent(35)) add("marketing_email", "1.0", rng_.percent(50));
    if (rng_.percent(15)) add("marketing_sms", "1.0", rng_.percent(50));
    if (u.registered < ref_ - 120 * kDay && rng_.percent(15)) {
      t = ago(kDay, 100 * kDay);
      session_ip = ip();
      session_agent = agent();
      add("terms_of_service", "1.1", true);
    }
  }
  consents_ = doc.size();
  sink_("consents", doc);
}

// --- replay rentals and reminders ---

// Rentals of ended, recorded, rentable streams by anyone but the creator, each for 48 h: most
// expired, some running. johndoe holds a running one.
void Generator::makeRentals() {
  std::vector<size_t> rentable;
  for (size_t i = 0; i < streams_.size(); ++i) {
    const StreamRec& st = streams_[i];
    if (st.live() && st.status == Status::kEnded && st.has_recording_url && st.replay_price)
      rentable.push_back(i);
  }
  std::vector<std::tuple<Millis, size_t, size_t>> rented;  // time, stream, user
  std::set<std::pair<size_t, size_t>> seen;
  auto add = [&](size_t i, size_t u, Millis t) {
    if (seen.insert({i, u}).second) rented.emplace_back(t, i, u);
  };
  for (size_t i : rentable) {
    if (streams_[i].creator == kJohnDoe) continue;
    add(i, kJohnDoe, std::max(*streams_[i].ended + 10 * kMinute, ago(kHour, 40 * kHour)));
    break;
  }
  const size_t target = rentable.empty() ? 0 : std::min(o_.streams / 2, rentable.size() * 30);
  for (size_t attempts = target * 4; rented.size() < target && attempts > 0; --attempts) {
    const size_t i = rng_.pick(rentable);
    const StreamRec& st = streams_[i];
    const size_t u = !st.audience.empty() && rng_.percent(50)
                         ? st.audience[rng_.below(st.audience.size())].user
                         : rng_.below(users_.size());
    if (u == st.creator || user(u).registered > *st.ended) continue;
    const Millis from = *st.ended + 10 * kMinute;
    add(i, u, within(from, ref_ - kMinute - from, 2));
  }
  std::sort(rented.begin(), rented.end());
  ojson doc = ojson::array();
  for (const auto& [t, i, u] : rented) {
    doc.push_back({{"_id", newId(t)},
                   {"streamId", streams_[i].id},
                   {"userId", user(u).id},
                   {"price", *streams_[i].replay_price},
                   {"rentedAt", formatIsoMillis(t)},
                   {"expiresAt", formatIsoMillis(t + 48 * kHour)}});
  }
  rentals_ = doc.size();
  sink_("replay-rentals", doc);
}

// Reminders on upcoming streams, mostly from the creator's followers; none is already due at
// referenceTime. johndoe has one.
void Generator::makeReminders() {
  static const std::vector<int64_t> kMinutes = {-1, 0, 5, 10, 15, 30, 60, 120, 1440};  // -1: null
  ojson doc = ojson::array();
  bool johndoe_done = false;
  for (const StreamRec& st : streams_) {
    if (!st.live() || st.status != Status::kScheduled) continue;
    const Millis lead = *st.planned_start - ref_;
    std::vector<size_t> users;
    if (!johndoe_done && st.creator != kJohnDoe) {
      users.push_back(kJohnDoe);
      johndoe_done = true;
    }
    const auto& fans = followers_[st.creator];
    const size_t want = users.size() + static_cast<size_t>(rng_.between(0, 6)) +
                        (fans.size() > 100 ? static_cast<size_t>(rng_.between(0, 10)) : 0);
    for (size_t attempts = want * 4; users.size() < want && attempts > 0; --attempts) {
      const size_t u = !fans.empty() && rng_.percent(60) ? fans[rng_.below(fans.size())]
                                                         : rng_.below(users_.size());
      if (u == st.creator || std::find(users.begin(), users.end(), u) != users.end()) continue;
      users.push_back(u);
    }
    for (size_t u : users) {
      int64_t minutes = rng_.pick(kMinutes);
      for (int attempt = 0; attempt < 10 && minutes * kMinute >= lead; ++attempt)
        minutes = rng_.pick(kMinutes);
      if (minutes * kMinute >= lead) minutes = -1;
      if (u == kJohnDoe && 15 * kMinute < lead) minutes = 15;
      const Millis from = std::max(st.created, user(u).registered) + kSecond;
      const Millis created = within(from, ref_ - from);
      const Millis updated = rng_.percent(75) ? created : within(created, ref_ - created);
      doc.push_back({{"_id", newId(created)},
                     {"streamId", st.id},
                     {"userId", user(u).id},
                     {"minutesBefore", minutes < 0 ? ojson(nullptr) : ojson(minutes)},
                     {"createdAt", formatIsoMillis(created)},
                     {"updatedAt", formatIsoMillis(updated)}});
    }
  }
  reminders_ = doc.size();
  sink_("reminders", doc);
}

// --- documents ---

void Generator::emitMeta() {
  const std::string ref = formatIsoMillis(ref_);
  ojson meta = {
      {"referenceTime", ref},
      {"description",
       "Generated by tools/gen-fixtures (seed " + std::to_string(o_.seed) + ", " +
           std::to_string(o_.users) + " users, " + std::to_string(o_.streams) + " streams, " +
           std::to_string(o_.messages) +
           " chat messages). All timestamps are written relative to referenceTime (" + ref +
           "); the mock shifts them by (now - referenceTime) at load, so active streams always "
           "started minutes ago and scheduled ones lie in the future."}};
  sink_("meta", meta);
}

void Generator::emitUsers() {
  ojson doc = ojson::array();
  for (const UserRec& u : users_) {
    ojson photo = nullptr;
    if (u.has_photo) {
      const std::string base = "https://cdn.example.com/profiles/" + u.username + "/";
      photo = {{"_id", u.photo_id},
               {"url", base + "original.jpg"},
               {"type", "image"},
               {"variants", {{"40", base + "40.webp"}, {"76", base + "76.webp"}}},
               {"createdAt", formatIsoMillis(u.photo_created)},
               {"updatedAt", formatIsoMillis(u.photo_updated)}};
    }
    doc.push_back({{"_id", u.id},
                   {"username", u.username},
                   {"name", u.name},
                   {"surname", u.surname},
                   {"email", u.email},
                   {"profilePhoto", std::move(photo)},
                   {"availabilityStatus", u.availability},
                   {"followersCount", u.followers},
                   {"followingCount", u.following},
                   {"expertise", optText(u.expertise)},
                   {"credits", u.credits},
                   {"canBroadcast", u.can_broadcast}});
  }
  sink_("users", doc);
}

void Generator::emitFollows() {
  ojson doc = ojson::array();
  for (size_t u = 0; u < users_.size(); ++u) {
    for (size_t v : following_[u])
      doc.push_back({{"followerId", user(u).id}, {"followeeId", user(v).id}});
  }
  sink_("follows", doc);
}

void Generator::emitStreams() {
  auto ids = [&](const std::vector<size_t>& list) {
    ojson out = ojson::array();
    for (size_t u : list)
      out.push_back(user(u).id);
    return out;
  };
  ojson doc = ojson::array();
  for (const StreamRec& st : streams_) {
    ojson audience = ojson::array();
    for (const Member& a : st.audience)
      audience.push_back({{"userId", user(a.user).id}, {"joinedAt", formatIsoMillis(a.joined)}});
    const std::string base = "https://cdn.example.com/streams/" + st.id + "/";
    doc.push_back(
        {{"id", st.id},
         {"title", st.title},
         {"liveStreamType", st.guests.empty() ? "solo" : "multi"},
         {"channelName", st.channel},
         {"creatorId", user(st.creator).id},
         {"guestIds", ids(st.guests)},
         {"broadcasterIds", ids(st.broadcasters)},
         {"thumbnailUrl", base + "thumbnail.jpg"},
         {"recording", st.recording},
         {"recordingUrl", st.has_recording_url ? ojson(base + "recording.mp4") : ojson(nullptr)},
         {"status", statusName(st.status)},
         {"accessType", st.price ? "paid" : "free"},
         {"price", optJson(st.price)},
         {"interest", optText(st.interest)},
         {"durationGoal", optJson(st.duration_goal)},
         {"motivation", optText(st.motivation)},
         {"isActiveReplayOnCreatorProfile", optJson(st.replay_on_profile)},
         {"replayCreditPrice", optJson(st.replay_price)},
         {"startedAt", optTime(st.started)},
         {"plannedStartDate", optTime(st.planned_start)},
         {"endedAt", optTime(st.ended)},
         {"plannedEndDate", optTime(st.planned_end)},
         {"createdAt", formatIsoMillis(st.created)},
         {"updatedAt", formatIsoMillis(st.updated)},
         {"deletedAt", optTime(st.deleted)},
         {"fundingGoal", optJson(st.funding_goal)},
         {"collectedFunding", st.collected},
         {"miniCrowdFundings", st.minis},
         {"audience", std::move(audience)},
         {"chatBans", ids(st.bans)}});
  }
  sink_("streams", doc);
}

std::string Generator::summary() const {
  size_t by_status[4] = {0, 0, 0, 0}, deleted = 0;
  for (const StreamRec& st : streams_) {
    ++by_status[static_cast<int>(st.status)];
    deleted += st.deleted ? 1 : 0;
  }
  const size_t biggest_audience =
      active_order_.empty() ? 0 : streams_[active_order_[0]].audience.size();
  return std::to_string(users_.size()) + " users, " + std::to_string(follows_) + " follows, " +
         std::to_string(streams_.size()) + " streams (" +
         std::to_string(by_status[static_cast<int>(Status::kActive)]) + " active, " +
         std::to_string(by_status[static_cast<int>(Status::kScheduled)]) + " scheduled, " +
         std::to_string(by_status[static_cast<int>(Status::kEnded)]) + " ended, " +
         std::to_string(by_status[static_cast<int>(Status::kCancelled)]) + " cancelled, " +
         std::to_string(deleted) + " deleted; " + std::to_string(audience_total_) +
         " audience members, " + std::to_string(biggest_audience) + " on the biggest), " +
         std::to_string(messages_) + " chat messages (" + std::to_string(biggest_chat_) +
         " on the biggest stream), " + std::to_string(gift_type_ids_.size()) + " gift types, " +
         std::to_string(gifts_) + " gifts, " + std::to_string(contacts_) + " contacts, " +
         std::to_string(consents_) + " consents, " + std::to_string(rentals_) +
         " replay rentals, " + std::to_string(reminders_) + " reminders";
}

}  // namespace

std::string generateFixtures(const Options& options, const DocumentSink& sink) {
  if (options.users < 2) throw std::invalid_argument("at least 2 users are needed");
  Generator generator(options, sink);
  return generator.run();
}

}  // namespace lsm::gen
