// npm run bench:console: what the sign-in screen costs a browser — the JavaScript it downloads as sent
// compressed (brotli, as Chromium asks for it) and as it was sent before precompression (identity),
// measured in one run over the real server and the built console. Target (issue 16): ≤ 350 KB.
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { buildApp } from "../server/app";
import { openDatabase } from "../server/db/client";

const CHROMIUM = "/usr/bin/chromium";
const database = await openDatabase({});
const app = await buildApp(
  {
    dataDir: await mkdtemp(path.join(tmpdir(), "kefu-bench-")),
    secureCookies: false,
    attachmentMaxBytes: 1024 * 1024,
    logLevel: "silent",
  },
  database,
);
await app.listen({ port: 0, host: "127.0.0.1" });
const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});

/** Bytes of JavaScript on the wire (bodies as sent) and decoded, until the sign-in form is usable. */
async function signInScreen(encoding: "br" | "identity") {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  // Chromium always offers br/gzip; "identity" stands for the server as it was, sending files as they are.
  if (encoding === "identity") await page.setExtraHTTPHeaders({ "accept-encoding": "identity" });
  const scripts: Promise<{ sent: number; decoded: number }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push(
      (async () => ({
        sent: (await response.request().sizes()).responseBodySize,
        decoded: (await response.body()).length,
      }))(),
    );
  });
  const started = performance.now();
  await page.goto(`${baseUrl}/`);
  await page.getByRole("button", { name: "登录" }).waitFor();
  const ready = performance.now() - started;
  const sizes = await Promise.all(scripts);
  await context.close();
  return {
    files: sizes.length,
    sentKB: Math.round(sizes.reduce((n, s) => n + s.sent, 0) / 1024),
    decodedKB: Math.round(sizes.reduce((n, s) => n + s.decoded, 0) / 1024),
    readyMs: Math.round(ready),
  };
}

const before = await signInScreen("identity");
const after = await signInScreen("br");
console.table({ "uncompressed (before)": before, "brotli (after)": after });
console.log(
  `sign-in JavaScript sent: ${after.sentKB} KB compressed vs ${before.sentKB} KB (${(before.sentKB / after.sentKB).toFixed(1)}× less); target ≤ 350 KB`,
);
await browser.close();
await app.close();
await database.close();
