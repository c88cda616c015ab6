import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CallbackReconciliation as Report } from "../../../common/schemas/callbacks";
import { useMonth } from "../../components/month-picker";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { get, qs } from "../../lib/api";

type Row = Report["rows"][number];
type Day = Report["days"][number];

/**
 * 回访核对 (C094) and 电话回访汇总表 (C088): per callback agent, the month's callbacks against the work
 * they were for — not made by the month's end, or made about work no longer done — and per day.
 */
export default function CallbackReconciliation() {
  const { t } = useTranslation();
  const { month, picker } = useMonth();
  const query = qs({ month });
  const report = useQuery({
    queryKey: ["callback-reconciliation", month],
    queryFn: () => get<Report>(`/api/callback-reconciliation${query}`),
  });
  const flag = (n: number, color: string) => (n ? <Tag color={color}>{n}</Tag> : 0);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <PrintTitle title={t("reconciliation.title")} period={month} />
      <Card
        title={t("reconciliation.title")}
        extra={
          <Space wrap>
            {picker}
            <Button href={`/api/callback-reconciliation/export${query}`}>{t("weekly.export")}</Button>
            <PrintButton />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("reconciliation.help")}</Typography.Paragraph>
        <Table<Row>
          rowKey={(r) => r.userId ?? "none"}
          size="small"
          pagination={false}
          loading={report.isLoading}
          dataSource={report.data?.rows}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty description={t("reconciliation.empty")} /> }}
          data-testid="reconciliation-rows"
          columns={[
            { title: t("reconciliation.agent"), render: (_, r) => r.name ?? t("reconciliation.unassigned") },
            { title: t("reconciliation.due"), dataIndex: "due" },
            { title: t("callbacks.done"), dataIndex: "done" },
            { title: t("callbacks.unreachable"), dataIndex: "unreachable" },
            { title: t("reconciliation.missing"), render: (_, r) => flag(r.missing, "orange") },
            { title: t("reconciliation.unmatched"), render: (_, r) => flag(r.unmatched, "red") },
          ]}
        />
      </Card>
      <Card title={t("reconciliation.days")}>
        <Table<Day>
          rowKey="day"
          size="small"
          pagination={false}
          loading={report.isLoading}
          dataSource={report.data?.days}
          scroll={{ x: 560 }}
          columns={[
            { title: t("callbacks.day"), dataIndex: "day" },
            { title: t("reconciliation.due"), dataIndex: "due" },
            { title: t("callbacks.done"), dataIndex: "done" },
            { title: t("callbacks.unreachable"), dataIndex: "unreachable" },
            { title: t("workOrder.satisfiedYes"), dataIndex: "satisfied" },
            { title: t("workOrder.satisfiedNo"), dataIndex: "unsatisfied" },
          ]}
        />
      </Card>
      {(["missing", "unmatched"] as const).map((kind) =>
        report.data?.[kind].length ? (
          <Card key={kind} title={t(`reconciliation.${kind}List`)} size="small">
            <Space wrap>
              {report.data[kind].map((m) => (
                <Link key={m.taskId} to={`/tickets/${m.ticketId}`}>
                  {m.number}（{m.assignee ?? t("reconciliation.unassigned")}）
                </Link>
              ))}
            </Space>
          </Card>
        ) : null,
      )}
    </Space>
  );
}
