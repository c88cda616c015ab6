import { beforeAll, describe, expect, it } from "vitest";
import { e2eEnabled, startKefu } from "./harness";

describe.runIf(e2eEnabled)("console delivery", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("sends the built console precompressed, caches hashed assets for good and the page never, with a favicon", async () => {
    const get = (path: string, encoding = "br, gzip") =>
      fetch(`${kefu.baseUrl}${path}`, { headers: { "accept-encoding": encoding } });
    const page = await get("/tickets/anything");
    expect(page.headers.get("content-encoding")).toBe("br");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    // The page itself carries the policy the journeys' browsers enforce (harness: no violation).
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    expect(html).toContain('rel="icon"');
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const brotli = await get(script);
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const gzip = await get(script, "gzip");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    // The same script whichever way it travels.
    expect(await brotli.text()).toBe(await gzip.text());
    const icon = await get("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
  });
});
