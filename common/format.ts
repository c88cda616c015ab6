/** A share as people read it in reports: 2 of 3 → "66.7%"; nothing to share → "—". */
export const formatShare = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 1000) / 10}%` : "—";

/** An amount in fen as yuan: 800000 → "¥8,000.00". */
export function formatFen(fen: number): string {
  return `¥${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Yuan as people type them into a number field, as fen: 12.5 → 1250; an empty field stays null. */
export const yuanToFen = (yuan: unknown): number | null =>
  yuan === null || yuan === undefined || yuan === "" ? null : Math.round(Number(yuan) * 100);

/** Fen as the yuan a form field shows: 1250 → 12.5. */
export const fenToYuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
