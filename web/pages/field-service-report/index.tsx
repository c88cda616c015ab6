import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, DatePicker, Empty, Input, List, Row, Space, Statistic, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatShare } from "../../../common/format";
import type { WeeklyReport } from "../../../common/schemas/field-service";
import { bars, Chart } from "../../components/chart";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { formatFen } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";

/**
 * 售后服务周报 (C074): the week's field service for management — volumes, first-time fix, repeat
 * visits, on-time arrival, hours to arrive and to repair, revenue, engineers, parts — and the technical
 * problems from the service reports, with the weekly technical meeting's conclusion on each.
 */
export default function FieldServiceReportPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const week = day.format("YYYY-MM-DD");
  const report = useQuery({
    queryKey: ["work-orders", "weekly", week],
    queryFn: () => get<WeeklyReport>(`/api/field-service/weekly-report${qs({ week })}`),
  });
  const r = report.data;
  const s = r?.summary;
  const canConclude = hasCapability(me, "workorder.dispatch");
  const stats: [string, string | number][] = s
    ? [
        [t("weekly.created"), s.created],
        [t("weekly.completed"), s.completed],
        [t("weekly.firstTimeFix"), formatShare(s.firstTimeFixed, s.completed)],
        [t("weekly.repeatVisits"), s.repeatVisits],
        [t("weekly.takenBack"), s.takenBack],
        [t("weekly.onTime"), formatShare(s.onTime, s.arrived)],
        [t("weekly.avgArrive"), s.avgArriveHours ?? "—"],
        [t("weekly.avgRepair"), s.avgRepairHours ?? "—"],
        [t("weekly.revenue"), formatFen(s.revenueFen)],
        [t("weekly.confirmed"), formatFen(s.confirmedFen)],
      ]
    : [];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={t("menu.fieldServiceReport")}
        loading={report.isLoading}
        extra={
          <Space wrap>
            <DatePicker
              picker="week"
              allowClear={false}
              value={day}
              onChange={(v) => v && setDay(v)}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
            />
            <Button href={`/api/field-service/weekly-report/export${qs({ week })}`}>
              {t("weekly.export")}
            </Button>
          </Space>
        }
      >
        {r && (
          <>
            <Typography.Paragraph type="secondary">
              {t("weekly.range", { from: r.weekStart, to: r.weekEnd })}
            </Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {stats.map(([title, value]) => (
                <Col key={title} xs={12} md={6} xl={4}>
                  <Statistic title={title} value={value} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </Card>
      {r && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t("weekly.byDay")}>
                <Chart
                  testId="weekly-days"
                  option={bars(
                    r.days.map((d) => d.day.slice(5)),
                    r.days.map((d) => d.completed),
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t("weekly.byKind")}>
                {r.kinds.length ? (
                  <Chart
                    option={{
                      tooltip: { trigger: "item" },
                      series: [
                        {
                          type: "pie",
                          radius: ["35%", "65%"],
                          data: r.kinds.map((k) => ({
                            name: t(`workOrderKind.${k.kind}`),
                            value: k.completed,
                          })),
                        },
                      ],
                    }}
                  />
                ) : (
                  <Empty description={t("weekly.nothingCompleted")} />
                )}
              </Card>
            </Col>
          </Row>
          <Card title={t("weekly.engineers")}>
            <ResponsiveTable
              dataSource={r.engineers.map((e) => ({ ...e, id: e.engineer }))}
              emptyText={<Empty description={t("weekly.nothingCompleted")} />}
              scrollX={500}
              columns={[
                { title: t("workOrder.engineer"), render: (_, e) => e.engineer },
                { title: t("weekly.completed"), align: "right", render: (_, e) => e.completed },
                {
                  title: t("weekly.onTime"),
                  align: "right",
                  render: (_, e) => formatShare(e.onTime, e.arrived),
                },
                { title: t("weekly.avgRepair"), align: "right", render: (_, e) => e.avgRepairHours ?? "—" },
              ]}
            />
          </Card>
          <Card title={t("weekly.parts")}>
            <ResponsiveTable
              dataSource={r.parts.map((p) => ({ ...p, id: p.code }))}
              emptyText={<Empty description={t("weekly.noParts")} />}
              scrollX={400}
              columns={[
                { title: t("stock.code"), render: (_, p) => p.code },
                { title: t("stock.name"), render: (_, p) => p.name },
                { title: t("stock.quantity"), align: "right", render: (_, p) => `${p.used} ${p.unit}` },
              ]}
            />
          </Card>
          <Card title={t("weekly.problems")}>
            <List
              dataSource={r.problems}
              locale={{ emptyText: <Empty description={t("weekly.noProblems")} /> }}
              renderItem={(p) => (
                <List.Item
                  data-testid={`problem-${p.number}`}
                  actions={
                    canConclude
                      ? [
                          <Button
                            key="conclude"
                            size="small"
                            onClick={() =>
                              setOpen({
                                title: t("weekly.concludeTitle", { number: p.number }),
                                initial: { outcome: p.outcome ?? undefined },
                                save: (v) =>
                                  post(`/api/work-orders/${p.id}/technical-outcome`, v).then(() =>
                                    queryClient.invalidateQueries({ queryKey: ["work-orders", "weekly"] }),
                                  ),
                              })
                            }
                          >
                            {t("weekly.conclude")}
                          </Button>,
                        ]
                      : undefined
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/work-orders/${p.id}`}>{p.number}</Link>
                        {p.product}
                        <Typography.Text type="secondary">{p.engineer}</Typography.Text>
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={2}>
                        <span>{p.problem}</span>
                        <Typography.Text type={p.outcome ? "success" : "warning"}>
                          {p.outcome ? `${t("weekly.outcome")}：${p.outcome}` : t("weekly.noOutcome")}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
      {dialog(
        <RequiredField name="outcome" label={t("weekly.outcome")}>
          <Input.TextArea rows={3} />
        </RequiredField>,
      )}
    </Space>
  );
}
