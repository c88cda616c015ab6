import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import hkVariants from "opencc-js/dict/HKVariantsRev";
import traditionalToSimplified from "opencc-js/dict/TSCharacters";
import twVariants from "opencc-js/dict/TWVariantsRev";

// Chinese search (DESIGN): documents carry jieba words, CJK character bigrams and whole Latin/digit
// runs; a query asks for every bigram of its CJK runs, so recall never depends on how jieba cut a
// word. The last character of each CJK run is kept as a unigram too, so that a one-character query
// ("灯") matches as a prefix: every occurrence starts a bigram or ends a run.
//
// Documents and queries are folded the same way first: NFKC (full-width ＡＢＣ１２３ is ABC123),
// lower case, and every Han character to its simplified form, one character at a time (燈 → 灯,
// Taiwan and Hong Kong variants included). Character by character, never by phrase, so that any part
// of a text folds the way it folds inside the whole text.

/** Bump when the tokens change: the reindex job (search-reindex.ts) rebuilds rows of older versions. */
export const SEARCH_TOKENS_VERSION = 2;

const DOMAIN_WORDS = [
  "首问负责",
  "绿色通道",
  "派工单",
  "服务忌语",
  "调休",
  "报修",
  "返修",
  "异响",
  "不亮",
  "频闪",
];
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 100000`).join("\n")));
  }
  return jieba;
}

let simplified: Map<string, string> | undefined;
function toSimplified(): Map<string, string> {
  if (!simplified) {
    const pairs = (entries: string) => entries.split("|").map((e) => e.split(" ") as [string, string]);
    const standard = new Map([...pairs(twVariants), ...pairs(hkVariants)]);
    const direct = new Map(pairs(traditionalToSimplified));
    for (const [variant, traditional] of standard)
      if (!direct.has(variant)) direct.set(variant, direct.get(traditional) ?? traditional);
    // Followed to the end (薴 → 苧 → 苎), so that a character and its folded form fold alike.
    const end = (c: string, hops = 0): string => {
      const next = direct.get(c);
      return next && next !== c && hops < 4 ? end(next, hops + 1) : c;
    };
    simplified = new Map([...direct.keys()].map((c) => [c, end(c)]));
  }
  return simplified;
}

const fold = (han: string) => {
  const map = toSimplified();
  let out = "";
  for (const c of han) out += map.get(c) ?? c;
  return out;
};

// A Latin/digit word is a run of letters and digits that are not Han: "KFR-35GW不制冷" is kfr, 35gw
// and the Han run 不制冷 (\p{L} alone includes Han, which once swallowed the Chinese after a model number).
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const MAX_LEXEME = 200;

function* runs(text: string): Generator<{ han: boolean; value: string }> {
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(RUN)) {
    if (m[1]) yield { han: true, value: fold(m[1]) };
    else if (m[2]) yield { han: false, value: m[2].slice(0, MAX_LEXEME) };
  }
}

/** The lexemes stored in a document's tsvector. */
export function documentTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of runs(text)) {
      if (!run.han) {
        tokens.add(run.value);
        continue;
      }
      const chars = Array.from(run.value);
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
      tokens.add(chars[chars.length - 1]);
      for (const word of segmenter().cutForSearch(run.value, true)) {
        if (Array.from(word).length > 2) tokens.add(word);
      }
    }
  }
  return [...tokens];
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * A tsquery string matching documents that contain every part of the query, or null when the
 * query has nothing searchable. Latin/digit runs match as prefixes so "KS-2026" finds "KS-202611-0007".
 */
export function searchQuery(text: string): string | null {
  const parts: string[] = [];
  for (const run of runs(text)) {
    const chars = Array.from(run.value);
    if (!run.han || chars.length === 1) {
      parts.push(`${quote(run.value)}:*`);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) parts.push(quote(chars[i] + chars[i + 1]));
  }
  return parts.length ? [...new Set(parts)].join(" & ") : null;
}

/** A tsvector literal from lexemes, stored as they are (no parser touches the Chinese tokens). */
export function tokensToVector(tokens: string[]): string {
  return tokens.map(quote).join(" ");
}
