#include "envelope/envelope.h"

namespace lsm {

using nlohmann::json;

int statusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kMethodNotAllowed:
      return 405;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kUnsupportedMedia:
      return 415;
    case ErrorKind::kNotImplemented:
      return 501;
    case ErrorKind::kInternal:
      break;
  }
  return 500;
}

std::string headlineFor(int status) {
  switch (status) {
    case 400:
      return "Validation failed";
    case 401:
      return "Authentication required";
    case 403:
      return "Insufficient permissions";
    case 404:
      return "Resource not found";
    case 405:
      return "Method not allowed";
    case 408:
      return "Request timeout";
    case 409:
      return "Resource already exists or cannot be changed in its current state";
    case 413:
      return "Payload too large";
    case 415:
      return "Unsupported media type";
    case 431:
      return "Request header fields too large";
    case 501:
      return "Not implemented";
    case 503:
      return "Service unavailable";
    default:
      return status >= 500 ? "Internal server error" : "Request failed";
  }
}

json successEnvelope(int status, json data, Millis now) {
  json env = json::object();
  env["isSuccess"] = true;
  env["statusCode"] = status;
  env["data"] = std::move(data);
  env["errors"] = json::array();
  env["timestamp"] = formatIsoMillis(now);
  return env;
}

json errorEnvelope(int status, const std::vector<std::string>& details, Millis now) {
  json errors = json::array({headlineFor(status)});
  for (const auto& d : details)
    errors.push_back(d);
  json env = json::object();
  env["isSuccess"] = false;
  env["statusCode"] = status;
  env["data"] = nullptr;
  env["errors"] = std::move(errors);
  env["timestamp"] = formatIsoMillis(now);
  return env;
}

json errorEnvelope(const Error& error, Millis now) {
  return errorEnvelope(statusFor(error.kind), error.details, now);
}

}  // namespace lsm
