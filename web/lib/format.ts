import i18n from "../i18n";

/** A timestamp in the organisation's zone, in the reader's language. */
export function formatTime(value: string | null | undefined, timeZone = "Asia/Shanghai"): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(i18n.language, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(value));
}
