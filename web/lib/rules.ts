import type { FormRule as Rule } from "antd";
import { useTranslation } from "react-i18next";
import { PHONE_PATTERN } from "../../common/validation";

/**
 * The checks a form makes before anything is sent, with the server's own wording and limits: a field
 * that breaks one is marked at once instead of coming back as an error after submitting.
 */
export function useFieldRules() {
  const { t } = useTranslation();
  return {
    required: { required: true, message: t("fieldProblem.required") } satisfies Rule,
    phone: { pattern: PHONE_PATTERN, message: t("fieldProblem.phone") } satisfies Rule,
    email: { type: "email", message: t("fieldProblem.email") } satisfies Rule,
    maxLength: (limit: number): Rule => ({ max: limit, message: t("fieldProblem.too_long", { limit }) }),
  };
}
