import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Secrets the server must use again (a webhook's signing key, later a mail server's password) are
// stored sealed: AES-256-GCM under a key that is not in the database — KEFU_SECRET_KEY (32 bytes,
// base64), or else a key file made at first use in the data directory (mode 600). A database dump or
// backup alone does not reveal them; the key file is not part of a backup (restored elsewhere, the
// secrets are made anew).

const VERSION = "v1";
let key: Buffer | null = null;

/** Sets the sealing key: from the environment, or from (and, the first time, into) the data directory. */
export function configureSecrets(options: { dataDir: string; secretKey?: string }) {
  if (options.secretKey) {
    key = Buffer.from(options.secretKey, "base64");
    if (key.length !== 32) throw new Error("KEFU_SECRET_KEY must be 32 bytes, base64-encoded");
    return;
  }
  const file = path.join(options.dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
  }
  chmodSync(file, 0o600);
  key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

function sealingKey(): Buffer {
  if (!key) throw new Error("secrets are not configured (configureSecrets)");
  return key;
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret again; throws when it was sealed under another key (restored elsewhere) or altered. */
export function unseal(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION) throw new Error("unknown sealed secret format");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
