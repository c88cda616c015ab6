import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { AgreementsTable } from "./agreements-table";

/** 服务协定: every customer's service agreement, those ending soonest first. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t("menu.agreements")}>
      <AgreementsTable />
    </Card>
  );
}
