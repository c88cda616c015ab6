import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

// Real server processes for the tests and checks that need them (bench/chaos.ts, the two-server test):
// started as an operator starts them, signed in through the API.

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Starts `server/main.ts` with the environment given and resolves when it answers /api/ready. Node
 * itself with tsx as its loader: the tsx command would run the server as its child, and a kill would
 * hit the wrapper, not the server.
 */
export function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(path.join(root, "node_modules/.bin/node"), ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", KEFU_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const poll = async () => {
      if (server.exitCode !== null) return reject(new Error(`server exited with ${server.exitCode}`));
      const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return resolve(server);
      if (Date.now() > deadline) return reject(new Error("server did not start in 2 minutes"));
      setTimeout(poll, 200);
    };
    poll();
  });
}

/** Resolves with the exit code once the process has ended. */
export const exited = (server: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    server.exitCode !== null ? resolve(server.exitCode) : server.once("exit", (code) => resolve(code)),
  );

/**
 * Signs the default organisation's administrator in, choosing `chosen` as the password if the first
 * sign-in asks for a new one; returns request headers (session cookie, CSRF token, JSON).
 */
export async function signIn(
  base: string,
  password: string,
  chosen: string,
  username = "admin",
): Promise<{ headers: Record<string, string>; password: string }> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ org: "default", username, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = cookies.find((c) => c.startsWith("kefu_csrf="))!.split("=")[1];
  const headers = { "content-type": "application/json", cookie: cookies.join("; "), "x-csrf-token": csrf };
  if (!((await response.json()) as { mustChangePassword: boolean }).mustChangePassword) {
    return { headers, password };
  }
  const changed = await fetch(`${base}/api/auth/password`, {
    method: "POST",
    headers,
    body: JSON.stringify({ currentPassword: password, newPassword: chosen }),
  });
  if (!changed.ok) throw new Error(`password change failed: ${changed.status} ${await changed.text()}`);
  return { headers, password: chosen };
}

/** A fresh PostgreSQL database beside the one `adminUrl` names; `drop` removes it. */
export async function freshDatabase(adminUrl: string, prefix: string) {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
