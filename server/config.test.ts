import { describe, expect, it } from "vitest";
import { configProblems, configSchema } from "./config";

describe("configuration", () => {
  it("a bad environment is explained per variable in Chinese and English, with the allowed values", () => {
    const parsed = configSchema.safeParse({
      PORT: "70000",
      KEFU_JOBS: "maybe",
      KEFU_ADMIN_PASSWORD: "short",
    });
    expect(parsed.success).toBe(false);
    expect(configProblems(parsed.error!)).toEqual([
      "PORT：不能大于 65535 / PORT must be at most 65535",
      "KEFU_ADMIN_PASSWORD：至少 10 个字 / KEFU_ADMIN_PASSWORD needs at least 10 characters",
      "KEFU_JOBS：不是可选的值（on / off） / KEFU_JOBS is not one of the choices",
    ]);
  });
});
