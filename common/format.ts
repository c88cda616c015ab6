/** A share as people read it in reports: 2 of 3 → "66.7%"; nothing to share → "—". */
export const formatShare = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 1000) / 10}%` : "—";
