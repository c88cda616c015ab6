import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { CallbackSampleReport } from "../../../common/schemas/callbacks";
import { useMonth } from "../../components/month-picker";
import { PriorityTag } from "../../components/ticket-tags";
import { get, qs } from "../../lib/api";

/**
 * 抽样回访 (C086): each day's draw with its seed and rates — anybody can draw again and get the same
 * tickets — and, per priority, the share of the month's resolved tickets called back against the rate.
 */
export default function CallbackSamples() {
  const { t } = useTranslation();
  const { month, picker } = useMonth();
  const report = useQuery({
    queryKey: ["callback-samples", month],
    queryFn: () => get<CallbackSampleReport>(`/api/callback-samples${qs({ month })}`),
  });
  type Attained = CallbackSampleReport["byPriority"][number];
  type Sample = CallbackSampleReport["samples"][number];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card title={t("callbacks.attainment")} extra={picker}>
        <Table<Attained>
          rowKey="priority"
          size="small"
          pagination={false}
          loading={report.isLoading}
          dataSource={report.data?.byPriority}
          scroll={{ x: 560 }}
          columns={[
            { title: t("ticket.priority"), render: (_, r) => <PriorityTag priority={r.priority} /> },
            { title: t("callbacks.resolved"), dataIndex: "resolved" },
            { title: t("callbacks.drawn"), dataIndex: "drawn" },
            { title: t("callbacks.called"), dataIndex: "called" },
            {
              title: t("callbacks.attained"),
              render: (_, r) =>
                r.attained === null ? (
                  "—"
                ) : (
                  <Tag color={r.attained >= r.target ? "green" : "orange"}>
                    {formatShare(r.called, r.resolved)}
                  </Tag>
                ),
            },
            { title: t("callbacks.rate"), render: (_, r) => formatShare(r.target, 1) },
          ]}
        />
      </Card>
      <Card title={t("callbacks.samples")}>
        <Table<Sample>
          rowKey="id"
          size="small"
          loading={report.isLoading}
          dataSource={report.data?.samples}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description={t("callbacks.noSamples")} /> }}
          columns={[
            { title: t("callbacks.day"), dataIndex: "day" },
            { title: t("callbacks.resolved"), dataIndex: "population" },
            { title: t("callbacks.drawn"), dataIndex: "drawn" },
            { title: t("callbacks.called"), dataIndex: "called" },
            { title: t("callbacks.unreachable"), dataIndex: "unreachable" },
            { title: t("callbacks.unsatisfied"), dataIndex: "unsatisfied" },
            {
              title: t("callbacks.seed"),
              render: (_, r) => (
                <Typography.Text code copyable style={{ fontSize: 12 }}>
                  {r.seed}
                </Typography.Text>
              ),
            },
            {
              title: t("callbacks.rates"),
              render: (_, r) =>
                (["P1", "P2", "P3", "P4"] as const)
                  .map((p) => `${p} ${formatShare(r.rates[p], 1)}`)
                  .join(" · "),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
