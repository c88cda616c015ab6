import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type Executor, openConfiguredDatabase, queryRows } from "../../db/client";

// Backup and restore (SPEC M14): a backup is a directory an operator can copy anywhere — the
// database (the embedded one's data directory as a tar, or PostgreSQL's pg_dump archive), the
// attachments, and a manifest with every table's row count and checksum and every file's SHA-256.
// A restore goes into an empty place only (it never overwrites a live system) and is checked against
// the manifest before it is declared good.

const run = promisify(execFile);

export type Manifest = {
  format: 1;
  createdAt: string;
  database: "pglite" | "postgres";
  tables: Record<string, { rows: number; checksum: string }>;
  files: Record<string, string>;
};

type Where = { databaseUrl?: string; dataDir: string };

/** Every table's row count and a checksum of its rows, independent of their physical order. */
export async function tableChecksums(db: Executor): Promise<Manifest["tables"]> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Manifest["tables"] = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ rows: number; checksum: string }>(
      db,
      sql`SELECT count(*)::int AS rows,
                 coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS checksum
            FROM ${sql.identifier(name)} t`,
    );
    result[name] = row;
  }
  return result;
}

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? filesUnder(root, path.join(dir, e.name)) : [path.join(dir, e.name)],
    ),
  );
  return nested.flat().map((f) => path.relative(root, path.resolve(root, f)));
}

async function fileChecksums(root: string): Promise<Manifest["files"]> {
  const result: Manifest["files"] = {};
  for (const file of (await filesUnder(root)).sort())
    result[file] = createHash("sha256")
      .update(await readFile(path.join(root, file)))
      .digest("hex");
  return result;
}

const isEmptyDir = async (dir: string) => (await readdir(dir).catch(() => [])).length === 0;

/** Writes a backup of the configured database and attachments into `target` (a new, empty directory). */
export async function backup(where: Where, target: string): Promise<Manifest> {
  if (!(await isEmptyDir(target))) throw new BackupError(`${target} is not empty / 目标目录不是空的`);
  await mkdir(target, { recursive: true });
  let tables: Manifest["tables"];
  if (where.databaseUrl) {
    // pg_dump and the manifest read one snapshot, so the checksums are those of the archive even while
    // the servers go on writing.
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
      const file = `--file=${path.join(target, "database.dump")}`;
      await run("pg_dump", [
        "--format=custom",
        "--no-owner",
        `--snapshot=${rows[0].snapshot}`,
        file,
        where.databaseUrl,
      ]);
      tables = await tableChecksums(drizzleNodePg({ client }) as unknown as Executor);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  } else {
    // Holds the data directory's lock: refused while the server runs, so the copy is consistent.
    const database = await openConfiguredDatabase(where);
    try {
      const tar = await database.dump!("gzip");
      await writeFile(path.join(target, "database.tar.gz"), Buffer.from(await tar.arrayBuffer()));
      tables = await tableChecksums(database.db);
    } finally {
      await database.close();
    }
  }
  const files = path.join(where.dataDir, "files");
  if ((await stat(files).catch(() => null))?.isDirectory())
    await cp(files, path.join(target, "files"), { recursive: true });
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: where.databaseUrl ? "postgres" : "pglite",
    tables,
    files: await fileChecksums(path.join(target, "files")),
  };
  await writeFile(path.join(target, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export class BackupError extends Error {}

/** What differs between a manifest and what was restored: empty when they agree. */
function differences(expected: Manifest, tables: Manifest["tables"], files: Manifest["files"]) {
  const wrong: string[] = [];
  for (const [name, want] of Object.entries(expected.tables)) {
    const got = tables[name];
    if (!got) wrong.push(`table ${name} missing`);
    else if (got.rows !== want.rows || got.checksum !== want.checksum)
      wrong.push(
        `table ${name}: ${got.rows} rows (backup: ${want.rows})${got.checksum !== want.checksum ? ", content differs" : ""}`,
      );
  }
  for (const [file, hash] of Object.entries(expected.files))
    if (files[file] !== hash) wrong.push(`file ${file} ${files[file] ? "differs" : "missing"}`);
  return wrong;
}

/**
 * Restores `source` into the configured place, which must be empty: an embedded data directory with
 * no database in it, or a PostgreSQL database without tables. Checked against the manifest; the
 * server brings the schema up to date when it starts.
 */
export async function restore(where: Where, source: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(source, "manifest.json"), "utf8")) as Manifest;
  if (manifest.format !== 1) throw new BackupError(`unknown backup format ${manifest.format}`);
  if (manifest.database !== (where.databaseUrl ? "postgres" : "pglite"))
    throw new BackupError(
      `this backup is of ${manifest.database === "postgres" ? "PostgreSQL" : "the embedded database"}; set DATABASE_URL accordingly / 备份与目标数据库类型不符`,
    );
  // The attachments are checked before anything is written.
  const backedUpFiles = await fileChecksums(path.join(source, "files"));
  const damaged = differences({ ...manifest, tables: {} }, {}, backedUpFiles);
  if (damaged.length) throw new BackupError(`the backup is damaged / 备份已损坏: ${damaged.join("; ")}`);

  let tables: Manifest["tables"];
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      if (rows[0].n > 0) throw new BackupError("the target database is not empty / 目标数据库不是空的");
    } finally {
      await client.end();
    }
    await run("pg_restore", [
      "--no-owner",
      "--exit-on-error",
      `--dbname=${where.databaseUrl}`,
      path.join(source, "database.dump"),
    ]);
    // As restored, not migrated (the server brings the schema up to date when it starts).
    const pool = new pg.Pool({ connectionString: where.databaseUrl, max: 1 });
    tables = await tableChecksums(drizzleNodePg({ client: pool }) as unknown as Executor);
    await pool.end();
  } else {
    const dataDir = path.join(where.dataDir, "pglite");
    if (!(await isEmptyDir(dataDir)))
      throw new BackupError(`${where.dataDir} already holds a database / 目标目录已有数据库`);
    const tar = new Blob([await readFile(path.join(source, "database.tar.gz"))]);
    await mkdir(where.dataDir, { recursive: true });
    const client = await PGlite.create({ dataDir, loadDataDir: tar });
    tables = await tableChecksums(drizzlePglite({ client }) as unknown as Executor);
    await client.close();
  }
  if (Object.keys(backedUpFiles).length)
    await cp(path.join(source, "files"), path.join(where.dataDir, "files"), { recursive: true });
  const wrong = differences(manifest, tables, await fileChecksums(path.join(where.dataDir, "files")));
  if (wrong.length)
    throw new BackupError(`the restore does not match the backup / 恢复结果与备份不符: ${wrong.join("; ")}`);
  return manifest;
}
