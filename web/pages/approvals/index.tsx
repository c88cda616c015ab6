import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen } from "../../../common/format";
import { get } from "../../lib/api";
import { formatTime } from "../../lib/format";

type InboxRow = {
  id: string;
  amountFen: number;
  level: number;
  chain: string[];
  createdAt: string;
  ticketId: string;
  number: string;
  title: string;
  severity: "minor" | "normal" | "major";
};

/** 待我审批: complaint handling plans waiting at a level whose role I hold. */
export default function ApprovalInbox() {
  const { t } = useTranslation();
  const inbox = useQuery({
    queryKey: ["approvals", "inbox"],
    queryFn: () => get<InboxRow[]>("/api/approvals/inbox"),
  });
  return (
    <Card title={t("complaint.inbox")}>
      <Table<InboxRow>
        rowKey="id"
        size="small"
        loading={inbox.isLoading}
        dataSource={inbox.data}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty description={t("complaint.inboxEmpty")} /> }}
        columns={[
          {
            title: t("ticket.number"),
            render: (_, r) => <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>,
          },
          { title: t("ticket.title"), dataIndex: "title", ellipsis: true },
          {
            title: t("complaint.severity"),
            render: (_, r) => <Tag>{t(`complaintSeverity.${r.severity}`)}</Tag>,
          },
          { title: t("complaint.amountYuan"), render: (_, r) => formatFen(r.amountFen) },
          {
            title: t("complaint.approval"),
            render: (_, r) => t("complaint.levelOf", { level: r.level + 1, of: r.chain.length }),
          },
          { title: t("ticket.createdAt"), render: (_, r) => formatTime(r.createdAt) },
        ]}
      />
    </Card>
  );
}
