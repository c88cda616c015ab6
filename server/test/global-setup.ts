import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client";

// With DATABASE_URL the suite runs on a PostgreSQL database of its own, created here and dropped
// afterwards. On PGlite every test file starts from one database migrated here and dumped (applying
// every migration in each file took ~6 s, loading the dump under 1 s). Each test still builds its own
// organisation, so tests never share state.
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(path.join(tmpdir(), "kefu-template-"));
    const file = path.join(dir, "migrated.tar");
    const database = await openDatabase({});
    await writeFile(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
    await database.close();
    project.provide("pgliteTemplate", file);
    return () => rm(dir, { recursive: true, force: true });
  }
  const name = `kefu_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString(), poolSize: 2 });
  await database.close();
  project.provide("testDatabaseUrl", testUrl.toString());
  return async () => {
    const drop = new pg.Client({ connectionString: url });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl?: string;
    /** A dump of a migrated PGlite database that each test file starts from. */
    pgliteTemplate?: string;
  }
}
