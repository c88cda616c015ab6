import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { FollowUp } from "../../../common/schemas/callbacks";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatusTag } from "../../components/ticket-tags";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { FilterSwitch } from "./call-parts";

const PAGE_SIZE = 20;

/**
 * 不满意跟进 (C093): the follow-ups of unsatisfied customers, for the supervisors to track to their final
 * result — where each stands, who owns it, whether it ran late, and what the customer said at the end.
 */
export default function FollowUps() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<"open" | "done">("open");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["tickets", "follow-ups", status, page],
    queryFn: () =>
      get<{ items: FollowUp[]; total: number }>(
        `/api/follow-ups${qs({ status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  return (
    <Card
      title={t("callbacks.view_followUps")}
      extra={
        <FilterSwitch
          value={status}
          onChange={setStatus}
          setPage={setPage}
          options={[
            ["open", t("followUps.open")],
            ["done", t("followUps.done")],
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t("followUps.help")}</Typography.Paragraph>
      <ResponsiveTable<FollowUp & { id: string }>
        dataSource={list.data?.items.map((f) => ({ ...f, id: f.ticketId }))}
        loading={list.isLoading}
        emptyText={<Empty description={t("followUps.empty")} />}
        scrollX={1100}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("ticket.number"),
            render: (_, r) => (
              <Space size={4} wrap>
                <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>
                {r.overdue && <Tag color="red">{t("followUps.overdue")}</Tag>}
              </Space>
            ),
          },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          { title: t("followUps.source"), render: (_, r) => t(`followUps.source_${r.source}`) },
          { title: t("followUps.owner"), render: (_, r) => r.owner ?? "—" },
          { title: t("followUps.openedAt"), render: (_, r) => formatTime(r.openedAt) },
          { title: t("ticket.status"), render: (_, r) => <StatusTag status={r.status} /> },
          { title: t("followUps.resolution"), render: (_, r) => r.resolution ?? "—", ellipsis: true },
          {
            title: t("followUps.final"),
            render: (_, r) =>
              r.finalSatisfied === null ? (
                "—"
              ) : (
                <Tag color={r.finalSatisfied ? "green" : "red"}>
                  {r.finalSatisfied ? t("workOrder.satisfiedYes") : t("workOrder.satisfiedNo")}
                </Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
