import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { invalid } from "../../lib/errors";

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password);

/** At least 10 characters with letters and digits. */
export function assertStrongPassword(password: string): void {
  if (password.length < 10 || !/\p{L}/u.test(password) || !/\d/.test(password))
    throw invalid("PASSWORD_TOO_WEAK");
}

/** A readable one-time password: no 0/O or 1/l/I. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (;;) {
    const body = Array.from(randomBytes(14), (b) => alphabet[b % alphabet.length]).join("");
    if (/\d/.test(body) && /\p{L}/u.test(body)) return `${body.slice(0, 7)}-${body.slice(7)}`;
  }
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
