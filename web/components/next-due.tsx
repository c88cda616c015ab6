import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TicketSummary } from "../../common/schemas/tickets";
import { formatTime } from "../lib/format";

/** The next time limit: which one and when, red once it is missed, orange within two hours. */
export function NextDue({ due }: { due: TicketSummary["nextDue"] }) {
  const { t } = useTranslation();
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  const soon = Date.parse(due.dueAt) - Date.now() < 2 * 3_600_000;
  return (
    <Tag color={due.breached ? "red" : soon ? "orange" : "default"} data-testid="next-due">
      {t(`slaMetric.${due.metric}`)} {formatTime(due.dueAt)}
      {due.breached && ` · ${t("ticket.overdue")}`}
    </Tag>
  );
}
