import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Segmented, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatShare } from "../../../common/format";
import type {
  ReportSubscription,
  SubscriptionInput,
  TrendBucket,
  TrendReport,
} from "../../../common/schemas/reports";
import { bars, Chart, type ChartOption } from "../../components/chart";
import { useFormDialog } from "../../components/form-dialog";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post, qs } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { useFieldRules } from "../../lib/rules";

type Granularity = "week" | "month";
const share = (m: { met: number; breached: number }) =>
  m.met + m.breached ? m.met / (m.met + m.breached) : null;
const pct = (v: number | null) => (v === null ? "—" : formatShare(v, 1));

/** Lines of shares (0–1) over the periods, shown as percentages. */
const lines = (keys: string[], series: { name: string; data: (number | null)[] }[]): ChartOption => ({
  tooltip: {
    trigger: "axis",
    valueFormatter: (v: unknown) => (typeof v === "number" ? `${Math.round(v * 1000) / 10}%` : "—"),
  },
  legend: { bottom: 0 },
  grid: { left: 48, right: 16, top: 16, bottom: 72 },
  xAxis: { type: "category", data: keys },
  yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
  series: series.map((s) => ({ type: "line", name: s.name, data: s.data, connectNulls: true })),
});

/** Stacked bars of counts by a key (channel, type) over the periods. */
const stacked = (
  buckets: TrendBucket[],
  pick: (b: TrendBucket) => Record<string, number>,
  label: (k: string) => string,
): ChartOption => {
  const keys = [...new Set(buckets.flatMap((b) => Object.keys(pick(b))))];
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 72 },
    xAxis: { type: "category", data: buckets.map((b) => b.key) },
    yAxis: { type: "value", minInterval: 1 },
    series: keys.map((k) => ({
      type: "bar",
      stack: "all",
      name: label(k),
      data: buckets.map((b) => pick(b)[k] ?? 0),
    })),
  };
};

/** 订阅周报/月报: emailed when each week or month ends. */
function Subscriptions() {
  const { t } = useTranslation();
  const rules = useFieldRules();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const subs = useQuery({
    queryKey: ["report-subscriptions"],
    queryFn: () => get<ReportSubscription[]>("/api/report-subscriptions"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["report-subscriptions"] });
  const { setOpen, dialog } = useFormDialog<{ email?: string }>();
  return (
    <Space wrap>
      {(["week", "month"] as const).map((cadence) => {
        const sub = subs.data?.find((s) => s.cadence === cadence);
        return sub ? (
          <Tag
            key={cadence}
            color="green"
            closable
            onClose={(e) => {
              e.preventDefault();
              api("DELETE", `/api/report-subscriptions/${sub.id}`).then(refresh, showError);
            }}
          >
            {t(`trends.subscribed_${cadence}`, { email: sub.email })}
          </Tag>
        ) : (
          <Button
            key={cadence}
            size="small"
            onClick={() =>
              setOpen({
                title: t(`trends.subscribe_${cadence}`),
                save: (v) =>
                  post("/api/report-subscriptions", {
                    cadence,
                    email: v.email || undefined,
                  } satisfies SubscriptionInput).then(() => {
                    message.success(t("trends.subscribedNow"));
                    refresh();
                  }),
              })
            }
          >
            {t(`trends.subscribe_${cadence}`)}
          </Button>
        );
      })}
      {dialog(
        <Form.Item name="email" label={t("trends.email")} extra={t("trends.emailHelp")} rules={[rules.email]}>
          <Input />
        </Form.Item>,
      )}
    </Space>
  );
}

/**
 * 服务趋势 (SPEC M12): the weeks or months side by side — volume by channel and type, service times
 * met, breaches, satisfaction, inspections, work by product — with export and emailed subscriptions.
 */
export default function TrendsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const granularity = (params.get("granularity") === "week" ? "week" : "month") as Granularity;
  const range: [Dayjs, Dayjs] = [
    params.get("from")
      ? dayjs(params.get("from"))
      : dayjs()
          .subtract(granularity === "week" ? 7 : 5, granularity)
          .startOf(granularity),
    params.get("to") ? dayjs(params.get("to")) : dayjs(),
  ];
  const query = qs({ granularity, from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
  const report = useQuery({
    queryKey: ["trends", query],
    queryFn: () => get<TrendReport>(`/api/reports/trend${query}`),
  });
  const set = (next: Record<string, string>) =>
    setParams(
      { granularity, from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD"), ...next },
      { replace: true },
    );
  const buckets = report.data?.buckets ?? [];
  const charts = useMemo(() => {
    const keys = buckets.map((b) => b.key);
    return {
      channels: stacked(
        buckets,
        (b) => b.byChannel,
        (k) => t(`channel.${k}`),
      ),
      types: stacked(
        buckets,
        (b) => b.byType,
        (k) => t(`ticketType.${k}`),
      ),
      attainment: lines(keys, [
        { name: t("trends.firstResponse"), data: buckets.map((b) => share(b.firstResponse)) },
        { name: t("trends.resolution"), data: buckets.map((b) => share(b.resolution)) },
        { name: t("kpi.satisfactionRate"), data: buckets.map((b) => b.satisfactionRate) },
      ]),
      products: bars(
        (report.data?.byProduct ?? []).map((p) => p.product),
        (report.data?.byProduct ?? []).map((p) => p.n),
      ),
    };
  }, [buckets, report.data, t]);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle
        title={t("menu.trends")}
        period={`${range[0].format("YYYY-MM-DD")} ~ ${range[1].format("YYYY-MM-DD")}`}
      />
      <Card
        title={t("menu.trends")}
        extra={
          <Space wrap>
            <Segmented
              value={granularity}
              onChange={(v) => setParams({ granularity: v as string }, { replace: true })}
              options={[
                { value: "month", label: t("trends.byMonth") },
                { value: "week", label: t("trends.byWeek") },
              ]}
            />
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
              onChange={(v) =>
                v?.[0] && v[1] && set({ from: v[0].format("YYYY-MM-DD"), to: v[1].format("YYYY-MM-DD") })
              }
            />
            <Button href={`/api/reports/trend/export${query}`}>{t("weekly.export")}</Button>
            <PrintButton />
          </Space>
        }
      >
        <Subscriptions />
      </Card>
      {report.error ? (
        <Card>
          <Empty description={(report.error as Error).message} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t("trends.byChannel")} loading={report.isLoading}>
                <Chart option={charts.channels} testId="trend-channels" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t("trends.byType")} loading={report.isLoading}>
                <Chart option={charts.types} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t("trends.attainment")} loading={report.isLoading}>
                <Chart option={charts.attainment} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t("trends.byProduct")} loading={report.isLoading}>
                {report.data?.byProduct.length ? (
                  <Chart option={charts.products} />
                ) : (
                  <Empty description={t("trends.noWorkOrders")} />
                )}
              </Card>
            </Col>
          </Row>
          <Card>
            <ResponsiveTable<TrendBucket & { id: string }>
              dataSource={buckets.map((b) => ({ ...b, id: b.key }))}
              loading={report.isLoading}
              emptyText={<Empty />}
              scrollX={900}
              columns={[
                { title: t("trends.period"), render: (_, b) => b.key },
                { title: t("kpi.handled"), align: "right", render: (_, b) => b.received },
                { title: t("kpi.resolved"), align: "right", render: (_, b) => b.resolved },
                {
                  title: t("trends.firstResponse"),
                  align: "right",
                  render: (_, b) => pct(share(b.firstResponse)),
                },
                { title: t("trends.resolution"), align: "right", render: (_, b) => pct(share(b.resolution)) },
                { title: t("kpi.overdue"), align: "right", render: (_, b) => b.overdue },
                {
                  title: t("kpi.satisfactionRate"),
                  align: "right",
                  render: (_, b) => pct(b.satisfactionRate),
                },
                {
                  title: t("satisfaction.index"),
                  align: "right",
                  render: (_, b) => b.satisfactionIndex ?? "—",
                },
                {
                  title: t("kpi.qaScore"),
                  align: "right",
                  render: (_, b) => (b.qaAverage === null ? "—" : `${b.qaAverage} (${b.qaInspections})`),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
