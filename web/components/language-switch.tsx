import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { LOCALE_STORAGE_KEY } from "../i18n";

const OPTIONS = [
  { value: "zh-CN", label: "简体中文" },
  { value: "zh-TW", label: "繁體中文" },
  { value: "en-US", label: "English" },
];

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Select
      aria-label={t("common.language")}
      size="small"
      value={i18n.language}
      options={OPTIONS}
      style={{ width: 110 }}
      onChange={(value) => {
        localStorage.setItem(LOCALE_STORAGE_KEY, value);
        void i18n.changeLanguage(value);
      }}
    />
  );
}
