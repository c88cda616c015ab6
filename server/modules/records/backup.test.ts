import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { openConfiguredDatabase } from "../../db/client";
import { closeAtEnd } from "../../test/cleanup";
import { createOrg, createStaff, createTestTicket } from "../../test/factories";
import { wireModules } from "../../wiring";
import { attachToTicket } from "../tickets/attachments";
import { BackupError, backup, restore, tableChecksums } from "./backup";

// npm run backup / npm run restore on the database the suite runs on: the embedded one by default,
// PostgreSQL (pg_dump / pg_restore into databases of their own) when the suite has DATABASE_URL.

const serverUrl = inject("testDatabaseUrl");
const temporary = async (prefix: string) => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  closeAtEnd(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

/** An empty place to hold a database: a data directory, and on PostgreSQL a database of its own. */
async function emptyPlace() {
  const dataDir = await temporary("kefu-place-");
  if (!serverUrl) return { dataDir };
  const name = `kefu_backup_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  closeAtEnd(async () => {
    const drop = new pg.Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}

describe("backup and restore (M14)", () => {
  it("a backup restored into an empty place holds every table's rows and every attachment, checked by count and checksum; it never overwrites, and a damaged backup is refused", async () => {
    // Its database is opened here, not by testDatabase(), which wires the domain event listeners.
    wireModules();
    const live = await emptyPlace();
    const database = await openConfiguredDatabase(live);
    const org = await createOrg(database);
    const agent = {
      ...(await createStaff(database, org, "agent")),
      filesDir: path.join(live.dataDir, "files"),
    };
    const ticket = await createTestTicket(agent);
    const photo = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("灯不亮的照片"),
    ]);
    await attachToTicket(agent, ticket.id, {
      fileName: "灯.png",
      mimeType: "image/png",
      content: photo,
      maxBytes: 1 << 20,
    });
    const before = await tableChecksums(database.db);
    await database.close();
    expect(before.tickets.rows).toBe(1);
    expect(before.attachments.rows).toBe(1);

    const target = path.join(await temporary("kefu-backups-"), "kefu-backup");
    const manifest = await backup(live, target);
    expect(manifest.tables).toEqual(before);
    expect(Object.keys(manifest.files)).toHaveLength(1);
    // A backup never goes over another one.
    await expect(backup(live, target)).rejects.toBeInstanceOf(BackupError);

    const fresh = await emptyPlace();
    await restore(fresh, target);
    const restored = await openConfiguredDatabase(fresh);
    expect(await tableChecksums(restored.db)).toEqual(before);
    await restored.close();
    const [file] = Object.keys(manifest.files);
    expect(await readFile(path.join(fresh.dataDir, "files", file))).toEqual(photo);
    // Restoring again into a place that now holds a database is refused, not merged.
    await expect(restore(fresh, target)).rejects.toThrow(/not empty|already holds/);

    // One changed byte in an attachment: the backup is refused before anything is written.
    await writeFile(path.join(target, "files", file), Buffer.concat([photo, Buffer.from("x")]));
    const third = await emptyPlace();
    await expect(restore(third, target)).rejects.toThrow(/damaged/);
  });
});
