import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Segmented, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CallbackTask } from "../../../common/schemas/field-service";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

const PAGE_SIZE = 20;

/** 回访任务: calls due to customers — mine or all I may see — done by recording the callback on the ticket. */
export default function CallbacksPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<"mine" | "all">("mine");
  const [status, setStatus] = useState<"open" | "done">("open");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["tickets", "callbacks", scope, status, page],
    queryFn: () =>
      get<{ items: CallbackTask[]; total: number }>(
        `/api/callback-tasks${qs({ scope, status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  return (
    <Card
      title={t("menu.callbacks")}
      extra={
        <Space wrap>
          <Segmented
            value={scope}
            onChange={(v) => {
              setScope(v as "mine" | "all");
              setPage(1);
            }}
            options={[
              { value: "mine", label: t("callbacks.mine") },
              { value: "all", label: t("callbacks.all") },
            ]}
          />
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as "open" | "done");
              setPage(1);
            }}
            options={[
              { value: "open", label: t("callbacks.open") },
              { value: "done", label: t("callbacks.done") },
            ]}
          />
        </Space>
      }
    >
      <ResponsiveTable<CallbackTask>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("callbacks.empty")} />}
        scrollX={800}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("callbacks.dueOn"),
            render: (_, r) => <span data-testid="callback-due">{r.dueOn}</span>,
          },
          {
            title: t("ticket.number"),
            render: (_, r) => <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>,
          },
          { title: t("ticket.title"), render: (_, r) => r.title, ellipsis: true },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          { title: t("callbacks.reason"), render: (_, r) => t(`callbacks.reason_${r.reason}`) },
          {
            title: t("callbacks.result"),
            render: (_, r) =>
              r.status === "done" ? (
                <Space>
                  <Tag color={r.satisfied ? "green" : "red"}>
                    {r.satisfied ? t("workOrder.satisfiedYes") : t("workOrder.satisfiedNo")}
                  </Tag>
                  {r.result} {formatTime(r.doneAt)}
                </Space>
              ) : (
                <Tag color="orange">{t("callbacks.open")}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
