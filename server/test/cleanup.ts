import { afterAll } from "vitest";

/**
 * What a test file opened (databases, apps, browsers), closed when the file ends. Factories run inside
 * beforeAll, where an afterAll registered then never runs (vitest collects hooks before running them):
 * each file's pool stayed open until the worker exited, and the PostgreSQL run reached 100 connections.
 */
const cleanups: (() => Promise<unknown> | unknown)[] = [];

export function closeAtEnd(cleanup: () => Promise<unknown> | unknown) {
  cleanups.push(cleanup);
}

/** Registered by the setup file of every test file: the last opened is closed first. */
export function closeEverythingAtEnd() {
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
}
