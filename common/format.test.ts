import { describe, expect, it } from "vitest";
import { fenToYuan, formatFen, yuanToFen } from "./format";

describe("money", () => {
  it("yuan typed into a form become whole fen, even where floating point would leave 1998.9999…", () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen("8000")).toBe(800000);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen("")).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
    expect(fenToYuan(1250)).toBe(12.5);
    expect(fenToYuan(null)).toBeNull();
    expect(formatFen(800000)).toBe("¥8,000.00");
  });
});
