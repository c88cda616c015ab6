/** A share as people read it in reports: 2 of 3 → "66.7%"; nothing to share → "—". */
export const formatShare = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 1000) / 10}%` : "—";

/** An amount in fen as yuan: 800000 → "¥8,000.00". */
export function formatFen(fen: number): string {
  return `¥${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
