import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ComplaintAnalysis } from "../../../common/schemas/complaints";
import { bars, Chart, type ChartOption } from "../../components/chart";
import { useMonth } from "../../components/month-picker";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

/** 月度客诉分析 (C062): Pareto of causes, by product and department, repeat complaints. */
export default function ComplaintAnalysisPage() {
  const { t } = useTranslation();
  const { month: key, picker } = useMonth();
  const query = useQuery({
    queryKey: ["complaint-analysis", key],
    queryFn: () => get<ComplaintAnalysis>(`/api/complaints/analysis${qs({ month: key })}`),
  });
  const a = query.data;
  const pareto = useMemo<ChartOption | null>(
    () =>
      a
        ? {
            tooltip: { trigger: "axis" },
            legend: { top: 0, data: [t("analysis.count"), t("analysis.cumulative")] },
            grid: { left: 40, right: 48, top: 40, bottom: 40 },
            xAxis: {
              type: "category",
              data: a.causes.map((c) => (c.key ? t(`causeCategory.${c.key}`) : t("analysis.notAnalysed"))),
            },
            yAxis: [
              { type: "value", minInterval: 1 },
              { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
            ],
            series: [
              { name: t("analysis.count"), type: "bar", data: a.causes.map((c) => c.count), barMaxWidth: 48 },
              {
                name: t("analysis.cumulative"),
                type: "line",
                yAxisIndex: 1,
                data: a.causes.map((c) => c.cumulativePercent),
              },
            ],
          }
        : null,
    [a, t],
  );
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle title={t("menu.complaintAnalysis")} period={key} />
      <Card>
        <Space wrap size={24}>
          {picker}
          <Statistic
            title={t("analysis.complaintTickets")}
            value={a?.complaintTickets ?? 0}
            loading={query.isLoading}
          />
          <Statistic title={t("analysis.total")} value={a?.total ?? 0} loading={query.isLoading} />
          <Statistic
            title={t("analysis.withoutRecord")}
            value={a?.withoutRecord.count ?? 0}
            loading={query.isLoading}
            valueStyle={a?.withoutRecord.count ? { color: "#d4380d" } : undefined}
          />
          <Button href={`/api/complaints/analysis/export${qs({ month: key })}`}>{t("overdue.export")}</Button>
          <PrintButton />
        </Space>
      </Card>
      {a && a.withoutRecord.count > 0 && (
        <Card title={t("analysis.withoutRecord")} data-testid="without-record">
          <Alert
            type="warning"
            showIcon
            message={t("analysis.withoutRecordHint")}
            style={{ marginBottom: 12 }}
          />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={a.withoutRecord.tickets}
            scroll={{ x: true }}
            columns={[
              {
                title: t("ticket.number"),
                dataIndex: "number",
                render: (number: string, r) => <Link to={`/tickets/${r.id}`}>{number}</Link>,
              },
              { title: t("ticket.title"), dataIndex: "title" },
              {
                title: t("analysis.receivedAt"),
                dataIndex: "receivedAt",
                render: (v: string) => formatTime(v),
              },
            ]}
          />
        </Card>
      )}
      {a && a.total === 0 && a.complaintTickets === 0 ? (
        <Card>
          <Empty description={t("analysis.empty")} />
        </Card>
      ) : (
        a &&
        a.total > 0 && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t("analysis.pareto")}>{pareto && <Chart option={pareto} testId="pareto" />}</Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t("analysis.byDepartment")}>
                <Chart
                  option={bars(
                    a.departments.map((d) => d.name ?? t("analysis.undecided")),
                    a.departments.map((d) => d.count),
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t("analysis.byProduct")}>
                <Chart
                  option={bars(
                    a.products.map((p) => p.key ?? t("analysis.noPart")),
                    a.products.map((p) => p.count),
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t("analysis.byCategory")}>
                <Chart
                  option={{
                    tooltip: { trigger: "item" },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: "pie",
                        radius: ["35%", "65%"],
                        data: a.categories.map((c) => ({ name: c.name, value: c.count })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <Card title={t("analysis.repeat")}>
                <Table
                  size="small"
                  rowKey={(r) => r.key ?? ""}
                  pagination={false}
                  dataSource={a.repeatCustomers}
                  locale={{ emptyText: t("analysis.noRepeat") }}
                  columns={[
                    { title: t("ticket.customer"), dataIndex: "name" },
                    { title: t("analysis.complaints12m"), dataIndex: "count" },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        )
      )}
    </Space>
  );
}
