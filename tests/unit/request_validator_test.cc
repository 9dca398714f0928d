// Request validation against real operations of the embedded spec
// (mock/validation/request_validator).
#include "validation/request_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace lsm {
namespace {

using nlohmann::json;

constexpr char kId[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kGuest[] = "672ad1115f3a9c1e7b1a2b02";
constexpr char kBoundary[] = "----lsmUnitBoundary7MA4YWxk";

const Spec& spec() {
  static const std::shared_ptr<const Spec> s = Spec::embedded().value();
  return *s;
}

const Operation& op(const char* id) {
  return *spec().find(id);
}

struct Part {
  Part(std::string n, std::string d, std::string f = "", std::string ct = "")
      : name(std::move(n)),
        data(std::move(d)),
        filename(std::move(f)),
        content_type(std::move(ct)) {}
  std::string name;
  std::string data;
  std::string filename;  // empty: a text field
  std::string content_type;
};

std::string multipartBody(const std::vector<Part>& parts) {
  std::string body;
  for (const auto& p : parts) {
    body += std::string("--") + kBoundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"";
    body += "\r\n";
    if (!p.content_type.empty()) body += "Content-Type: " + p.content_type + "\r\n";
    body += "\r\n" + p.data + "\r\n";
  }
  body += std::string("--") + kBoundary + "--\r\n";
  return body;
}

HttpRequest multipartRequest(const std::vector<Part>& parts) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/live-stream/create";
  r.headers.emplace("Content-Type", std::string("multipart/form-data; boundary=") + kBoundary);
  r.body = multipartBody(parts);
  return r;
}

HttpRequest jsonRequest(const std::string& body, const std::string& content_type) {
  HttpRequest r;
  r.method = "POST";
  if (!content_type.empty()) r.headers.emplace("Content-Type", content_type);
  r.body = body;
  return r;
}

HttpRequest withQuery(std::vector<std::pair<std::string, std::string>> query) {
  HttpRequest r;
  r.method = "GET";
  r.query = std::move(query);
  return r;
}

Result<ValidatedRequest> validate(const char* operation, const HttpRequest& request,
                                  std::map<std::string, std::string> path = {}) {
  return validateRequest(spec().document(), op(operation), request, path, MultipartLimits{});
}

std::map<std::string, std::string> streamPath(const std::string& id = kId) {
  return {{"streamId", id}};
}

// The details of a 400, asserting it is one.
std::vector<std::string> problems(const Result<ValidatedRequest>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  return r.error().details;
}

bool hasProblem(const std::vector<std::string>& details, const std::string& message) {
  return std::find(details.begin(), details.end(), message) != details.end();
}

std::string joined(const std::vector<std::string>& details) {
  std::string out;
  for (const auto& d : details)
    out += "\n  " + d;
  return out;
}

// ---- query and path parameters -------------------------------------------------------------

TEST(RequestValidator, IntegerQueryTextIsCoercedToANumber) {
  auto r =
      validate("listLiveStreamViewers", withQuery({{"limit", "10"}, {"page", "3"}}), streamPath());
  ASSERT_TRUE(r.ok()) << joined(r.error().details);
  EXPECT_TRUE(r->query["limit"].is_number_integer());
  EXPECT_EQ(r->query["limit"], 10);
  EXPECT_EQ(r->query["page"], 3);
}

TEST(RequestValidator, NonIntegerQueryTextIsNamedAsNotAnInteger) {
  auto details =
      problems(validate("listLiveStreamViewers", withQuery({{"limit", "abc"}}), streamPath()));
  EXPECT_EQ(details, std::vector<std::string>{"limit: must be an integer"});
  EXPECT_EQ(
      problems(validate("listLiveStreamViewers", withQuery({{"limit", "1.5"}}), streamPath())),
      std::vector<std::string>{"limit: must be an integer"});
  EXPECT_EQ(problems(validate("listLiveStreamViewers", withQuery({{"page", ""}}), streamPath())),
            std::vector<std::string>{"page: must be an integer"});
}

TEST(RequestValidator, QueryBoundsComeFromTheSpec) {
  EXPECT_EQ(problems(validate("listLiveStreamViewers", withQuery({{"limit", "0"}}), streamPath())),
            std::vector<std::string>{"limit: must be at least 1"});
  EXPECT_EQ(
      problems(validate("listLiveStreamViewers", withQuery({{"limit", "101"}}), streamPath())),
      std::vector<std::string>{"limit: must be at most 100"});
  EXPECT_EQ(problems(validate("listLiveStreamViewers", withQuery({{"page", "-1"}}), streamPath())),
            std::vector<std::string>{"page: must be at least 1"});
  EXPECT_EQ(problems(validate("listLiveStreamViewers",
                              withQuery({{"search", std::string(101, 'a')}}), streamPath())),
            std::vector<std::string>{"search: must be at most 100 characters long"});
}

TEST(RequestValidator, IntegerTooLargeForInt64StaysTextAndIsRejected) {
  EXPECT_EQ(problems(validate("listLiveStreamViewers",
                              withQuery({{"page", "99999999999999999999"}}), streamPath())),
            std::vector<std::string>{"page: must be an integer"});
}

TEST(RequestValidator, DefaultsAreAppliedForAbsentQueryParameters) {
  auto viewers = validate("listLiveStreamViewers", withQuery({}), streamPath());
  ASSERT_TRUE(viewers.ok());
  EXPECT_EQ(viewers->query["page"], 1);
  EXPECT_EQ(viewers->query["limit"], 20);
  EXPECT_FALSE(viewers->query.contains("search"));  // no default, not given

  auto chat = validate("listChatMessages", withQuery({}), streamPath());
  ASSERT_TRUE(chat.ok());
  EXPECT_EQ(chat->query["limit"], 50);
  EXPECT_FALSE(chat->query.contains("before"));
}

TEST(RequestValidator, SearchStaysTextEvenWhenItLooksNumeric) {
  auto r = validate("listLiveStreamViewers", withQuery({{"search", "007"}}), streamPath());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->query["search"], "007");
}

TEST(RequestValidator, DuplicateQueryParameterMustBeGivenOnce) {
  auto details = problems(
      validate("listLiveStreamViewers", withQuery({{"page", "1"}, {"page", "2"}}), streamPath()));
  EXPECT_EQ(details, std::vector<std::string>{"page: must be given once"});
}

TEST(RequestValidator, UndeclaredQueryParametersAreIgnored) {
  auto r =
      validate("listLiveStreamViewers", withQuery({{"colour", "red"}, {"x", "1"}}), streamPath());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->query.contains("colour"));
}

TEST(RequestValidator, InvalidUtf8QueryValueIsRejected) {
  EXPECT_EQ(
      problems(validate("listLiveStreamViewers", withQuery({{"search", "a\xff"}}), streamPath())),
      std::vector<std::string>{"search: must be valid UTF-8"});
}

TEST(RequestValidator, InvalidObjectIdInThePathNamesTheParameter) {
  auto details = problems(validate("listLiveStreamViewers", withQuery({}), streamPath("nope")));
  EXPECT_EQ(details,
            std::vector<std::string>{"streamId: must match the pattern ^[0-9a-fA-F]{24}$"});
}

TEST(RequestValidator, PathParameterIsKeptAsText) {
  auto r = validate("listLiveStreamViewers", withQuery({}), streamPath());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path.at("streamId"), kId);
}

TEST(RequestValidator, BeforeMustBeAnObjectId) {
  EXPECT_EQ(problems(validate("listChatMessages", withQuery({{"before", "latest"}}), streamPath())),
            std::vector<std::string>{"before: must match the pattern ^[0-9a-fA-F]{24}$"});
}

TEST(RequestValidator, EveryViolationIsReported) {
  auto details = problems(validate("listLiveStreamViewers",
                                   withQuery({{"limit", "abc"}, {"page", "0"}}), streamPath("x")));
  EXPECT_EQ(details.size(), 3u) << joined(details);
  EXPECT_TRUE(hasProblem(details, "streamId: must match the pattern ^[0-9a-fA-F]{24}$"));
  EXPECT_TRUE(hasProblem(details, "limit: must be an integer"));
  EXPECT_TRUE(hasProblem(details, "page: must be at least 1"));
}

// ---- JSON bodies ---------------------------------------------------------------------------

TEST(RequestValidator, JsonBodyIsParsed) {
  auto r = validate("postChatMessage", jsonRequest(R"({"content":"Selam!"})", "application/json"),
                    streamPath());
  ASSERT_TRUE(r.ok()) << joined(r.error().details);
  EXPECT_EQ(r->body, json({{"content", "Selam!"}}));
}

TEST(RequestValidator, JsonMediaTypeIsMatchedWithoutParametersOrCase) {
  auto r =
      validate("postChatMessage",
               jsonRequest(R"({"content":"x"})", "Application/JSON; charset=utf-8"), streamPath());
  EXPECT_TRUE(r.ok());
}

TEST(RequestValidator, UnknownJsonBodyFieldIsNamed) {
  auto details = problems(validate(
      "postChatMessage", jsonRequest(R"({"content":"hi","colour":"red"})", "application/json"),
      streamPath()));
  EXPECT_EQ(details, std::vector<std::string>{"colour: is not an allowed field"});
}

TEST(RequestValidator, JsonBodyFieldRulesComeFromTheSpec) {
  EXPECT_EQ(problems(validate("postChatMessage",
                              jsonRequest(R"({"content":""})", "application/json"), streamPath())),
            std::vector<std::string>{"content: must not be empty"});
  EXPECT_EQ(
      problems(validate("postChatMessage", jsonRequest(R"({})", "application/json"), streamPath())),
      std::vector<std::string>{"content: is required"});
  EXPECT_EQ(problems(validate("postChatMessage",
                              jsonRequest(R"({"content":5})", "application/json"), streamPath())),
            std::vector<std::string>{"content: must be a string"});
  EXPECT_EQ(problems(validate("postChatMessage", jsonRequest(R"([1])", "application/json"),
                              streamPath())),
            std::vector<std::string>{"body: must be an object"});
}

TEST(RequestValidator, NotJsonBodyIsNamed) {
  auto details = problems(
      validate("postChatMessage", jsonRequest(R"({"content":)", "application/json"), streamPath()));
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].rfind("body: is not valid JSON (at byte ", 0), 0u) << details[0];
}

TEST(RequestValidator, WrongContentTypeIsUnsupportedMedia) {
  auto r = validate("postChatMessage", jsonRequest("content=hi", "text/plain"), streamPath());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnsupportedMedia);
  EXPECT_EQ(r.error().details, std::vector<std::string>{"Content-Type: expected application/json"});
}

TEST(RequestValidator, BodyWithoutContentTypeIsUnsupportedMedia) {
  auto r = validate("postChatMessage", jsonRequest(R"({"content":"x"})", ""), streamPath());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnsupportedMedia);
}

TEST(RequestValidator, MissingRequiredBodyIsRequired) {
  EXPECT_EQ(problems(validate("postChatMessage", jsonRequest("", ""), streamPath())),
            std::vector<std::string>{"body: is required"});
}

TEST(RequestValidator, OptionalBodyMayBeEmpty) {
  const Operation& reminder = op("setLiveStreamReminder");
  ASSERT_TRUE(reminder.body.has_value());
  ASSERT_FALSE(reminder.body->required);
  auto r = validate("setLiveStreamReminder", jsonRequest("", "application/json"), {{"id", kId}});
  ASSERT_TRUE(r.ok()) << joined(r.error().details);
  EXPECT_TRUE(r->body.is_null());
  auto none = validate("setLiveStreamReminder", jsonRequest("", ""), {{"id", kId}});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->body.is_null());
}

TEST(RequestValidator, OperationWithoutBodyRefusesABodyNamingIt) {
  auto r = validate("listLiveStreamViewers", jsonRequest("garbage", "text/plain"), streamPath());
  const auto details = problems(r);
  EXPECT_TRUE(hasProblem(details, "body: listLiveStreamViewers takes no request body"))
      << joined(details);
}

TEST(RequestValidator, OperationWithoutBodyAcceptsNoBodyOrAnEmptyObject) {
  EXPECT_TRUE(
      validate("listLiveStreamViewers", jsonRequest("", "application/json"), streamPath()).ok());
  EXPECT_TRUE(
      validate("listLiveStreamViewers", jsonRequest(" { } ", "application/json"), streamPath())
          .ok());
}

// ---- multipart forms -----------------------------------------------------------------------

TEST(RequestValidator, MultipartFormBecomesTypedJson) {
  auto r = validate("createLiveStream",
                    multipartRequest({{"title", "Yeni ürün tanıtımı"},
                                      {"price", "9.99"},
                                      {"guests", std::string("[\"") + kGuest + "\"]"},
                                      {"durationGoal", "60"},
                                      {"liveStreamType", "solo"},
                                      {"plannedStartDate", "2027-01-15T18:00:00.000Z"}}));
  ASSERT_TRUE(r.ok()) << joined(r.error().details);
  const json& body = r->body;
  EXPECT_EQ(body["title"], "Yeni ürün tanıtımı");
  EXPECT_TRUE(body["price"].is_number());
  EXPECT_DOUBLE_EQ(body["price"].get<double>(), 9.99);
  ASSERT_TRUE(body["guests"].is_array());
  EXPECT_EQ(body["guests"], json::array({kGuest}));
  EXPECT_TRUE(body["durationGoal"].is_number_integer());
  EXPECT_EQ(body["durationGoal"], 60);
  EXPECT_EQ(body["liveStreamType"], "solo");
  EXPECT_EQ(body["plannedStartDate"], "2027-01-15T18:00:00.000Z");
  EXPECT_TRUE(r->files.empty());
}

TEST(RequestValidator, MultipartThumbnailFileIsKeptInFiles) {
  const std::string bytes("\x89PNG\r\n\x1a\n\0\0binary\xff", 17);
  auto r = validate(
      "createLiveStream",
      multipartRequest({{"title", "Hello"}, {"thumbnail", bytes, "cover.png", "image/png"}}));
  ASSERT_TRUE(r.ok()) << joined(r.error().details);
  ASSERT_EQ(r->files.count("thumbnail"), 1u);
  const MultipartPart& file = r->files.at("thumbnail");
  EXPECT_EQ(file.data, bytes);
  EXPECT_EQ(file.filename.value_or(""), "cover.png");
  EXPECT_EQ(file.content_type, "image/png");
  // In the JSON the file stands as its name, so the form schema's checks apply to it.
  EXPECT_EQ(r->body["thumbnail"], "cover.png");
}

TEST(RequestValidator, MultipartThumbnailSentAsTextIsNotAFile) {
  auto details = problems(
      validate("createLiveStream", multipartRequest({{"title", "x"}, {"thumbnail", "abc"}})));
  EXPECT_EQ(details, std::vector<std::string>{"thumbnail: must be a file upload"});
}

TEST(RequestValidator, MultipartMissingTitleIsRequired) {
  auto details = problems(validate("createLiveStream", multipartRequest({{"price", "1"}})));
  EXPECT_EQ(details, std::vector<std::string>{"title: is required"});
}

TEST(RequestValidator, MultipartFieldsAreValidatedByTheFormSchema) {
  auto details = problems(validate("createLiveStream", multipartRequest({{"title", ""},
                                                                         {"price", "cheap"},
                                                                         {"durationGoal", "1.5"},
                                                                         {"liveStreamType", "duo"},
                                                                         {"guests", "[\"sample\"]"},
                                                                         {"colour", "red"}})));
  EXPECT_TRUE(hasProblem(details, "title: must not be empty")) << joined(details);
  EXPECT_TRUE(hasProblem(details, "price: must be a number")) << joined(details);
  EXPECT_TRUE(hasProblem(details, "durationGoal: must be an integer")) << joined(details);
  EXPECT_TRUE(hasProblem(details, "liveStreamType: must be one of: solo, multi"))
      << joined(details);
  EXPECT_TRUE(hasProblem(details, "guests[0]: must match the pattern ^[0-9a-fA-F]{24}$"))
      << joined(details);
  EXPECT_TRUE(hasProblem(details, "colour: is not an allowed field")) << joined(details);
  EXPECT_EQ(details.size(), 6u) << joined(details);
}

TEST(RequestValidator, MultipartGuestsThatIsNotJsonIsNotAnArray) {
  auto details =
      problems(validate("createLiveStream", multipartRequest({{"title", "x"}, {"guests", "abc"}})));
  EXPECT_EQ(details, std::vector<std::string>{"guests: must be an array"});
}

TEST(RequestValidator, MultipartFieldGivenTwiceIsADuplicateField) {
  // The multipart parser refuses the repetition before the form is typed.
  auto details =
      problems(validate("createLiveStream", multipartRequest({{"title", "a"}, {"title", "b"}})));
  EXPECT_EQ(details, std::vector<std::string>{"title: duplicate field"});
}

TEST(RequestValidator, MultipartInvalidUtf8FieldIsRejected) {
  auto details = problems(
      validate("createLiveStream", multipartRequest({{"title", "x"}, {"interest", "\xc3("}})));
  EXPECT_EQ(details, std::vector<std::string>{"interest: must be valid UTF-8"});
}

TEST(RequestValidator, JsonSentToAMultipartOperationIsUnsupportedMedia) {
  HttpRequest r = jsonRequest(R"({"title":"x"})", "application/json");
  auto result = validate("createLiveStream", r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kUnsupportedMedia);
  EXPECT_EQ(result.error().details,
            std::vector<std::string>{"Content-Type: expected multipart/form-data"});
}

TEST(RequestValidator, MultipartWithoutBoundaryIsInvalid) {
  HttpRequest r = multipartRequest({{"title", "x"}});
  r.headers.erase("Content-Type");
  r.headers.emplace("Content-Type", "multipart/form-data");
  auto result = validate("createLiveStream", r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
}

TEST(RequestValidator, MultipartFileOverTheLimitIsTooLarge) {
  MultipartLimits limits;
  limits.max_file_bytes = 10;
  HttpRequest r = multipartRequest(
      {{"title", "x"}, {"thumbnail", std::string(11, 'a'), "big.png", "image/png"}});
  auto result = validateRequest(spec().document(), op("createLiveStream"), r, {}, limits);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kPayloadTooLarge);
}

// ---- coerceText ----------------------------------------------------------------------------

TEST(CoerceText, FollowsTheSchemaType) {
  const json doc = json::object();
  EXPECT_EQ(coerceText("12", {{"type", "integer"}}, doc), 12);
  EXPECT_EQ(coerceText("-3", {{"type", "integer"}}, doc), -3);
  EXPECT_EQ(coerceText("12", {{"type", "string"}}, doc), "12");
  EXPECT_EQ(coerceText("12", json::object(), doc), "12");
  EXPECT_EQ(coerceText("2.5", {{"type", "number"}}, doc), 2.5);
  EXPECT_EQ(coerceText("true", {{"type", "boolean"}}, doc), true);
  EXPECT_EQ(coerceText("yes", {{"type", "boolean"}}, doc), "yes");
  EXPECT_EQ(coerceText("null", {{"type", {"integer", "null"}}}, doc), nullptr);
  EXPECT_EQ(coerceText("[1,2]", {{"type", "array"}}, doc), json({1, 2}));
  EXPECT_EQ(coerceText("{\"a\":1}", {{"type", "object"}}, doc), json({{"a", 1}}));
  EXPECT_EQ(coerceText("abc", {{"type", "integer"}}, doc), "abc");
}

TEST(CoerceText, FollowsRefsAndLooksIntoOneOf) {
  const json doc = {{"definitions", {{"N", {{"type", "integer"}}}}}};
  EXPECT_EQ(coerceText("7", {{"$ref", "#/definitions/N"}}, doc), 7);
  EXPECT_EQ(coerceText("7", {{"oneOf", {{{"$ref", "#/definitions/N"}}, {{"type", "null"}}}}}, doc),
            7);
  // A string branch keeps the text as it is.
  EXPECT_EQ(coerceText("7", {{"oneOf", {{{"type", "string"}}, {{"type", "integer"}}}}}, doc), "7");
}

}  // namespace
}  // namespace lsm
