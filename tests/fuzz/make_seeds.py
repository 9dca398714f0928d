#!/usr/bin/env python3
"""Writes the generated seeds of the fuzz corpora (files named gen_*) from schemas/openapi.yaml.

  tests/fuzz/make_seeds.py        (from anywhere; needs PyYAML: python3-yaml)

- corpus/pipeline/: a raw HTTP request for every operation of the spec (with a token placeholder,
  see fuzz_pipeline.cc), its documented request body example, plus per operation: no token, a
  CORS preflight, and each documented status and named example forced with Prefer;
- corpus/query_path/: "METHOD path?query" for every operation and its query parameters;
- corpus/jwt/: bearer header values (valid shape, alg none, RS256, garbage) and forged tokens;
- corpus/multipart/: a create form with a small PNG thumbnail, and a Content-Type first line;
- in each corpus, a nesting seed (gen_deep_*): JSON nested far past the mock's depth limit
  (kMaxJsonDepth, 64) in a chat body, a state import, the guests form field, a token's payload
  and a query value, so the fuzzers start at the shape that once crashed the mock (tools/fuzz
  runs with -max_len=65536 so such inputs fit).
Deterministic: the same spec gives the same files. Hand-written seeds (other names) stay.
"""
import base64
import json
import os
import struct
import sys
import zlib

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")

JOHN = "64d15f9e2e6c8f4d5a123456"
ACOUSTIC = "64d15f9e2e6c8f4d5a123000"  # active, hosted by $HOST, johndoe in its audience
BOUNDARY = "------------------------d74496d66958873e"

# Path parameter values from the fixtures; control bodies the spec gives no example for.
PATH_VALUES = {"id": ACOUSTIC, "streamId": ACOUSTIC, "userId": JOHN,
               "fileName": "default-thumbnail.png"}
QUERY_VALUES = {"page": "1", "limit": "10", "search": "yil", "before": "6a0000000000000000000001"}
CONTROL_BODIES = {
    "mockSetClock": {"advanceSeconds": 3600},
    "mockJoinAudience": {"userId": JOHN},
    "mockEndStream": {"recording": True, "replayCreditPrice": 30},
    "mockSetCredits": {"credits": 1000},
    "mockBanFromChat": {"userId": JOHN},
    "mockSendGifts": {"senderId": JOHN, "giftTypeId": "64d15f9e2e6c8f4d5a12a001", "count": 3},
    "mockPutState": {"version": 1},
}


# The rendered documents (/docs, /openapi.*) need SpecDocuments, which fuzz_pipeline does not set
# up (they would answer 500); they take no input worth fuzzing.
NO_SEED = {"mockGetDocs", "mockGetOpenApiJson", "mockGetOpenApiYaml"}


def tiny_png():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def multipart(fields, thumbnail=None):
    out = b""
    for name, value in fields.items():
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    if thumbnail is not None:
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"thumbnail\"; "
                f"filename=\"t.png\"\r\nContent-Type: image/png\r\n\r\n").encode()
        out += thumbnail + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def ref(doc, node):
    if isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return target
    return node


def body_example(op):
    for ct, media in op.get("requestBody", {}).get("content", {}).items():
        if "example" in media:
            return ct, media["example"]
        for ex in media.get("examples", {}).values():
            if "value" in ex:
                return ct, ex["value"]
        return ct, None
    return None, None


def raw(method, target, headers, body=b""):
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
    for name, value in headers:
        head += f"{name}: {value}\r\n"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def deep(levels):
    """A JSON array nested `levels` deep: the seeds' nesting shape."""
    return "[" * levels + "]" * levels


def main():
    with open(os.path.join(ROOT, "schemas", "openapi.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for sub in ("pipeline", "query_path", "jwt"):
        d = os.path.join(CORPUS, sub)
        if os.path.isdir(d):
            for name in os.listdir(d):
                if name.startswith("gen_"):
                    os.remove(os.path.join(d, name))

    png = tiny_png()
    pipeline = os.path.join(CORPUS, "pipeline")
    query_path = os.path.join(CORPUS, "query_path")
    count = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "delete", "patch"):
                continue
            op_id = op["operationId"]
            if op_id in NO_SEED:
                continue
            params = [ref(doc, p) for p in item.get("parameters", []) + op.get("parameters", [])]
            target = path
            for p in params:
                if p["in"] == "path":
                    target = target.replace("{" + p["name"] + "}", PATH_VALUES[p["name"]])
            query = "&".join(f"{p['name']}={QUERY_VALUES.get(p['name'], '1')}"
                             for p in params if p["in"] == "query")
            full = target + ("?" + query if query else "")
            secured = bool(op.get("security", doc.get("security")))
            auth = [("Authorization", "Bearer $TOKEN")] if secured else []

            ct, example = body_example(op)
            body = b""
            headers = list(auth)
            if ct == "multipart/form-data":
                fields = {k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                          for k, v in (example or {}).items() if k != "thumbnail"}
                body = multipart(fields, png)
                headers.append(("Content-Type", f"multipart/form-data; boundary={BOUNDARY}"))
            elif ct is not None:
                value = example if example is not None else CONTROL_BODIES.get(op_id, {})
                body = json.dumps(value, ensure_ascii=False).encode()
                headers.append(("Content-Type", "application/json"))
            m = method.upper()
            write(pipeline, f"gen_{op_id}", raw(m, full, headers, body))
            write(query_path, f"gen_{op_id}", f"{m} {full}".encode())
            count += 1
            if secured:
                write(pipeline, f"gen_{op_id}_no_token", raw(m, full, [], body))
                for status in op.get("responses", {}):
                    if str(status).startswith("2"):
                        continue
                    write(pipeline, f"gen_{op_id}_prefer_{status}",
                          raw(m, full, headers + [("Prefer", f"code={status}")], body))
                for status, resp in op.get("responses", {}).items():
                    resp = ref(doc, resp)
                    for media in resp.get("content", {}).values():
                        for name in media.get("examples", {}):
                            write(pipeline, f"gen_{op_id}_example_{name}",
                                  raw(m, full, headers + [("Prefer", f"example={name}")], body))
            write(pipeline, f"gen_{op_id}_preflight",
                  raw("OPTIONS", full, [("Origin", "http://localhost:5173"),
                                        ("Access-Control-Request-Method", m),
                                        ("Access-Control-Request-Headers",
                                         "authorization, content-type")]))
    # Users other than johndoe: the host and a user banned from the busy stream's chat.
    write(pipeline, "gen_host_cancel",
          raw("POST", f"/api/v1/live-stream/{ACOUSTIC}/cancel",
              [("Authorization", "Bearer $HOST"), ("Origin", "http://localhost:5173")]))
    write(pipeline, "gen_banned_chat",
          raw("POST", f"/api/v1/live-stream/{ACOUSTIC}/chat/messages",
              [("Authorization", "$BANNED"), ("Content-Type", "application/json; charset=utf-8")],
              b'{"content":"merhaba"}'))
    # Nesting far past kMaxJsonDepth: a 400 naming the field, never a crash (the chat body was a
    # SIGSEGV before the limit).
    write(pipeline, "gen_deep_chat_body",
          raw("POST", f"/api/v1/live-stream/{ACOUSTIC}/chat/messages",
              [("Authorization", "Bearer $TOKEN"), ("Content-Type", "application/json")],
              deep(20000).encode()))
    write(pipeline, "gen_deep_state_import",
          raw("PUT", "/__mock/state", [("Content-Type", "application/json")],
              ('{"version":1,"users":' + deep(5000) + "}").encode()))
    write(pipeline, "gen_deep_guests",
          raw("POST", "/api/v1/live-stream/create",
              [("Authorization", "Bearer $TOKEN"),
               ("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")],
              multipart({"title": "deep", "guests": deep(5000)})))
    write(query_path, "gen_deep_query",
          f"GET /api/v1/live-stream/{ACOUSTIC}/viewers?search={deep(2000)}&limit=5".encode())
    write(query_path, "gen_encoded", b"GET /api/v1/live-stream/%36%34d15f9e2e6c8f4d5a123000/"
                                     b"viewers?search=y%C4%B1l+d%C4%B1&limit=5&&page=%zz")

    jwt = os.path.join(CORPUS, "jwt")
    hs = b64url(b'{"alg":"HS256","typ":"JWT"}')
    claims = b64url(json.dumps({"sub": JOHN, "iat": 1767225600, "exp": 1999999999}).encode())
    write(jwt, "gen_header_bearer_shape", b"\x00Bearer " + f"{hs}.{claims}.c2ln".encode())
    none = b64url(b'{"alg":"none"}')
    rs = b64url(b'{"alg":"RS256"}')
    write(jwt, "gen_header_alg_none", b"\x00" + f"{none}.{claims}.".encode())
    write(jwt, "gen_header_rs256", b"\x00bearer\t" + f"{rs}.{claims}.AAAA".encode())
    write(jwt, "gen_header_basic", b"\x00Basic dXNlcjpwYXNz")
    write(jwt, "gen_forged_valid", b"\x01" + b'{"alg":"HS256","typ":"JWT"}\n' +
          json.dumps({"sub": JOHN, "exp": 1999999999, "nbf": 1.5}).encode())
    write(jwt, "gen_forged_alg_case", b"\x01" + b'{"alg":"hs256"}\n{"sub":"x","exp":2e9}')
    write(jwt, "gen_forged_expired", b"\x01" + b'{"alg":"HS256"}\n{"sub":"x","exp":1000}')
    write(jwt, "gen_forged_typ_number", b"\x01" + b'{"alg":"HS256","typ":7}\n{"sub":"x"}')
    write(jwt, "gen_deep_payload", b"\x01" + b'{"alg":"HS256"}\n{"sub":"x","exp":2e9,"a":' +
          deep(2500).encode() + b"}")
    write(jwt, "gen_mint", b"\x02\x0e\x10\x05A" + JOHN.encode())

    mp = os.path.join(CORPUS, "multipart")
    write(mp, "valid_png_thumbnail.bin",
          multipart({"title": "Yeni ürün", "price": "9.99", "liveStreamType": "solo"}, png))
    write(mp, "valid_content_type_line.bin",
          b'multipart/form-data; charset=utf-8; boundary="a b:c"\n' +
          b'--a b:c\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--a b:c--')
    write(mp, "gen_deep_guests.bin", multipart({"title": "deep", "guests": deep(5000)}))
    print(f"make_seeds: {count} operations", file=sys.stderr)


if __name__ == "__main__":
    main()
