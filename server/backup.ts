// npm run backup [-- <directory>] / npm run restore -- <directory>
// The database the configuration names (KEFU_DATA_DIR's embedded database, or DATABASE_URL's
// PostgreSQL) and its attachments, to and from a backup directory (modules/records/backup.ts).
import path from "node:path";
import { loadConfig } from "./config";
import { DatabaseInUse } from "./db/client";
import { BackupError, backup, restore } from "./modules/records/backup";

const [command, directory] = process.argv.slice(2);
const config = loadConfig();
try {
  if (command === "backup") {
    const target = path.resolve(
      directory ?? `backups/kefu-${new Date().toISOString().replace(/[:.]/g, "-")}`,
    );
    const manifest = await backup(config, target);
    const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Backup written / 备份已写入: ${target}\n  ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${Object.keys(manifest.files).length} files`,
    );
  } else if (command === "restore" && directory) {
    const manifest = await restore(config, path.resolve(directory));
    console.log(
      `Restored / 已恢复 the backup of ${manifest.createdAt}: every table and file matches its checksum. Start the server to bring the schema up to date.`,
    );
  } else {
    console.error("usage: npm run backup [-- <directory>] | npm run restore -- <directory>");
    process.exit(2);
  }
} catch (error) {
  if (!(error instanceof BackupError || error instanceof DatabaseInUse)) throw error;
  console.error(error.message);
  process.exit(1);
}
