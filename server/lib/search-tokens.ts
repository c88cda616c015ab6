import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

// Chinese search (DESIGN): documents carry jieba words, CJK character bigrams and whole Latin/digit
// runs; a query asks for every bigram of its CJK runs, so recall never depends on how jieba cut a
// word. The last character of each CJK run is kept as a unigram too, so that a one-character query
// ("灯") matches as a prefix: every occurrence starts a bigram or ends a run.

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

const RUN = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;
const MAX_LEXEME = 200;

function* runs(text: string): Generator<{ han: boolean; value: string }> {
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(RUN)) {
    if (m[1]) yield { han: true, value: m[1] };
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
