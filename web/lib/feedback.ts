import { App } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api";

/** Shows a failure the way the server worded it (already in the user's language). */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error: unknown) => {
    message.error(error instanceof ApiError ? error.message : t("error.network"));
  };
}
