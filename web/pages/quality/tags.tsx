import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { QaInspectionRow } from "../../../common/schemas/quality";

export const InspectionStatus = ({ row }: { row: Pick<QaInspectionRow, "status" | "passed"> }) => {
  const { t } = useTranslation();
  const color = { open: "blue", scored: row.passed ? "green" : "red", appealed: "orange", final: "default" }[
    row.status
  ];
  return <Tag color={color}>{t(`quality.status_${row.status}`)}</Tag>;
};

/** The record inspected: its ticket or work order, or a mystery contact / observation. */
export const InspectionSubject = ({ row }: { row: QaInspectionRow }) => {
  const { t } = useTranslation();
  if (!row.subject) return <>{t("quality.subject_none")}</>;
  return (
    <Space size={4} wrap>
      <Tag>{t(`quality.subject_${row.subject}`)}</Tag>
      {row.workOrderNumber ?? row.ticketNumber}
    </Space>
  );
};
