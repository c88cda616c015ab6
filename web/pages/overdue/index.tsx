import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Input, Select, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { SLA_METRICS, type SlaMetric } from "../../../common/enums";
import { formatShare } from "../../../common/format";
import type { BreachDto, BreachReasonInput, OverdueReportRow } from "../../../common/schemas/service-time";
import { useFormDialog } from "../../components/form-dialog";
import { useMonth } from "../../components/month-picker";
import { RequiredField } from "../../components/required-field";
import { StatusTag } from "../../components/ticket-tags";
import { api, get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";

function BreachList({ month }: { month: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const [departmentId, setDepartmentId] = useState<string>();
  const [metric, setMetric] = useState<SlaMetric>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["breaches", month, departmentId, metric, page],
    queryFn: () =>
      get<{ items: BreachDto[]; total: number }>(
        `/api/sla/breaches${qs({ month, departmentId, metric, page, pageSize: 20 })}`,
      ),
  });
  const { setOpen, dialog } = useFormDialog<{ reason: string }>();
  const explain = (b: BreachDto) =>
    setOpen({
      title: `${t("overdue.explain")} · ${b.number}`,
      initial: { reason: b.reason ?? "" },
      save: async (v) => {
        await api("PUT", `/api/sla/breaches/${b.id}/reason`, {
          reason: v.reason,
        } satisfies BreachReasonInput);
        await queryClient.invalidateQueries({ queryKey: ["breaches"] });
      },
    });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("overdue.allDepartments")}
          style={{ width: 180 }}
          value={departmentId}
          onChange={(v) => {
            setDepartmentId(v);
            setPage(1);
          }}
          options={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          allowClear
          placeholder={t("overdue.allMetrics")}
          style={{ width: 160 }}
          value={metric}
          onChange={(v) => {
            setMetric(v);
            setPage(1);
          }}
          options={SLA_METRICS.map((m) => ({ value: m, label: t(`slaMetric.${m}`) }))}
        />
      </Space>
      <Table<BreachDto>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t("overdue.empty")} /> }}
        scroll={{ x: 1100 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total,
          onChange: setPage,
          showTotal: (count) => t("common.total", { count }),
        }}
        columns={[
          {
            title: t("ticket.number"),
            render: (_, b) => <Link to={`/tickets/${b.ticketId}`}>{b.number}</Link>,
          },
          { title: t("ticket.title"), dataIndex: "title", ellipsis: true },
          { title: t("ticket.status"), render: (_, b) => <StatusTag status={b.ticketStatus} /> },
          { title: t("overdue.metric"), render: (_, b) => t(`slaMetric.${b.metric}`) },
          { title: t("overdue.dueAt"), render: (_, b) => formatTime(b.dueAt) },
          { title: t("ticket.department"), render: (_, b) => b.department?.name ?? "—" },
          { title: t("ticket.assignee"), render: (_, b) => b.assignee?.name ?? "—" },
          {
            title: t("overdue.reason"),
            width: 300,
            render: (_, b) => (
              <Space>
                {b.reason ?? <Typography.Text type="secondary">{t("overdue.noReason")}</Typography.Text>}
                {b.canExplain && (
                  <Button size="small" onClick={() => explain(b)}>
                    {t("overdue.explain")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <RequiredField name="reason" label={t("overdue.reason")}>
          <Input.TextArea rows={3} maxLength={500} />
        </RequiredField>,
      )}
    </>
  );
}

function MonthlyReport({ month }: { month: string }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ["overdue-report", month],
    queryFn: () => get<OverdueReportRow[]>(`/api/sla/overdue-report${qs({ month })}`),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button href={`/api/sla/overdue-report/export${qs({ month })}`}>{t("overdue.export")}</Button>
      </Space>
      <Table<OverdueReportRow>
        rowKey={(r) => r.departmentId ?? "none"}
        size="small"
        loading={report.isLoading}
        dataSource={report.data}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t("overdue.empty")} /> }}
        columns={[
          { title: t("ticket.department"), render: (_, r) => r.departmentName ?? t("overdue.noDepartment") },
          { title: t("overdue.due"), dataIndex: "due" },
          { title: t("overdue.met"), dataIndex: "met" },
          { title: t("overdue.attainment"), render: (_, r) => formatShare(r.met, r.due) },
          {
            title: t("overdue.breached"),
            children: SLA_METRICS.map((m) => ({
              title: t(`slaMetric.${m}`),
              render: (_: unknown, r: OverdueReportRow) => r.breaches[m] || "",
            })),
          },
          { title: t("overdue.explained"), dataIndex: "explained" },
          { title: t("overdue.stillOverdue"), dataIndex: "stillOverdue" },
        ]}
      />
    </>
  );
}

/**
 * 逾期管理 (C047): the month's overdue list with reasons, and the monthly report per department; a link
 * may name the month (?month=2026-11).
 */
export default function OverduePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const { month: key, picker } = useMonth(params.get("month"));
  const canReport = Boolean(me?.capabilities.includes("report.view"));
  return (
    <Card extra={picker}>
      <Tabs
        items={[
          { key: "list", label: t("overdue.list"), children: <BreachList month={key} /> },
          ...(canReport
            ? [{ key: "report", label: t("overdue.report"), children: <MonthlyReport month={key} /> }]
            : []),
        ]}
      />
    </Card>
  );
}
