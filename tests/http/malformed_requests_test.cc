// Bad input, answered: a table of malformed requests across every operation (each kind of fault
// applied to each operation it fits), each answered with the error envelope, the exact status and
// a message naming the field; never a 5xx, a hang or a dropped connection. Some faults live below
// HTTP (truncated requests, bad request lines) and go through a raw socket.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "test_support.h"

// The table rows below leave trailing members to their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace lsm_test {
namespace {

constexpr char kStream[] = "64d15f9e2e6c8f4d5a123000";
constexpr size_t kMaxBody = 65536;
constexpr size_t kMaxUpload = 4096;
constexpr size_t kMaxHeader = 8192;
constexpr int kTimeoutSeconds = 2;

std::vector<std::string> limitArgs() {
  return {"--max-body-bytes",         std::to_string(kMaxBody),       "--max-upload-bytes",
          std::to_string(kMaxUpload), "--max-header-bytes",           std::to_string(kMaxHeader),
          "--request-timeout",        std::to_string(kTimeoutSeconds)};
}

enum class BodyKind { kNone, kJson, kMultipart };

struct Op {
  std::string id, method, path;
  std::string id_param;  // the path parameter holding an ObjectId, "" when none
  BodyKind body = BodyKind::kNone;
  bool authenticated = true;
  std::string json_field;          // for JSON bodies: a field of the body
  std::string valid_json;          // a body that passes validation (used to build faults)
  std::string numeric_field;       // a numeric field with bounds, "" when none
  std::vector<std::string> query;  // integer query parameters (page, limit)
};

std::string streamPath(const std::string& id, const std::string& tail) {
  return "/api/v1/live-stream/" + id + tail;
}

// Every operation of the spec, with a valid id in its path.
std::vector<Op> operations() {
  const std::string s = kStream;
  std::vector<Op> ops = {
      {"createLiveStream", "POST", "/api/v1/live-stream/create", "", BodyKind::kMultipart},
      {"cancelLiveStream", "POST", streamPath(s, "/cancel"), "id"},
      {"deleteLiveStream", "DELETE", streamPath(s, ""), "id"},
      {"setLiveStreamReminder", "POST", streamPath(s, "/reminder"), "id", BodyKind::kJson, true,
       "minutesBefore", R"({"minutesBefore":10})", "minutesBefore"},
      {"listLiveStreamViewers",
       "GET",
       streamPath(s, "/viewers"),
       "streamId",
       BodyKind::kNone,
       true,
       "",
       "",
       "",
       {"page", "limit"}},
      {"createReplayRental", "POST", streamPath(s, "/replay-rentals"), "id"},
      {"getLiveStreamGiftCounts", "GET", streamPath(s, "/gift-counts"), "id"},
      {"postChatMessage", "POST", streamPath(s, "/chat/messages"), "streamId", BodyKind::kJson,
       true, "content", R"({"content":"hello"})"},
      {"listChatMessages",
       "GET",
       streamPath(s, "/chat/messages"),
       "streamId",
       BodyKind::kNone,
       true,
       "",
       "",
       "",
       {"page", "limit"}},
      {"sendSuperlike", "POST", streamPath(s, "/chat/superlike"), "streamId"},
      {"getBroadcasterToken", "POST", streamPath(s, "/broadcaster-token"), "id"},
      {"listContacts",
       "GET",
       "/api/v1/contacts",
       "",
       BodyKind::kNone,
       true,
       "",
       "",
       "",
       {"page", "limit"}},
      {"getConsentHistory",
       "GET",
       "/api/v1/consents/history",
       "",
       BodyKind::kNone,
       true,
       "",
       "",
       "",
       {"page", "limit"}},
      // The control API: no token, JSON bodies.
      {"mockMintToken", "POST", "/__mock/tokens", "", BodyKind::kJson, false, "userId",
       std::string(R"({"userId":")") + ids::kJohnDoe + "\"}", "expiresInSeconds"},
      {"mockSetClock", "POST", "/__mock/clock", "", BodyKind::kJson, false, "advanceSeconds",
       R"({"advanceSeconds":1})", "advanceSeconds"},
      {"mockJoinAudience", "POST", "/__mock/streams/" + s + "/audience", "id", BodyKind::kJson,
       false, "userId", std::string(R"({"userId":")") + ids::kNotInBigStream + "\"}"},
      {"mockEndStream", "POST", "/__mock/streams/" + s + "/end", "id", BodyKind::kJson, false,
       "replayCreditPrice", R"({"recording":true})", "replayCreditPrice"},
      {"mockSetCredits", "PUT", std::string("/__mock/users/") + ids::kJohnDoe + "/credits",
       "userId", BodyKind::kJson, false, "credits", R"({"credits":5})", "credits"},
      {"mockBanFromChat", "POST", "/__mock/streams/" + s + "/chat-bans", "id", BodyKind::kJson,
       false, "userId", std::string(R"({"userId":")") + ids::kNotInBigStream + "\"}"},
      {"mockSendGifts", "POST", "/__mock/streams/" + s + "/gifts", "id", BodyKind::kJson, false,
       "count", "", "count"},
      {"mockListRequests",
       "GET",
       "/__mock/requests",
       "",
       BodyKind::kNone,
       false,
       "",
       "",
       "",
       {"limit"}},
      {"mockListProviderStates", "GET", "/__mock/provider-states", "", BodyKind::kNone, false},
      {"mockChangeProviderState", "POST", "/__mock/provider-states", "", BodyKind::kJson, false,
       "action",
       std::string(R"({"state":"user has credits","action":"setup","params":{"userId":")") +
           ids::kJohnDoe + R"(","credits":5}})"},
      // The spec as served, and its reference: no input but the route itself.
      {"mockGetOpenApiJson", "GET", "/openapi.json", "", BodyKind::kNone, false},
      {"mockGetOpenApiYaml", "GET", "/openapi.yaml", "", BodyKind::kNone, false},
      {"mockGetControlOpenApiJson", "GET", "/__mock/openapi.json", "", BodyKind::kNone, false},
      {"mockGetControlOpenApiYaml", "GET", "/__mock/openapi.yaml", "", BodyKind::kNone, false},
      {"mockGetDocs", "GET", "/docs", "", BodyKind::kNone, false},
      {"mockGetDrift", "GET", "/__mock/drift", "", BodyKind::kNone, false},
      {"mockGetDocsReference", "GET", "/docs/reference", "", BodyKind::kNone, false},
      {"mockGetDocsAsset", "GET", "/docs/assets/console.js", "", BodyKind::kNone, false},
  };
  return ops;
}

struct Case {
  std::string name;
  std::string op_id;
  std::string method, path;
  HeaderList headers;
  std::string body;
  int status;
  std::string field;  // a message after the first must start with "<field>:"; "" = not checked
};

HeaderList authFor(const Op& op, HeaderList more = {}) {
  if (op.authenticated) more.insert(more.begin(), bearer(ids::kJohnDoe));
  return more;
}

const HeaderList kJsonType = {{"Content-Type", "application/json"}};

// The content type an operation expects, for faults that need a well-typed request.
HeaderList typedFor(const Op& op) {
  if (op.body == BodyKind::kMultipart) {
    return authFor(op, {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
  }
  return authFor(op, kJsonType);
}

std::string multipartField(const std::string& name, const std::string& value) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}
std::string multipartFile(const std::string& name, const std::string& filename,
                          const std::string& type, const std::string& bytes) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename +
         "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n";
}
std::string form(const std::string& parts) {
  return parts + "--XyZ--\r\n";
}

// ---- the generated part: every operation x each fault that fits it ---------------------------

void addTransportFaults(const Op& op, std::vector<Case>* out) {
  const HeaderList typed = typedFor(op);
  if (op.authenticated) {
    out->push_back({"no Authorization", op.id, op.method, op.path, {}, "", 401, "Authorization"});
    out->push_back({"Bearer garbage",
                    op.id,
                    op.method,
                    op.path,
                    {{"Authorization", "Bearer !!garbage!!"}},
                    "",
                    401,
                    ""});
  }
  // PUT is no operation's method on these paths, except the credits route's own.
  const std::string wrong = op.method == "PUT" ? "PATCH" : "PUT";
  out->push_back({"method " + wrong, op.id, wrong, op.path, authFor(op), "", 405, "method"});
  HeaderList long_header = authFor(op, {{"X-Padding", std::string(kMaxHeader + 100, 'a')}});
  out->push_back(
      {"headers over the limit", op.id, op.method, op.path, long_header, "", 431, "headers"});
  // The size is checked before routing, so even a GET route answers 413 to a POST this big.
  out->push_back({"body over the limit", op.id, op.method == "GET" ? "POST" : op.method, op.path,
                  typed, std::string(kMaxBody + 1000, 'x'), 413, "body"});
}

void addBodyFaults(const Op& op, std::vector<Case>* out) {
  if (op.method == "GET") return;
  const HeaderList json = authFor(op, kJsonType);
  const HeaderList text = authFor(op, {{"Content-Type", "text/plain"}});
  switch (op.body) {
    case BodyKind::kNone:
      // An operation without a documented body: a body (beyond an empty object) is named.
      out->push_back(
          {"malformed JSON body", op.id, op.method, op.path, json, R"({"x":)", 400, "body"});
      out->push_back({"text body", op.id, op.method, op.path, text, "hello", 400, "body"});
      out->push_back({"JSON body", op.id, op.method, op.path, json, R"({"x":1})", 400, "body"});
      break;
    case BodyKind::kMultipart:
      out->push_back({"malformed JSON instead of a form", op.id, op.method, op.path, json,
                      R"({"title":)", 415, "Content-Type"});
      out->push_back({"url-encoded instead of a form", op.id, op.method, op.path,
                      authFor(op, {{"Content-Type", "application/x-www-form-urlencoded"}}),
                      "title=x", 415, "Content-Type"});
      out->push_back({"text instead of a form", op.id, op.method, op.path, text, "title", 415,
                      "Content-Type"});
      break;
    case BodyKind::kJson: {
      const std::string f = op.json_field;
      const auto body400 = [&](const std::string& name, const std::string& body,
                               const std::string& field) {
        out->push_back({name, op.id, op.method, op.path, json, body, 400, field});
      };
      out->push_back(
          {"text/plain JSON", op.id, op.method, op.path, text, op.valid_json, 415, "Content-Type"});
      out->push_back({"form instead of JSON", op.id, op.method, op.path,
                      authFor(op, {{"Content-Type", "application/x-www-form-urlencoded"}}),
                      f + "=1", 415, "Content-Type"});
      body400("unclosed object", "{", "body");
      body400("unclosed array", "[1,2", "body");
      body400("missing value", "{\"" + f + "\":}", "body");
      body400("trailing garbage", "{\"" + f + "\":1}}", "body");
      body400("single quotes", "{'" + f + "':1}", "body");
      body400("invalid UTF-8", "{\"" + f + "\":\"a\xff\xfe\"}", "body");
      body400("NUL byte in the text", std::string("{\"") + f + "\":\"a" + '\0' + "\"}", "body");
      body400("escaped control character", "{\"" + f + "\":\"a\\u0001b\"}", f);
      body400("duplicate field", "{\"" + f + "\":1,\"" + f + "\":2}", f);
      body400("nested operator object", "{\"" + f + "\":{\"$gt\":\"\"}}", f);
      body400("unknown field", R"({"__proto__":{"admin":true}})", "__proto__");
      body400("number beyond a double", "{\"" + f + "\":1e400}", "body");
      body400("string of 20,000 characters", "{\"" + f + "\":\"" + std::string(20000, 'a') + "\"}",
              f);
      body400("a JSON string, not an object", "\"text\"", "body");
      if (!op.numeric_field.empty()) {
        const std::string n = op.numeric_field;
        body400("integer beyond 64 bits", "{\"" + n + "\":99999999999999999999999}", n);
        body400("negative beyond the minimum", "{\"" + n + "\":-9223372036854775808}", n);
        body400("number as a string", "{\"" + n + "\":\"12\"}", n);
        body400("NaN", "{\"" + n + "\":NaN}", "body");
      }
      break;
    }
  }
}

void addIdFaults(const Op& op, std::vector<Case>* out) {
  if (op.id_param.empty()) return;
  const std::string valid = op.id_param == "userId" ? ids::kJohnDoe : kStream;
  const std::map<std::string, std::string> bad = {
      {"id of 23 characters", valid.substr(0, 23)},
      {"id of 25 characters", valid + "0"},
      {"id of 24 non-hex characters", std::string(24, 'z')},
      {"control character in the id", valid.substr(0, 23) + "%01"},
      {"invalid UTF-8 in the id", valid.substr(0, 23) + "%FF"},
      {"encoded path traversal in the id", "..%2F..%2Fetc%2Fpasswd"},
      {"id of 300 characters", std::string(300, 'a')},
  };
  const size_t at = op.path.find(valid);
  for (const auto& [name, id] : bad) {
    std::string path = op.path;
    path.replace(at, valid.size(), id);
    std::string body = op.body == BodyKind::kJson ? op.valid_json : "";
    if (op.id == "mockSendGifts") body.clear();
    HeaderList headers = op.body == BodyKind::kJson ? authFor(op, kJsonType) : authFor(op);
    out->push_back({name, op.id, op.method, path, headers, body, 400, op.id_param});
  }
}

void addQueryFaults(const Op& op, std::vector<Case>* out) {
  for (const auto& q : op.query) {
    for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"zero", "0"},
             {"negative", "-1"},
             {"not a number", "abc"},
             {"a fraction", "1.5"},
             {"an exponent", "1e3"},
             {"beyond 64 bits", "99999999999999999999"},
             {"empty", ""},
             {"control character", "1%01"},
             {"invalid UTF-8", "%FF"},
         }) {
      out->push_back({q + " " + name, op.id, op.method, op.path + "?" + q + "=" + value,
                      authFor(op), "", 400, q});
    }
  }
}

// ---- the hand-written part: what only some operations have -----------------------------------

std::string pngBytes(size_t total) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  png.resize(std::max(total, png.size()), '\0');
  return png;
}

void addCreateFaults(const Op& op, std::vector<Case>* out) {
  const HeaderList typed = typedFor(op);
  const std::string title = multipartField("title", "Valid title");
  const auto add = [&](const std::string& name, const std::string& body, int status,
                       const std::string& field) {
    out->push_back({name, op.id, op.method, op.path, typed, body, status, field});
  };
  add("truncated form (no closing boundary)", title + multipartField("price", "1"), 400, "body");
  add("truncated form (cut inside a part)", "--XyZ\r\nContent-Disposition: form-data; name=\"ti",
      400, "body");
  add("form with another boundary",
      "--Other\r\nContent-Disposition: form-data; name=\"title\""
      "\r\n\r\nx\r\n--Other--\r\n",
      400, "body");
  add("part without Content-Disposition", form("--XyZ\r\n\r\nabc\r\n"), 400, "body");
  add("empty form", "", 400, "body");
  out->push_back({"multipart without a boundary", op.id, op.method, op.path,
                  authFor(op, {{"Content-Type", "multipart/form-data"}}), form(title), 400,
                  "Content-Type"});
  add("a text file claiming to be PNG",
      form(title + multipartFile("thumbnail", "a.png", "image/png", "just some text")), 400,
      "thumbnail");
  add("an HTML file claiming to be PNG",
      form(title + multipartFile("thumbnail", "a.png", "image/png", "<html><script></script>")),
      400, "thumbnail");
  add("a PNG signature and nothing else",
      form(title +
           multipartFile("thumbnail", "a.png", "image/png", std::string("\x89PNG\r\n\x1a\n", 8))),
      400, "thumbnail");
  add("a file over --max-upload-bytes",
      form(title + multipartFile("thumbnail", "a.png", "image/png", pngBytes(kMaxUpload + 1))), 400,
      "thumbnail");
  add("thumbnail as a text field", form(title + multipartField("thumbnail", "a.png")), 400,
      "thumbnail");
  add("missing title", form(multipartField("price", "1")), 400, "title");
  add("empty title", form(multipartField("title", "")), 400, "title");
  add("title of 101 characters", form(multipartField("title", std::string(101, 'a'))), 400,
      "title");
  add("title of 50,000 characters", form(multipartField("title", std::string(50000, 'a'))), 400,
      "title");
  add("title with a control character", form(multipartField("title", "a\x01b")), 400, "title");
  add("title with an escape sequence", form(multipartField("title", "a\x1b[31mred")), 400, "title");
  add("title with invalid UTF-8", form(multipartField("title", "a\xc3\x28")), 400, "title");
  add("title with a NUL", form(multipartField("title", std::string("a\0b", 3))), 400, "title");
  add("duplicate title", form(title + multipartField("title", "Other")), 400, "title");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"price beyond a double", "1e999"},
           {"negative price", "-1"},
           {"price above the maximum", "100001"},
           {"price NaN", "NaN"},
           {"price not a number", "abc"},
       }) {
    add(name, form(title + multipartField("price", value)), 400, "price");
  }
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"durationGoal beyond 64 bits", "99999999999999999999"},
           {"durationGoal fraction", "1.5"},
           {"durationGoal zero", "0"},
           {"durationGoal above the maximum", "1441"},
       }) {
    add(name, form(title + multipartField("durationGoal", value)), 400, "durationGoal");
  }
  add("liveStreamType not in the enum", form(title + multipartField("liveStreamType", "duo")), 400,
      "liveStreamType");
  add("interest of 51 characters", form(title + multipartField("interest", std::string(51, 'i'))),
      400, "interest");
  add("motivation of 1001 characters",
      form(title + multipartField("motivation", std::string(1001, 'm'))), 400, "motivation");
  add("plannedStartDate not a date", form(title + multipartField("plannedStartDate", "soon")), 400,
      "plannedStartDate");
  add("plannedStartDate month 13",
      form(title + multipartField("plannedStartDate", "2030-13-01T10:00:00.000Z")), 400,
      "plannedStartDate");
  add("guests not JSON", form(title + multipartField("guests", "[not json")), 400, "guests");
  add("unknown form field", form(title + multipartField("isAdmin", "true")), 400, "isAdmin");
}

void addOtherFaults(std::vector<Case>* out) {
  const std::string viewers = streamPath(kStream, "/viewers");
  const std::string chat = streamPath(kStream, "/chat/messages");
  const HeaderList auth = {bearer(ids::kJohnDoe)};
  out->push_back({"search of 101 characters", "listLiveStreamViewers", "GET",
                  viewers + "?search=" + std::string(101, 's'), auth, "", 400, "search"});
  out->push_back({"search with a control character", "listLiveStreamViewers", "GET",
                  viewers + "?search=a%07b", auth, "", 400, "search"});
  out->push_back({"search with invalid UTF-8", "listLiveStreamViewers", "GET",
                  viewers + "?search=%C3%28", auth, "", 400, "search"});
  out->push_back({"search with a bad escape", "listLiveStreamViewers", "GET",
                  viewers + "?search=%ZZ", auth, "", 400, "search"});
  out->push_back({"before not an id", "listChatMessages", "GET", chat + "?before=yesterday", auth,
                  "", 400, "before"});
  out->push_back({"before of 25 characters", "listChatMessages", "GET",
                  chat + "?before=" + std::string(kStream) + "0", auth, "", 400, "before"});
  out->push_back({"chat message of 501 characters",
                  "postChatMessage",
                  "POST",
                  chat,
                  {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                  json{{"content", std::string(501, 'c')}}.dump(),
                  400,
                  "content"});
  out->push_back({"empty chat message",
                  "postChatMessage",
                  "POST",
                  chat,
                  {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                  R"({"content":""})",
                  400,
                  "content"});
  out->push_back({"chat message with a bell",
                  "postChatMessage",
                  "POST",
                  chat,
                  {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                  R"({"content":"ding\u0007"})",
                  400,
                  "content"});
  out->push_back({"chat message missing",
                  "postChatMessage",
                  "POST",
                  chat,
                  {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                  "{}",
                  400,
                  "content"});
  out->push_back({"reminder minutes negative",
                  "setLiveStreamReminder",
                  "POST",
                  streamPath(kStream, "/reminder"),
                  {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                  R"({"minutesBefore":-5})",
                  400,
                  "minutesBefore"});
  // Uploads: the file name is the only input, and the way out of the directory.
  for (const auto& [name, path] : std::vector<std::pair<std::string, std::string>>{
           {"encoded traversal", "/uploads/..%2F..%2Fetc%2Fpasswd"},
           {"encoded dot-dot", "/uploads/%2e%2e"},
           {"hidden file", "/uploads/.env"},
           {"NUL in the name", "/uploads/a%00.png"},
           {"backslash traversal", "/uploads/..%5C..%5Cwin.ini"},
           {"name of 200 characters", "/uploads/" + std::string(200, 'a') + ".png"},
       }) {
    out->push_back({"uploads: " + name, "mockGetUpload", "GET", path, {}, "", 400, "fileName"});
  }
  out->push_back({"uploads: a file that does not exist",
                  "mockGetUpload",
                  "GET",
                  "/uploads/no-such-file.png",
                  {},
                  "",
                  404,
                  ""});
  out->push_back({"state document not an object",
                  "mockPutState",
                  "PUT",
                  "/__mock/state",
                  {{"Content-Type", "application/json"}},
                  "[]",
                  400,
                  ""});
  out->push_back({"state document truncated",
                  "mockPutState",
                  "PUT",
                  "/__mock/state",
                  {{"Content-Type", "application/json"}},
                  R"({"format":"livestream-mock-st)",
                  400,
                  "body"});
  out->push_back({"state document with a control character",
                  "mockPutState",
                  "PUT",
                  "/__mock/state",
                  {{"Content-Type", "application/json"}},
                  R"({"format":"x\u0002","savedAt":"2026-01-01T00:00:00.000Z"})",
                  400,
                  "format"});
  out->push_back(
      {"gifts count above 1000",
       "mockSendGifts",
       "POST",
       std::string("/__mock/streams/") + kStream + "/gifts",
       {{"Content-Type", "application/json"}},
       json{{"senderId", ids::kJohnDoe}, {"giftTypeId", ids::kJohnDoe}, {"count", 4294967296LL}}
           .dump(),
       400,
       "count"});
  out->push_back({"no such route", "", "GET", "/api/v1/live-stream", auth, "", 404, "path"});
  out->push_back({"no such version", "", "GET", "/api/v2/contacts", auth, "", 404, "path"});
}

std::vector<Case> allCases() {
  std::vector<Case> cases;
  for (const Op& op : operations()) {
    addTransportFaults(op, &cases);
    addBodyFaults(op, &cases);
    addIdFaults(op, &cases);
    addQueryFaults(op, &cases);
    if (op.id == "createLiveStream") addCreateFaults(op, &cases);
  }
  addOtherFaults(&cases);
  return cases;
}

class MalformedRequests : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return limitArgs(); }
};

bool isDocumented(const std::string& op_id, int status) {
  const lsm::Operation* op = spec().find(op_id);
  return op && op->response(status);
}

TEST_F(MalformedRequests, EveryOperationAnswersEachFaultWithTheEnvelopeAndItsStatus) {
  const std::vector<Case> cases = allCases();
  ASSERT_GE(cases.size(), 200u);
  std::map<int, int> by_status;
  std::set<std::string> ops_covered;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op_id + " / " + c.name + ": " + c.method + " " + c.path.substr(0, 120));
    auto r = http().request(c.method, c.path, c.headers, c.body);
    ASSERT_NE(r.status, 0) << "no response (a hang or a dropped connection): " << r.curl_error;
    ++by_status[static_cast<int>(r.status)];
    ops_covered.insert(c.op_id);
    EXPECT_LT(r.status, 500) << r.describe();
    EXPECT_EQ(r.status, c.status) << r.describe();
    ASSERT_TRUE(r.isJson()) << r.describe();
    EXPECT_TRUE(isErrorEnvelope(r.body_json)) << r.describe();
    EXPECT_EQ(r.body_json.value("statusCode", 0), r.status) << r.describe();
    if (!c.op_id.empty() && isDocumented(c.op_id, static_cast<int>(r.status))) {
      expectMatchesSpec(c.op_id, static_cast<int>(r.status), r.body_json);
    }
    if (!c.field.empty()) {
      EXPECT_TRUE(namesField(r, c.field)) << r.describe();
    }
    if (r.status == 405) {
      EXPECT_TRUE(r.header("Allow").has_value()) << r.describe();
    }
  }
  // Every operation of the spec met at least one fault.
  for (const auto& op : spec().operations()) {
    if (op.id == "mockHealth" || op.id == "mockListUsers" || op.id == "mockReset" ||
        op.id == "mockGetState" || op.id == "mockGetClock" || op.id == "mockLeaveAudience" ||
        op.id == "mockLiftChatBan") {
      continue;  // no input beyond the path; their neighbours cover the route shapes
    }
    EXPECT_TRUE(ops_covered.count(op.id)) << op.id << " has no malformed case";
  }
  std::string summary;
  for (const auto& [status, n] : by_status)
    summary += " " + std::to_string(status) + ":" + std::to_string(n);
  std::cout << "[ malformed ] " << cases.size() << " requests; by status" << summary << "\n";
  // The mock survived all of them.
  EXPECT_EQ(http().get("/__mock/health").status, 200);
}

// ---- below HTTP: a raw socket ------------------------------------------------------------------

struct RawAnswer {
  int status = 0;  // 0: the connection closed (or stayed silent) without a status line
  std::string text;
  double seconds = 0;
  bool closed = false;
};

// Sends `bytes`, then reads until the server closes or `wait` passes (or, unless `until_close`,
// a whole response has arrived).
RawAnswer rawExchange(const std::string& base_url, const std::string& bytes,
                      std::chrono::milliseconds wait, bool until_close = false) {
  RawAnswer a;
  const int fd = connectLoopback(base_url);
  if (fd < 0) return a;
  const auto start = std::chrono::steady_clock::now();
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  const auto deadline = start + wait;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      a.closed = true;
      break;
    }
    a.text.append(buf, static_cast<size_t>(n));
    // One complete response with a body length is enough for requests that keep the connection.
    const size_t end = a.text.find("\r\n\r\n");
    const size_t cl = a.text.find("Content-Length: ");
    if (!until_close && end != std::string::npos && cl != std::string::npos && cl < end &&
        a.text.size() >= end + 4 + std::stoul(a.text.substr(cl + 16))) {
      break;
    }
  }
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  if (a.text.rfind("HTTP/1.", 0) == 0 && a.text.size() > 12)
    a.status = std::stoi(a.text.substr(9, 3));
  return a;
}

json rawBody(const RawAnswer& a) {
  const size_t end = a.text.find("\r\n\r\n");
  return end == std::string::npos ? json() : json::parse(a.text.substr(end + 4), nullptr, false);
}

TEST_F(MalformedRequests, TruncatedRequestsGet408WithinTheTimeoutAndAreClosed) {
  const std::vector<std::pair<std::string, std::string>> truncated = {
      {"headers never finished", "GET /api/v1/contacts HTTP/1.1\r\nHost: x\r\n"},
      {"request line only", "GET /api/v1/contacts HTTP/1.1\r\n"},
      {"body shorter than Content-Length",
       "POST /__mock/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Content-Length: 100\r\n\r\n{\"userId\":"},
      {"multipart upload cut off",
       "POST /api/v1/live-stream/create HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data;"
       " boundary=XyZ\r\nContent-Length: 5000\r\n\r\n--XyZ\r\nContent-Disposition: form-data; "
       "name=\"title\"\r\n\r\nhal"},
      {"a line that is no request line", "GARBAGE\r\n\r\n"},
  };
  // All at once: each waits out the timeout on its own connection.
  std::vector<RawAnswer> answers(truncated.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < truncated.size(); ++i) {
    threads.emplace_back([&, i] {
      answers[i] = rawExchange(mock().baseUrl(), truncated[i].second,
                               std::chrono::seconds(kTimeoutSeconds + 4), true);
    });
  }
  for (auto& t : threads)
    t.join();
  for (size_t i = 0; i < truncated.size(); ++i) {
    SCOPED_TRACE(truncated[i].first);
    const RawAnswer& a = answers[i];
    // Pistache answers a timed-out request itself, with a bodyless 408, and closes.
    EXPECT_EQ(a.status, 408) << a.text;
    EXPECT_TRUE(a.closed) << "the connection stayed open: " << a.text;
    EXPECT_LT(a.seconds, kTimeoutSeconds + 2.5) << a.text;
  }
  EXPECT_EQ(http().get("/__mock/health").status, 200);
}

TEST_F(MalformedRequests, RawFaultsAreAnsweredNeverWithA5xx) {
  struct RawCase {
    std::string name, bytes;
    int status;
    bool envelope;  // false: no body to check (every row has one since the transport's framer)
  };
  const std::vector<RawCase> cases = {
      {"unknown HTTP version", "GET /api/v1/contacts HTTP/9.9\r\nHost: x\r\n\r\n", 400, true},
      {"unknown method", "BREW /api/v1/contacts HTTP/1.1\r\nHost: x\r\n\r\n", 400, true},
      {"chunk size that is no number",
       "POST /__mock/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
       true},
      {"literal path traversal to /etc/passwd",
       "GET /uploads/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404, true},
      {"literal traversal inside the uploads route",
       "GET /uploads/../uploads/default-thumbnail.png HTTP/1.1\r\nHost: x\r\n\r\n", 404, true},
      {"Content-Length not a number",
       "POST /__mock/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Content-Length: abc\r\n\r\n",
       400, true},
      {"headers over the limit in one line",
       "GET /api/v1/contacts HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(kMaxHeader * 2, 'h') +
           "\r\n\r\n",
       431, true},
      {"many small headers over the limit",
       [] {
         std::string r = "GET /__mock/health HTTP/1.1\r\nHost: x\r\n";
         for (int i = 0; i < 400; ++i)
           r += "X-H" + std::to_string(i) + ": value-value\r\n";
         return r + "\r\n";
       }(),
       431, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto a = rawExchange(mock().baseUrl(), c.bytes, std::chrono::seconds(kTimeoutSeconds + 4));
    EXPECT_EQ(a.status, c.status) << a.text.substr(0, 400);
    if (c.envelope) {
      const json body = rawBody(a);
      EXPECT_TRUE(isErrorEnvelope(body)) << a.text.substr(0, 400);
      EXPECT_EQ(body.value("statusCode", 0), c.status);
    }
  }
  EXPECT_EQ(http().get("/__mock/health").status, 200);
}

}  // namespace
}  // namespace lsm_test
