import { afterAll, expect } from "vitest";
import { closeEverythingAtEnd } from "./cleanup";
import { checkIndexWalks, indexWalksWithoutOrg } from "./plan-check";

// Runs at the start of every test file (server and journeys): what the file opens is closed at its end.
closeEverythingAtEnd();

// On PostgreSQL no statement may walk an organisation-led index without naming the organisation.
if (process.env.DATABASE_URL) {
  checkIndexWalks();
  afterAll(() => {
    expect(indexWalksWithoutOrg().splice(0)).toEqual([]);
  });
}
