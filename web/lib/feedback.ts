import { App, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, NetworkError } from "./api";

/**
 * Shows a failure in the user's language: the server's own message, "network" only when the server
 * could not be reached, and the message of a check made in the browser (already translated).
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error: unknown) => {
    if (isFormCheck(error)) return;
    if (error instanceof ApiError) message.error(error.message);
    else if (error instanceof NetworkError) message.error(t("error.network"));
    else message.error(error instanceof Error && error.message ? error.message : t("error.unexpected"));
  };
}

/** antd's rejection of a form whose fields need attention: the form marks them itself. */
const isFormCheck = (error: unknown) => typeof error === "object" && error !== null && "errorFields" in error;

/**
 * The form's values, or null when a field needs attention — the form marks those fields, so a failed
 * check is neither reported again nor left as an unhandled rejection.
 */
export function validFields<T>(form: FormInstance<T>, names?: (keyof T & string)[]): Promise<T | null> {
  return (names ? form.validateFields(names) : form.validateFields()).catch((error: unknown) => {
    if (isFormCheck(error)) return null;
    throw error;
  });
}
