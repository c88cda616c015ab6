import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client";

// With DATABASE_URL the suite runs on a PostgreSQL database of its own, created here and dropped
// afterwards; each test still builds its own organisation, so tests never share state.
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) return;
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
  }
}
