import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../common/enums";
import {
  CAUSE_CATEGORY_LABELS,
  CHANNEL_LABELS,
  COMPENSATION_KIND_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STEP_LABELS,
  PRIORITY_LABELS,
  REPAIR_RETURN_STATUS_LABELS,
  SLA_METRIC_LABELS,
  STATUS_LABELS,
  TYPE_LABELS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_STATUS_LABELS,
} from "../common/labels";
import { FIELD_PROBLEMS } from "../common/validation";
import enUS from "./locales/en-US";
import zhCN from "./locales/zh-CN";
import zhTW from "./locales/zh-TW";

const pick = <K extends string>(labels: Record<K, Record<Locale, string>>, locale: Locale) =>
  Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [key, (value as Record<Locale, string>)[locale]]),
  );

const resources = Object.fromEntries(
  (
    [
      ["zh-CN", zhCN],
      ["en-US", enUS],
      ["zh-TW", zhTW],
    ] as const
  ).map(([locale, messages]) => [
    locale,
    {
      translation: {
        ...messages,
        ticketStatus: pick(STATUS_LABELS, locale),
        ticketType: pick(TYPE_LABELS, locale),
        channel: pick(CHANNEL_LABELS, locale),
        priority: pick(PRIORITY_LABELS, locale),
        slaMetric: pick(SLA_METRIC_LABELS, locale),
        workOrderKind: pick(WORK_ORDER_KIND_LABELS, locale),
        workOrderStatus: pick(WORK_ORDER_STATUS_LABELS, locale),
        repairReturnStatus: pick(REPAIR_RETURN_STATUS_LABELS, locale),
        complaintStep: pick(COMPLAINT_STEP_LABELS, locale),
        complaintClass: pick(COMPLAINT_CLASS_LABELS, locale),
        complaintSeverity: pick(COMPLAINT_SEVERITY_LABELS, locale),
        compensationKind: pick(COMPENSATION_KIND_LABELS, locale),
        causeCategory: pick(CAUSE_CATEGORY_LABELS, locale),
        // What a field needs, worded as the server words it: "{limit}" becomes i18next's "{{limit}}".
        fieldProblem: Object.fromEntries(
          Object.entries(pick(FIELD_PROBLEMS, locale)).map(([key, text]) => [
            key,
            text.replace("{limit}", "{{limit}}"),
          ]),
        ),
      },
    },
  ]),
);

export const LOCALE_STORAGE_KEY = "kefu.locale";

/**
 * The language someone chose here before, else the first of their browser's languages we speak:
 * traditional Chinese (zh-TW, zh-HK, zh-Hant…) as 繁體中文, any English as English, else 简体中文.
 */
function initialLocale(): Locale {
  const chosen = localStorage.getItem(LOCALE_STORAGE_KEY);
  if (chosen && chosen in resources) return chosen as Locale;
  for (const tag of navigator.languages ?? []) {
    if (/^zh-(TW|HK|MO|Hant)/i.test(tag)) return "zh-TW";
    if (/^zh/i.test(tag)) return "zh-CN";
    if (/^en/i.test(tag)) return "en-US";
  }
  return "zh-CN";
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
});

export default i18n;
