import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { invalid } from "../../lib/errors";

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password);

/** Words that make up most guessed passwords once digits and symbols around them are taken away. */
const COMMON_WORDS = new Set(
  (
    "password passw0rd pass admin administrator root user login welcome letmein changeme iloveyou " +
    "woaini qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm abc abcd abcdef abcdefg test guest kefu " +
    "service default secret master monkey dragon football baseball sunshine princess shadow " +
    "superman michael jordan hello china beijing shanghai"
  ).split(" "),
);
/** Runs along the keyboard or the alphabet: a password mostly made of one is no password. */
const SEQUENCES = [
  "01234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "1qaz2wsx3edc4rfv5tgb",
  "qazwsxedcrfvtgb",
];

/** The longest stretch of the password that runs along a sequence, forwards or backwards. */
function longestRun(password: string) {
  let longest = 0;
  for (const forward of SEQUENCES)
    for (const sequence of [forward, [...forward].reverse().join("")])
      for (let start = 0; start < password.length; start++) {
        let length = 0;
        while (
          start + length < password.length &&
          sequence.includes(password.slice(start, start + length + 1))
        )
          length++;
        longest = Math.max(longest, length);
      }
  return longest;
}

/**
 * At least 10 characters with letters and digits, and not one of the passwords guessed first: a
 * common word with digits around it (password12), a run along the keyboard (1234567890a,
 * qwertyuiop1), one character over and over (aaaaaaaaa1), or the person's own user name.
 */
export function assertStrongPassword(password: string, person?: { username: string }): void {
  if (password.length < 10 || !/\p{L}/u.test(password) || !/\d/.test(password))
    throw invalid("PASSWORD_TOO_WEAK");
  const lower = password.toLowerCase();
  const word = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const guessable =
    new Set(lower).size < 5 ||
    COMMON_WORDS.has(word) ||
    longestRun(lower) >= password.length - 2 ||
    (person && person.username.length >= 3 && lower.includes(person.username.toLowerCase()));
  if (guessable) throw invalid("PASSWORD_TOO_COMMON");
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
