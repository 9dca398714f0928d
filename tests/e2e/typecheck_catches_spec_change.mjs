// The example's type-check is not a formality: with a spec in which LiveStream.thumbnailUrl is
// renamed, the types generated from it no longer fit src/app.ts, and tsc must fail naming it.
//   node tests/e2e/typecheck_catches_spec_change.mjs
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const web = join(repo, "examples/web");
if (!existsSync(join(web, "node_modules/typescript")) || !existsSync(join(web, "node_modules/openapi-typescript"))) {
  console.error("FAILED: examples/web/node_modules is missing. Install it with: tools/install-e2e-deps");
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "lsm-typecheck-"));
try {
  const spec = readFileSync(join(repo, "schemas/openapi.yaml"), "utf8");
  if (!spec.includes("thumbnailUrl")) throw new Error("the spec has no thumbnailUrl: update this test");
  writeFileSync(join(dir, "openapi.yaml"), spec.replaceAll("thumbnailUrl", "thumbnailURL"));
  // The app's sources, not its generated api.d.ts (the browser test may be rewriting it now).
  cpSync(join(web, "src"), join(dir, "src"), { recursive: true, filter: (f) => !f.endsWith("api.d.ts") });
  cpSync(join(web, "tsconfig.json"), join(dir, "tsconfig.json"));
  symlinkSync(join(web, "node_modules"), join(dir, "node_modules"));
  const bin = (name) => join(web, "node_modules/.bin", name);
  const gen = spawnSync(bin("openapi-typescript"), [join(dir, "openapi.yaml"), "-o", join(dir, "src/api.d.ts")], { encoding: "utf8" });
  if (gen.status !== 0) throw new Error(`openapi-typescript failed on the changed spec:\n${gen.stdout}${gen.stderr}`);
  const tsc = spawnSync(bin("tsc"), ["-p", dir, "--noEmit"], { encoding: "utf8" });
  const out = tsc.stdout + tsc.stderr;
  if (tsc.status === 0) throw new Error("tsc accepted the app against a spec without LiveStream.thumbnailUrl");
  if (!/src\/app\.ts.*thumbnailUrl/.test(out)) throw new Error(`tsc failed, but not on thumbnailUrl in src/app.ts:\n${out}`);
  console.log(`PASSED: tsc rejects the app once the spec renames thumbnailUrl:\n${out.trim().split("\n")[0]}`);
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
