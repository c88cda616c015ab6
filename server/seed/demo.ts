// `npm run demo`: loads the demo data set (demo-data.ts) into the default organisation — 90 days of a
// lighting manufacturer's customer service, worked by staff of every role — and prints who signs in.
import { and, eq } from "drizzle-orm";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/client";
import { organizations, users } from "../db/schema";
import { wireModules } from "../wiring";
import { DEMO_STAFF, loadDemo } from "./demo-data";
import { ensureDefaultOrganization } from "./organization";

// PGlite's own timers notice the simulated clock jumping back 90 days and say so; nothing is wrong.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name !== "TimeoutOverflowWarning") console.warn(warning);
});

wireModules();
const config = loadConfig();
const database = await openConfiguredDatabase(config);
const seeded = await ensureDefaultOrganization(database.db, config.adminPassword);
if (seeded && !config.adminPassword)
  console.log(`Administrator admin, one-time password: ${seeded.adminPassword}`);
const [org] = await database.db.select().from(organizations).where(eq(organizations.slug, "default"));
const [existing] = await database.db
  .select({ id: users.id })
  .from(users)
  .where(and(eq(users.orgId, org.id), eq(users.username, DEMO_STAFF[0].username)));
if (existing) {
  console.log("The demo data set is already loaded. / 演示数据已加载。");
} else {
  const started = performance.now();
  const demo = await loadDemo(database.db, {
    orgId: org.id,
    filesDir: `${config.dataDir}/files`,
    publicUrl: config.publicUrl,
    progress: (day) =>
      process.stdout.write(
        `\r  ${day.toISOString().slice(0, 10)} · ${((performance.now() - started) / 1000).toFixed(0)} s`,
      ),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `\nDemo data loaded in ${seconds} s: ${demo.counts.customers} customers, ${demo.counts.tickets} tickets over 90 days.`,
  );
  console.log(`演示数据已加载：${demo.counts.customers} 个客户，90 天内 ${demo.counts.tickets} 张工单。\n`);
  console.log("  Organisation / 组织: default");
  for (const s of demo.staff)
    console.log(`  ${s.username.padEnd(10)} ${s.name}  ${s.department} · ${s.role}`);
  console.log(`\n  Password for all of them / 以上账号的密码: ${demo.password}\n`);
}
await database.close();
