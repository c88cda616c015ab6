import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildApp } from "../server/app";
import type { Database } from "../server/db/client";
import { outboxMessages } from "../server/db/schema";
import { CONSOLE_DIR } from "../server/plugins/console";
import { closeAtEnd } from "../server/test/cleanup";
import { createOrg, TEST_PASSWORD, type TestOrg, testDatabase, usernameOf } from "../server/test/factories";

export const CHROMIUM = "/usr/bin/chromium";
/** Browser journeys run where Chromium is installed, and must run when KEFU_E2E=1 (CI). */
export const e2eEnabled = existsSync(CHROMIUM) || process.env.KEFU_E2E === "1";
const SCREENSHOTS = path.resolve(import.meta.dirname, "screenshots");
/** Screenshots are for someone to look at (KEFU_SCREENSHOTS=1); CI, where nobody does, skips them. */
const takeScreenshots = process.env.KEFU_SCREENSHOTS === "1";
/** Where a journey keeps what it made to be looked at: screenshots, a printed PDF. */
export const artifactPath = (name: string) => path.join(SCREENSHOTS, name);

/** The real server with the built console on a free port, over the test database, plus Chromium. */
export async function startKefu() {
  if (!existsSync(path.join(CONSOLE_DIR, "index.html")))
    throw new Error("console not built: run npm run build:web");
  const database = await testDatabase();
  const org: TestOrg = await createOrg(database);
  const app = await buildApp(
    {
      dataDir: path.dirname(org.filesDir),
      secureCookies: false,
      attachmentMaxBytes: 5 * 1024 * 1024,
      logLevel: "silent",
      // Journeys send webhooks to a receiver of their own on loopback.
      webhookAllowHosts: ["127.0.0.1"],
    },
    database,
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  // Whatever a journey does, the console never does what its Content-Security-Policy forbids.
  const violations: string[] = [];
  closeAtEnd(async () => {
    await browser.close();
    await app.close();
    expect(violations).toEqual([]);
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  const open = async (
    options: { mobile?: boolean; locale?: string } = {},
  ): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: options.locale ?? "zh-CN",
      // Staff work in China: date pickers read times in Shanghai, as they would on their machines.
      timezoneId: "Asia/Shanghai",
      // As someone who turned animations off: nothing waits for a dialog to zoom in or a menu to fold.
      reducedMotion: "reduce",
      viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
    });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy"))
        violations.push(`${page.url()}: ${message.text()}`);
    });
    return { context, page };
  };
  return {
    database,
    org,
    baseUrl,
    open,
    /**
     * Signs a staff member in through the API and opens a page of the console: for journeys that
     * start somewhere other than the workbench (the sign-in form is proved by the journeys that use
     * signInStaff). Saves loading the sign-in page and the workbench first, a few seconds each time.
     */
    openAs: async (page: Page, userId: string, path: string) => {
      const username = await usernameOf(database, userId);
      const response = await page.request.post("/api/auth/sign-in", {
        data: { org: org.slug, username, password: TEST_PASSWORD },
      });
      if (!response.ok()) throw new Error(`sign-in of ${username} failed: ${response.status()}`);
      await page.goto(path);
    },
    screenshot: async (page: Page, name: string) => {
      if (takeScreenshots) await page.screenshot({ path: artifactPath(`${name}.png`), fullPage: true });
    },
  };
}

/** A customer signs in to the portal with the one-time code the outbox holds for their number. */
export async function signInCustomer(page: Page, database: Database, org: TestOrg, phone: string) {
  await page.goto(`/portal?org=${org.slug}`);
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await page.getByLabel("验证码").waitFor();
  const [message] = await database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.recipient, phone)))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  // The outbox keeps the code (masked to its readers) until the message driver has taken it.
  await page.getByLabel("验证码").fill(message.secret!);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function signInStaff(page: Page, org: TestOrg, username: string, password: string) {
  await page.goto("/");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByLabel("组织代码").fill(org.slug);
  await page.getByRole("button", { name: "登录" }).click();
  // The workbench, or — for an engineer on a phone — his jobs.
  await page
    .getByText("我的工作台")
    .or(page.getByText("您好"))
    .or(page.getByTestId("my-work-orders"))
    .first()
    .waitFor();
}

/**
 * Waits until an antd dialog has finished zooming in: a click while it still is can be lost (seen on
 * a loaded machine).
 */
export async function dialogSettled(dialog: Locator) {
  await dialog.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const settled = () =>
          element.className.includes("ant-zoom") ? requestAnimationFrame(settled) : resolve();
        settled();
      }),
  );
}

/** Confirms an antd dialog (its OK button reads 确定, or OK before the locale loads) and waits for it to close. */
export async function confirmDialog(dialog: Locator) {
  await dialogSettled(dialog);
  await dialog
    .getByRole("button", { name: "OK" })
    .or(dialog.getByRole("button", { name: "确定" }))
    .click();
  await dialog.waitFor({ state: "hidden" });
}

/**
 * Picks an option of a select and waits until its dropdown has closed: only then is the form beneath
 * free (an open dropdown covers the next field). A click that lands while the dropdown is still
 * opening is lost, so it is repeated until it takes.
 */
export async function pickOption(field: Locator, option: string | RegExp) {
  await field.click();
  const item = field.page().locator(".ant-select-dropdown").getByTitle(option, { exact: true });
  for (let attempt = 1; ; attempt++) {
    await item.click();
    const closed = await item
      .waitFor({ state: "hidden", timeout: 5_000 })
      .then(() => true)
      .catch(() => attempt === 3 && Promise.reject(new Error(`option ${option} did not take`)));
    if (closed) return;
  }
}
