import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Both cores: PGlite runs in the worker's thread, so one worker left a core idle.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "server",
          // Files share a worker's loaded modules (each still opens its own database and organisation):
          // importing the server afresh for each of the 31 files took 94 of the suite's 183 s.
          // Tests that change process-wide state (the message driver, fake clocks) put it back.
          isolate: false,
          include: ["server/**/*.test.ts", "common/**/*.test.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          setupFiles: ["server/test/setup-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          setupFiles: ["server/test/setup-file.ts"],
          // A journey drives several browsers through a whole chain: minutes on a loaded machine.
          testTimeout: 240_000,
          hookTimeout: 180_000,
          // expect.poll waits for the console to catch up: 1 s (vitest's default) fails on a loaded
          // CI machine while the page is merely slow.
          expect: { poll: { timeout: 15_000 } },
          // Two journey files at once (each its own server and browser): 511 s instead of 576 s for
          // the 39 journeys on this 2-core machine; they wait on the browser as much as on the CPU.
          fileParallelism: true,
        },
      },
    ],
  },
});
