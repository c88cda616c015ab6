import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentTokens, searchQuery } from "./search-tokens";

/** What PostgreSQL's `@@` answers for our vectors and queries: every part present, `:*` as a prefix. */
function finds(document: string, query: string): boolean {
  const q = searchQuery(query);
  if (!q) return false;
  const tokens = documentTokens(document);
  return q.split(" & ").every((part) => {
    const prefix = part.endsWith(":*");
    const lexeme = part.replace(/:\*$/, "").slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, "\\");
    return prefix ? tokens.some((t) => t.startsWith(lexeme)) : tokens.includes(lexeme);
  });
}

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

  it("a model number does not swallow the Chinese after it: LED吸顶灯频闪, KFR-35GW不制冷", () => {
    expect(documentTokens("LED吸顶灯频闪")).toEqual(expect.arrayContaining(["led", "频闪", "吸顶灯"]));
    expect(documentTokens("KFR-35GW不制冷")).toEqual(expect.arrayContaining(["kfr", "35gw", "制冷", "不制"]));
    expect(finds("LED吸顶灯频闪", "频闪")).toBe(true);
    expect(finds("KFR-35GW不制冷", "不制冷")).toBe(true);
    expect(finds("KFR-35GW不制冷", "35GW")).toBe(true);
  });

  it("traditional and simplified script find each other (seed 003 is in traditional script)", () => {
    expect(finds("客戶服務管理辦法：燈具頻閃應於三個工作日內處理", "灯具频闪")).toBe(true);
    expect(finds("路灯不亮，台风后线路进水", "颱風後")).toBe(true);
    expect(finds("裡面的開關壞了", "里面的开关")).toBe(true);
    expect(finds("灯具频闪", "燈具")).toBe(true);
    expect(searchQuery("燈具")).toBe(searchQuery("灯具"));
  });

  it("full-width and half-width forms match (ＡＢＣ１２３ is ABC123)", () => {
    expect(finds("型号ＡＢＣ１２３的灯", "abc123")).toBe(true);
    expect(finds("型号ABC123的灯", "ＡＢＣ１２３")).toBe(true);
    expect(searchQuery("ＫＦＲ－３５ＧＷ")).toBe(searchQuery("kfr-35gw"));
  });
});

// Characters written alike or differently in the two scripts, as [simplified, traditional].
const HAN = [
  ["灯", "燈"],
  ["吸", "吸"],
  ["顶", "頂"],
  ["频", "頻"],
  ["闪", "閃"],
  ["不", "不"],
  ["制", "製"],
  ["冷", "冷"],
  ["空", "空"],
  ["调", "調"],
  ["维", "維"],
  ["修", "修"],
  ["电", "電"],
  ["话", "話"],
  ["后", "後"],
  ["里", "裡"],
  ["台", "臺"],
  ["风", "風"],
  ["扇", "扇"],
  ["热", "熱"],
  ["水", "水"],
  ["器", "器"],
  ["报", "報"],
  ["装", "裝"],
  ["门", "門"],
  ["锁", "鎖"],
  ["机", "機"],
  ["质", "質"],
  ["量", "量"],
  ["问", "問"],
  ["题", "題"],
  ["换", "換"],
  ["货", "貨"],
  ["退", "退"],
  ["款", "款"],
  ["线", "線"],
  ["路", "路"],
  ["开", "開"],
  ["关", "關"],
  ["发", "發"],
  ["现", "現"],
  ["响", "響"],
  ["异", "異"],
  ["亮", "亮"],
  ["度", "度"],
  ["客", "客"],
  ["户", "戶"],
  ["服", "服"],
  ["务", "務"],
] as const;
const fullWidth = (s: string) =>
  s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01));

// A text of Han runs (each character in either script), Latin/digit words (half- or full-width),
// glued together or separated by spaces and punctuation — product names with model numbers.
const hanRun = fc.array(fc.tuple(fc.integer({ min: 0, max: HAN.length - 1 }), fc.boolean()), {
  minLength: 1,
  maxLength: 12,
});
const segment = fc.oneof(
  hanRun.map((chars) => chars.map(([i, t]) => HAN[i][t ? 1 : 0]).join("")),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), fc.boolean())
    .map(([w, wide]) => (wide ? fullWidth(w) : w)),
  fc.constantFrom(" ", "-", "，", "。", "/", "（", "）", "\n", ""),
);
const text = fc.array(segment, { minLength: 1, maxLength: 12 }).map((s) => s.join(""));
const options = { seed: 20261206, numRuns: 500 };
const inOtherForms = (han: string, flips: boolean[]) =>
  Array.from(han)
    .map((c, i) => {
      const pair = HAN.find((p) => p.includes(c as never))!;
      return flips[i % flips.length] ? pair[0] : pair[1];
    })
    .join("");

describe("search properties (fast-check, seeded)", () => {
  it("any substring of two or more CJK characters finds the text, in either script", () => {
    fc.assert(
      fc.property(
        text,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 1 }),
        (doc, r, a, b, flips) => {
          const hanRuns = doc.match(/\p{Script=Han}{2,}/gu);
          fc.pre(hanRuns !== null);
          const run = Array.from(hanRuns![r % hanRuns!.length]);
          const from = a % (run.length - 1);
          const to = from + 2 + (b % (run.length - from - 1));
          const part = run.slice(from, to).join("");
          expect(finds(doc, part)).toBe(true);
          expect(finds(doc, inOtherForms(part, flips))).toBe(true);
        },
      ),
      options,
    );
  });

  it("any whole Latin/digit word finds the text, in either width and case", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.boolean(), fc.boolean(), (doc, r, wide, upper) => {
        const words = doc.normalize("NFKC").match(/[A-Za-z0-9]+/g);
        fc.pre(words !== null);
        let word = words![r % words!.length];
        word = upper ? word.toUpperCase() : word.toLowerCase();
        expect(finds(doc, wide ? fullWidth(word) : word)).toBe(true);
      }),
      options,
    );
  });
});
