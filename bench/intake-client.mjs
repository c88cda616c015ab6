// Worker thread of bench/run.ts: signs in and creates tickets through the HTTP API at a fixed concurrency.
import { parentPort, workerData } from "node:worker_threads";

const { baseUrl, username, orgSlug, password, count, concurrency, texts } = workerData;
try {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ org: orgSlug, username, password }),
  });
  const cookies = signIn.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = cookies.find((c) => c.startsWith("kefu_csrf=")).split("=")[1];
  const headers = { "content-type": "application/json", cookie: cookies.join("; "), "x-csrf-token": csrf };
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const res = await fetch(`${baseUrl}/api/tickets`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            type: "repair",
            channel: "phone",
            title: texts[i].title,
            description: texts[i].description,
          }),
        });
        if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
      }
    }),
  );
  parentPort.postMessage({ perSecond: count / ((performance.now() - start) / 1000) });
  // Alive until the bench has read this thread's CPU time (it then terminates it).
  await new Promise((resolve) => parentPort.once("message", resolve));
} catch (error) {
  parentPort.postMessage({ error: String(error) });
}
