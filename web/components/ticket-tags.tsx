import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const STATUS_COLORS: Record<string, string> = {
  new: "blue",
  accepted: "cyan",
  in_progress: "processing",
  waiting_customer: "gold",
  on_hold: "default",
  resolved: "green",
  callback_done: "lime",
  closed: "default",
};
const PRIORITY_COLORS: Record<string, string> = { P1: "red", P2: "orange", P3: "blue", P4: "default" };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`ticketStatus.${status}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLORS[priority]}>{t(`priority.${priority}`)}</Tag>;
}

export function GreenChannelTag() {
  const { t } = useTranslation();
  return <Tag color="success">{t("ticket.greenChannel")}</Tag>;
}
