import { describe, expect, it } from "vitest";
import { documentTokens, searchQuery } from "./search-tokens";

describe("search tokens", () => {
  it("keeps every CJK bigram so a two-character word is found whatever jieba did", () => {
    const tokens = documentTokens("灯具运行时异响，亮度异常");
    expect(tokens).toContain("亮度");
    expect(tokens).toContain("异响");
    expect(tokens).toContain("时异");
  });

  it("keeps the last character of a run so a one-character query matches as a prefix", () => {
    expect(documentTokens("路灯")).toContain("灯");
    expect(searchQuery("灯")).toBe("'灯':*");
  });

  it("lowercases Latin and digit runs and matches them as prefixes", () => {
    expect(documentTokens("KS-202611-0007")).toEqual(expect.arrayContaining(["ks", "202611", "0007"]));
    expect(searchQuery("KS-2026")).toBe("'ks':* & '2026':*");
  });

  it("quotes lexemes so user input cannot change the query", () => {
    expect(searchQuery("a'b")).toBe("'a':* & 'b':*");
    expect(searchQuery("！？。")).toBeNull();
  });
});
