import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatFen, formatShare } from "../../../common/format";
import type { FieldServiceReport, TechnicalOutcomeInput } from "../../../common/schemas/field-service";
import { bars, Chart } from "../../components/chart";
import { useFormDialog } from "../../components/form-dialog";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";

/**
 * 售后服务周报 and the monthly statistics (C074): the period's field service for management — volumes,
 * first-time fix, repeat visits, punctuality (C069), hours to arrive and to repair, revenue, engineers,
 * parts — the technical problems from the service reports with the weekly technical meeting's
 * conclusion on each, and the engineers' weekly summaries.
 */
export default function FieldServiceReportPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<TechnicalOutcomeInput>();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [period, setPeriod] = useState<"week" | "month">("week");
  const query = qs({ period, day: day.format("YYYY-MM-DD") });
  const report = useQuery({
    queryKey: ["work-orders", "field-report", query],
    queryFn: () => get<FieldServiceReport>(`/api/field-service/report${query}`),
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
        [t("weekly.onTarget"), formatShare(s.onTarget, s.withTarget)],
        [
          t("weekly.resolvedRemotely"),
          formatShare(s.resolvedRemotely, s.resolvedRemotely + s.resolvedOnSite),
        ],
        [t("weekly.onTime"), formatShare(s.onTime, s.appointments)],
        [t("weekly.late"), s.late],
        [t("weekly.noShows"), s.noShows],
        [t("weekly.violations"), s.violations],
        [t("weekly.avgArrive"), s.avgArriveHours ?? "—"],
        [t("weekly.avgRepair"), s.avgRepairHours ?? "—"],
        [t("weekly.revenue"), formatFen(s.revenueFen)],
        [t("weekly.confirmed"), formatFen(s.confirmedFen)],
      ]
    : [];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle title={t(`weekly.title_${period}`)} period={r ? `${r.from} ~ ${r.to}` : ""} />
      <Card
        title={t(`weekly.title_${period}`)}
        loading={report.isLoading}
        extra={
          <Space wrap>
            <Segmented
              value={period}
              onChange={(v) => setPeriod(v as "week" | "month")}
              options={[
                { value: "week", label: t("weekly.week") },
                { value: "month", label: t("weekly.month") },
              ]}
            />
            <DatePicker
              picker={period}
              allowClear={false}
              value={day}
              onChange={(v) => v && setDay(v)}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
            />
            <Button href={`/api/field-service/report/export${query}`}>{t("weekly.export")}</Button>
            <PrintButton />
          </Space>
        }
      >
        {r && (
          <>
            <Typography.Paragraph type="secondary">
              {t(`weekly.range_${r.period}`, { from: r.from, to: r.to })}
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
              scrollX={800}
              columns={[
                {
                  title: t("workOrder.engineer"),
                  render: (_, e) => (
                    <Space size={4}>
                      {e.engineer}
                      {r.period === "week" && !e.summaryFiled && <Tag>{t("weekly.noSummary")}</Tag>}
                    </Space>
                  ),
                },
                { title: t("weekly.completed"), align: "right", render: (_, e) => e.completed },
                {
                  title: t("weekly.onTime"),
                  align: "right",
                  render: (_, e) => formatShare(e.onTime, e.appointments),
                },
                { title: t("weekly.late"), align: "right", render: (_, e) => e.late },
                { title: t("weekly.noShows"), align: "right", render: (_, e) => e.noShows },
                {
                  title: t("weekly.violations"),
                  align: "right",
                  render: (_, e) => (e.violations ? <Tag color="red">{e.violations}</Tag> : 0),
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
                                    queryClient.invalidateQueries({
                                      queryKey: ["work-orders", "field-report"],
                                    }),
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
          <Card title={t("weekly.summaries")}>
            <List
              dataSource={r.summaries}
              locale={{ emptyText: <Empty description={t("weekly.noSummaries")} /> }}
              renderItem={(x) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {x.engineer}
                        <Typography.Text type="secondary">
                          {t("weekly.weekOf", { date: x.weekStart })}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={2} style={{ whiteSpace: "pre-wrap" }}>
                        <span>{x.workDone}</span>
                        {x.problems && <span>{`${t("weekSummary.problems")}：${x.problems}`}</span>}
                        {x.nextWeek && <span>{`${t("weekSummary.nextWeek")}：${x.nextWeek}`}</span>}
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
