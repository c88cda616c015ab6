import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { SupervisionReport } from "../../../common/schemas/quality";
import { useMonth } from "../../components/month-picker";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatTiles } from "../../components/stat-tiles";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

type Line = SupervisionReport["departments"][number] & { id: string };

/** 服务监督报告 (C113): the month per executing department, as reported (or to be reported) to the general manager. */
export function SupervisionReportTab({ initialMonth }: { initialMonth: string | null }) {
  const { t } = useTranslation();
  const { month, picker } = useMonth(initialMonth);
  const query = qs({ month });
  const data = useQuery({
    queryKey: ["qa-supervision-report", month],
    queryFn: () => get<{ report: SupervisionReport; sent: boolean }>(`/api/qa-supervision-report${query}`),
  });
  const report = data.data?.report;
  const lines: Line[] = report
    ? [
        ...report.departments.map((d) => ({
          ...d,
          id: d.department ?? "-",
          department: d.department ?? t("quality.noDepartment"),
        })),
        { ...report.total, id: "total", department: t("quality.total_row") },
      ]
    : [];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle title={t("quality.tabReport")} period={month} />
      <Space wrap>
        {picker}
        <Button href={`/api/qa-supervision-report/export${query}`}>{t("weekly.export")}</Button>
        <PrintButton />
      </Space>
      {data.data && (
        <Alert
          type={data.data.sent ? "success" : "info"}
          showIcon
          message={
            data.data.sent
              ? t("quality.reportSent", { at: formatTime(data.data.report.generatedAt) })
              : t("quality.reportLive")
          }
        />
      )}
      {report && (
        <StatTiles
          items={[
            { title: t("quality.inspected"), value: report.total.inspected },
            { title: t("quality.averageScore"), value: report.total.averageScore ?? "—" },
            { title: t("quality.passRate"), value: formatShare(report.total.passed, report.total.inspected) },
            {
              title: t("quality.completeRate"),
              value: formatShare(report.total.completeRecords, report.total.records),
            },
          ]}
        />
      )}
      <ResponsiveTable<Line>
        dataSource={lines}
        loading={data.isLoading}
        emptyText={<Empty description={t("quality.emptyReport")} />}
        scrollX={1100}
        columns={[
          { title: t("quality.department"), render: (_, r) => r.department },
          { title: t("quality.inspected"), align: "right", render: (_, r) => r.inspected },
          { title: t("quality.averageScore"), align: "right", render: (_, r) => r.averageScore ?? "—" },
          {
            title: t("quality.passRate"),
            align: "right",
            render: (_, r) => formatShare(r.passed, r.inspected),
          },
          { title: t("quality.mystery"), align: "right", render: (_, r) => r.mystery },
          { title: t("quality.appeals"), align: "right", render: (_, r) => `${r.appeals} / ${r.revised}` },
          { title: t("quality.rectifications"), align: "right", render: (_, r) => r.rectifications },
          { title: t("quality.rectified"), align: "right", render: (_, r) => r.rectified },
          { title: t("quality.rectOverdue"), align: "right", render: (_, r) => r.rectificationsOverdue },
          { title: t("quality.retraining"), align: "right", render: (_, r) => r.retraining },
          {
            title: t("quality.completeRate"),
            align: "right",
            render: (_, r) => formatShare(r.completeRecords, r.records),
          },
        ]}
      />
      {report && report.failures.length > 0 && (
        <>
          <Typography.Title level={5}>{t("quality.failures")}</Typography.Title>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            scroll={{ x: 700 }}
            dataSource={report.failures}
            columns={[
              {
                title: t("quality.agent"),
                render: (_, f) => [f.agent, f.department].filter(Boolean).join(" · "),
              },
              { title: t("quality.total"), dataIndex: "total", align: "right" },
              { title: t("quality.findings"), dataIndex: "findings" },
            ]}
          />
        </>
      )}
    </Space>
  );
}
