import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the whole database or an open transaction: domain helpers accept both. */
export type Executor = Db | Tx;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tar, for `openDatabase({ template })` and backups. */
  dump?(compression?: "none" | "gzip"): Promise<Blob>;
};

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
// Any fixed number works; it only has to be the same for every Kefu server sharing the database.
const MIGRATION_LOCK = 7_402_118;

/**
 * Both drivers produce a PgDatabase over the same schema; drizzle types them as different
 * subclasses, so they meet here under their common base type.
 */
function asDb(db: object): Db {
  return db as Db;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite (in memory when dataDir is omitted,
 * starting from `template`, a dump of an already migrated database, when one is given).
 */
export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  template?: Blob;
}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    const db = asDb(drizzleNodePg({ client: pool, schema }));
    const lock = await pool.connect();
    try {
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrateNodePg(drizzleNodePg({ client: pool, schema }), { migrationsFolder });
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      lock.release();
    }
    return {
      kind: "postgres",
      db,
      async listen(channel, onMessage) {
        const client = new pg.Client({ connectionString: options.url });
        await client.connect();
        client.on("notification", (msg) => {
          if (msg.channel === channel && msg.payload) onMessage(msg.payload);
        });
        await client.query(`LISTEN ${channel}`);
        return async () => {
          await client.end();
        };
      },
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create({
    dataDir: options.dataDir ?? "memory://",
    loadDataDir: options.template,
  });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return {
    kind: "pglite",
    db: asDb(db),
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    close: () => client.close(),
    dump: (compression = "none") => client.dumpDataDir(compression),
  };
}

export { schema, sql };

/** Rows of a raw SQL query. Both drivers answer `execute` with a result that has `rows`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/**
 * The database the configuration names: PostgreSQL at DATABASE_URL, else PGlite under the data
 * directory. PGlite has no lock between processes, so a lock file keeps a second process (say
 * `npm run demo` while the server runs) from opening — and corrupting — the same files.
 */
export async function openConfiguredDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  const lockFile = path.join(config.dataDir, "pglite.lock");
  const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new DatabaseInUse(
      `The embedded database in ${config.dataDir} is in use by process ${holder}; stop it first. / 内置数据库正被进程 ${holder} 使用，请先停止该进程。`,
    );
  }
  await writeFile(lockFile, String(process.pid));
  const database = await openDatabase({ dataDir: `${config.dataDir}/pglite` });
  return {
    ...database,
    async close() {
      await database.close();
      await rm(lockFile, { force: true });
    },
  };
}

/** Another process holds the embedded database. */
export class DatabaseInUse extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
