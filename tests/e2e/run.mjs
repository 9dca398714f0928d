// Browser end-to-end test: examples/web, served from its own origin, used in Debian's chromium
// (driven by playwright-core) against a livestream-mock started here on a free port. CORS and
// preflights are real: the page and the API are on different ports.
//
//   node tests/e2e/run.mjs LIVESTREAM_MOCK_BINARY OUTPUT_DIR
//
// Then the mock's API console (/docs, Swagger UI served by the mock): a ready token, Markdown
// rendered, decided facts marked, a call tried and its answer seen, no request to another host.
//
// Writes OUTPUT_DIR/web-app.png and docs-console.png (failure.png or docs-console-failure.png when
// a step fails). Stops only what it started.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const webDir = join(repo, "examples/web");
const [mockBinary, outDir = join(repo, "build/e2e")] = process.argv.slice(2);
const chromiumPath = process.env.LSM_CHROMIUM || "/usr/bin/chromium";
const kDeadlineMs = 90_000;
const started = Date.now();

function fail(message) {
  console.error(`E2E FAILED: ${message}`);
  process.exitCode = 1;
}

// ---- what the test needs, with how to get it ---------------------------------------------------
const install = "Install them with: tools/install-e2e-deps (apt chromium, npm ci in tests/e2e and examples/web)";
const missing = [];
if (!mockBinary || !existsSync(mockBinary)) missing.push(`the livestream-mock binary (${mockBinary ?? "no argument"})`);
if (!existsSync(chromiumPath)) missing.push(`chromium at ${chromiumPath} (Debian package chromium)`);
if (!existsSync(join(here, "node_modules/playwright-core"))) missing.push("tests/e2e/node_modules (playwright-core)");
if (!existsSync(join(webDir, "node_modules/typescript")) || !existsSync(join(webDir, "node_modules/openapi-typescript"))) {
  missing.push("examples/web/node_modules (typescript, openapi-typescript)");
}
if (missing.length > 0) {
  console.error(`E2E FAILED: missing ${missing.join("; ")}.\n${install}`);
  process.exit(1);
}
const { chromium } = createRequire(import.meta.url)("playwright-core");

// Children this run started, stopped on every way out.
const children = [];
function stopChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
}
const watchdog = setTimeout(() => {
  fail(`no result within ${kDeadlineMs / 1000} s`);
  stopChildren();
  process.exit(1);
}, kDeadlineMs);

// ---- 1. build the example (types generated from the spec, then type-checked) -------------------
function buildExample() {
  const t0 = Date.now();
  const r = spawnSync(join(webDir, "build.sh"), { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) {
    throw new Error(`examples/web/build.sh failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  console.log(`built examples/web in ${Date.now() - t0} ms`);
}

// ---- 2. the mock on a free port ----------------------------------------------------------------
function startMock() {
  const mock = spawn(mockBinary, ["--port", "0", "--host", "127.0.0.1", "--fixtures", join(repo, "fixtures"), "--no-print-tokens"], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(mock);
  let log = "";
  mock.stderr.on("data", (d) => (log += d));
  const url = new Promise((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the mock did not listen within 10 s:\n${out}${log}`)), 10_000);
    mock.stdout.on("data", (d) => {
      out += d;
      const m = /livestream-mock listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    mock.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${code}) before listening:\n${out}${log}`));
    });
  });
  return { url, log: () => log };
}

// ---- 3. the page from another origin -----------------------------------------------------------
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png" };
function startStaticServer() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    const file = join(webDir, path || "index.html");
    const allowed = file.startsWith(webDir) && !file.includes("node_modules") && existsSync(file);
    if (!allowed) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": `${types[extname(file)] ?? "application/octet-stream"}; charset=utf-8` });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// A 3x2 PNG (red), the thumbnail the test uploads.
const thumbnailPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGN4YGAAQQxwFgBPNAeBE9Ms/wAAAABJRU5ErkJggg==",
  "base64",
);

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function run() {
  buildExample();
  const mock = startMock();
  const api = await mock.url;
  const server = await startStaticServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  console.log(`mock at ${api}, page at ${origin}`);
  const fixtureUsers = JSON.parse(readFileSync(join(repo, "fixtures/users.json"), "utf8"));
  const johndoe = fixtureUsers.find((u) => u.username === "johndoe");
  const viewer = fixtureUsers.find((u) => u._id === "672ad1115f3a9c1e7b1a2b02"); // caglayilmaz, has credits

  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.setDefaultTimeout(10_000);
  try {
    await page.goto(`${origin}/index.html?api=${encodeURIComponent(api)}`);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.isHidden("#error"), `an error at load: ${await page.textContent("#error")}`);

    // Fixture users listed; sign in as johndoe with a minted token.
    expect((await page.textContent("#user-count")) === `${fixtureUsers.length} users`,
      `user count: ${await page.textContent("#user-count")}`);
    await page.selectOption("#user-select", johndoe._id);
    await page.click("#sign-in");
    await page.waitForFunction(() => document.querySelector("#whoami").textContent.includes("@johndoe"));

    // Go live with a thumbnail (FormData); the thumbnail is shown from the URL the mock returned.
    const title = `Browser stream ${Date.now() % 100000}`;
    await page.fill("input[name=title]", title);
    await page.setInputFiles("input[name=thumbnail]", { name: "thumb.png", mimeType: "image/png", buffer: thumbnailPng });
    await page.click("#go-live");
    await page.waitForSelector("#thumbnail");
    expect((await page.textContent("#stream-title")) === title, "the stream's title is not shown");
    expect((await page.textContent("#stream-facts")).startsWith("active"), `facts: ${await page.textContent("#stream-facts")}`);
    const src = await page.getAttribute("#thumbnail", "src");
    expect(src.startsWith(`${api}/uploads/`) && src.endsWith(".png"), `thumbnail URL ${src}`);
    await page.waitForFunction(() => document.querySelector("#thumbnail").complete);
    const size = await page.evaluate(() => [document.querySelector("#thumbnail").naturalWidth, document.querySelector("#thumbnail").naturalHeight]);
    expect(size[0] === 3 && size[1] === 2, `the thumbnail did not load as the uploaded 3x2 image: ${size}`);

    // Chat: post two messages, the history shows them, newest last.
    for (const text of ["Hello from the browser", "Second message"]) {
      await page.fill("#chat-input", text);
      await page.click("#send");
      await page.waitForFunction((t) => document.querySelector("#chat-history").textContent.includes(t), text);
    }
    const history = await page.$$eval("#chat-history li", (items) => items.map((li) => li.textContent));
    expect(history.join("|") === "@johndoe: Hello from the browser|@johndoe: Second message", `history: ${history}`);
    expect((await page.textContent("#chat-count")) === "2 messages", `chat count: ${await page.textContent("#chat-count")}`);

    // Another user superlikes the stream.
    await page.selectOption("#user-select", viewer._id);
    await page.click("#sign-in");
    await page.waitForFunction((u) => document.querySelector("#whoami").textContent.includes(`@${u}`), viewer.username);
    await page.click("#superlike");
    await page.waitForFunction(() => document.querySelector("#superlike-result").textContent.length > 0);
    const superlike = await page.textContent("#superlike-result");
    expect(superlike === `Superlike from @${viewer.username} for 10 credits`, `superlike: ${superlike}`);
    expect(await page.isHidden("#error"), `error: ${await page.textContent("#error")}`);

    // A documented error, shown as the app shows errors: johndoe already has an active stream.
    await page.selectOption("#user-select", johndoe._id);
    await page.click("#sign-in");
    await page.waitForFunction(() => document.querySelector("#whoami").textContent.includes("@johndoe"));
    await page.click("#go-live");
    await page.waitForSelector("#error", { state: "visible" });
    const error = await page.textContent("#error");
    expect(error.startsWith("Error 409: Resource already exists or cannot be changed in its current state"), `error shown: ${error}`);

    await page.screenshot({ path: join(outDir, "web-app.png"), fullPage: true });
    expect(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join("; ")}`);

    // The browser really sent CORS preflights (Authorization and JSON bodies are not "simple").
    const log = mock.log();
    expect(/OPTIONS \S*\/api\/v1\/live-stream\/[0-9a-f]{24}\/chat\/messages\S* \d+/.test(log.replace(/\x1b\[[0-9;]*m/g, "")),
      `no preflight in the mock's log:\n${log}`);
    await checkConsole(browser, api);
    console.log(`E2E PASSED in ${Date.now() - started} ms; screenshots ${join(outDir, "web-app.png")}, ${join(outDir, "docs-console.png")}`);
  } catch (e) {
    await page.screenshot({ path: join(outDir, "failure.png"), fullPage: true }).catch(() => {});
    throw new Error(`${e.message}\n(screenshot: ${join(outDir, "failure.png")})\nmock log tail:\n${mock.log().slice(-3000)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

// ---- 5. the API console at /docs: Swagger UI served by the mock, a ready token, a call tried -----
async function checkConsole(browser, api) {
  // Reached as localhost while the mock calls itself 127.0.0.1 (a container's usual case): the
  // console must call the address the browser used.
  const origin = api.replace("127.0.0.1", "localhost");
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`uncaught: ${e}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  // Offline: nothing but the mock itself is asked for anything.
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problems.push(`a request to another host: ${r.url()}`);
  });
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(`${origin}/docs`);
    // The mock's users are offered, and the first one's token is already authorized.
    await page.waitForFunction(() => document.querySelector("#lsm-status").textContent.startsWith("Authorized as @"));
    const users = await page.$$eval("#lsm-user option", (o) => o.length);
    expect(users >= 2, `the token picker offers ${users} users`);
    await page.waitForSelector("#operations-contacts-listContacts");
    // Markdown is rendered, not shown raw.
    const createOp = "#operations-live-stream-createLiveStream";
    await page.click(`${createOp} .opblock-summary`);
    await page.waitForSelector(`${createOp} .opblock-description-wrapper strong`);
    const strong = await page.textContent(`${createOp} .opblock-description-wrapper strong`);
    expect(strong.includes("Production uyarisi"), `the description's bold text: ${strong}`);
    expect(!(await page.textContent(`${createOp} .opblock-description-wrapper`)).includes("**"), "raw Markdown ** in the description");
    // Try a call: GET /api/v1/contacts with the ready token.
    const op = "#operations-contacts-listContacts";
    await page.click(`${op} .opblock-summary`);
    await page.waitForSelector(`${op} button.execute`);
    // Decided facts stay visibly marked (the operation's x-inferred and its note).
    const opText = await page.textContent(op);
    expect(opText.includes("x-inferred") && opText.includes("we decided the path"), "the operation's x-inferred mark is not shown");
    await page.click(`${op} button.execute`);
    await page.waitForSelector(`${op} .live-responses-table tbody .response-col_status`);
    const status = (await page.textContent(`${op} .live-responses-table tbody .response-col_status`)).trim();
    expect(status.startsWith("200"), `the tried call answered ${status}`);
    const body = await page.textContent(`${op} .live-responses-table tbody .response-col_description`);
    expect(body.includes('"isSuccess": true') && body.includes('"list"'), `the tried call's body: ${body.slice(0, 300)}`);
    const curl = await page.textContent(`${op} .curl-command`);
    expect(curl.includes("Authorization: Bearer ey"), `the tried call sent no ready token: ${curl}`);
    await page.screenshot({ path: join(outDir, "docs-console.png"), fullPage: false });
    expect(problems.length === 0, `the console page: ${problems.join("; ")}`);
  } catch (e) {
    await page.screenshot({ path: join(outDir, "docs-console-failure.png"), fullPage: true }).catch(() => {});
    throw new Error(`API console: ${e.message} (screenshot ${join(outDir, "docs-console-failure.png")})`);
  } finally {
    await page.close();
  }
}

try {
  await run();
} catch (e) {
  fail(e.stack || String(e));
} finally {
  stopChildren();
  clearTimeout(watchdog);
}
