import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import quarterOfYear from "dayjs/plugin/quarterOfYear";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { localIsoDate } from "../../../common/business-time";
import { formatShare } from "../../../common/format";
import type {
  ActionDoneInput,
  AnalysisSubmitInput,
  ImprovementActionInput,
  QuarterAnalysisReport,
} from "../../../common/schemas/surveys";
import { bars, Chart } from "../../components/chart";
import { useFormDialog } from "../../components/form-dialog";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatTiles } from "../../components/stat-tiles";
import { get, post, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";

dayjs.extend(quarterOfYear);

type ScoreRow = QuarterAnalysisReport["agents"][number];
type Action = QuarterAnalysisReport["actions"][number];
const rate = (s: { counts: Record<number, number>; n: number }) =>
  formatShare(s.counts[4] + s.counts[5], s.n);

/**
 * 客户满意度调查分析报告 (C098, C106): the quarter per department and person, the customers' comments by
 * the problem they rated lowest, improvement actions with owners, submitted once to management.
 */
export default function SatisfactionAnalysisPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const quarter = params.get("quarter") ?? `${dayjs().year()}-Q${dayjs().quarter()}`;
  const query = qs({ quarter });
  const data = useQuery({
    queryKey: ["satisfaction-analysis", quarter],
    queryFn: () => get<QuarterAnalysisReport>(`/api/satisfaction-analysis${query}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["satisfaction-analysis"] });
  const add = useFormDialog<Omit<ImprovementActionInput, "dueOn"> & { dueOn: Dayjs }>();
  const done = useFormDialog<ActionDoneInput>();
  const submit = useFormDialog<AnalysisSubmitInput>();
  const a = data.data;
  const scoreColumns = [
    { title: t("analysisReport.name"), render: (_: unknown, r: ScoreRow) => r.name ?? "—" },
    { title: t("satisfaction.answers"), align: "right" as const, render: (_: unknown, r: ScoreRow) => r.n },
    {
      title: t("satisfaction.index"),
      align: "right" as const,
      render: (_: unknown, r: ScoreRow) => r.index ?? "—",
    },
    {
      title: t("satisfaction.rate"),
      align: "right" as const,
      render: (_: unknown, r: ScoreRow) => (
        <Space size={4}>
          {rate(r)}
          {r.belowTarget && <Tag color="red">{t("satisfaction.belowTarget")}</Tag>}
        </Space>
      ),
    },
  ];
  const withIds = (rows: ScoreRow[] | undefined) =>
    (rows ?? []).map((r, i) => ({ ...r, id: r.key ?? String(i) }));
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle title={t("menu.satisfactionAnalysis")} period={quarter} />
      <Card
        title={t("menu.satisfactionAnalysis")}
        loading={data.isLoading}
        extra={
          <Space wrap>
            <DatePicker
              picker="quarter"
              allowClear={false}
              value={dayjs(`${quarter.slice(0, 4)}-${(Number(quarter.slice(6)) - 1) * 3 + 1}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), "quarter")}
              onChange={(v: Dayjs | null) =>
                v && setParams({ quarter: `${v.year()}-Q${v.quarter()}` }, { replace: true })
              }
            />
            <Button href={`/api/satisfaction-analysis/export${query}`}>{t("weekly.export")}</Button>
            <PrintButton />
            {a && !a.submitted && (
              <Button
                type="primary"
                onClick={() =>
                  submit.setOpen({
                    title: t("analysisReport.submit"),
                    save: (v) => post(`/api/satisfaction-analysis/submit${query}`, v).then(refresh),
                  })
                }
              >
                {t("analysisReport.submit")}
              </Button>
            )}
          </Space>
        }
      >
        {a && (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            {!a.submitted && (
              <Alert
                type={
                  localIsoDate(new Date(), me?.org.timeZone ?? "Asia/Shanghai") > a.dueOn ? "warning" : "info"
                }
                showIcon
                message={t("analysisReport.dueBy", { dueOn: a.dueOn })}
              />
            )}
            {a.submitted && (
              <Alert
                type="success"
                showIcon
                message={t("analysisReport.submitted", {
                  by: a.submitted.by,
                  at: formatTime(a.submitted.at, me?.org.timeZone),
                })}
                description={a.submitted.summary}
              />
            )}
            <StatTiles
              items={[
                { title: t("analysisReport.responses"), value: a.responses },
                { title: t("satisfaction.answers"), value: a.overall.n },
                { title: t("satisfaction.rate"), value: rate(a.overall) },
                { title: t("satisfaction.index"), value: a.overall.index ?? "—" },
              ]}
              note={
                <Typography.Text type="secondary">
                  {t("satisfaction.help", { target: a.target * 100 })}
                </Typography.Text>
              }
            />
          </Space>
        )}
      </Card>
      {a && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t("analysisReport.problems")}>
                {a.problems.length ? (
                  <Chart
                    option={bars(
                      a.problems.map((p) => p.problem.slice(0, 14)),
                      a.problems.map((p) => p.responses),
                    )}
                  />
                ) : (
                  <Empty description={t("analysisReport.noProblems")} />
                )}
              </Card>
            </Col>
            {(
              [
                ["byQuestion", a.questions],
                ["byDepartment", a.departments],
                ["byAgent", a.agents],
              ] as const
            ).map(([title, rows]) => (
              <Col key={title} xs={24} lg={12}>
                <Card title={t(`analysisReport.${title}`)}>
                  <ResponsiveTable<ScoreRow & { id: string }>
                    dataSource={withIds(rows)}
                    emptyText={<Empty />}
                    scrollX={500}
                    columns={scoreColumns}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t("analysisReport.comments")}>
            <List
              dataSource={a.comments}
              locale={{ emptyText: t("analysisReport.noComments") }}
              pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {c.problem ? (
                          <Tag color="orange">{c.problem}</Tag>
                        ) : (
                          <Tag color="green">{t("analysisReport.satisfied")}</Tag>
                        )}
                        <Typography.Text type="secondary">
                          {c.ticketNumber} · {formatTime(c.submittedAt, me?.org.timeZone)}
                        </Typography.Text>
                      </Space>
                    }
                    description={c.text}
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card
            title={t("analysisReport.actions")}
            extra={
              <Button
                onClick={() =>
                  add.setOpen({
                    title: t("analysisReport.addAction"),
                    initial: { problem: a.problems[0]?.problem },
                    save: (v) =>
                      post(`/api/satisfaction-analysis/actions${query}`, {
                        ...v,
                        dueOn: v.dueOn.format("YYYY-MM-DD"),
                      } satisfies ImprovementActionInput).then(refresh),
                  })
                }
              >
                {t("analysisReport.addAction")}
              </Button>
            }
          >
            <ResponsiveTable<Action>
              dataSource={a.actions}
              emptyText={<Empty description={t("analysisReport.noActions")} />}
              scrollX={800}
              columns={[
                { title: t("analysisReport.problem"), render: (_, x) => x.problem },
                { title: t("analysisReport.action"), render: (_, x) => x.action },
                { title: t("analysisReport.owner"), render: (_, x) => x.owner },
                { title: t("analysisReport.dueOn"), render: (_, x) => x.dueOn },
                {
                  title: t("analysisReport.result"),
                  render: (_, x) =>
                    x.status === "done" ? (
                      <Space direction="vertical" size={0}>
                        <Tag color="green">{t("analysisReport.done")}</Tag>
                        {x.result}
                      </Space>
                    ) : (
                      <Button
                        size="small"
                        onClick={() =>
                          done.setOpen({
                            title: t("analysisReport.complete"),
                            save: (v) => post(`/api/improvement-actions/${x.id}/done`, v).then(refresh),
                          })
                        }
                      >
                        {t("analysisReport.complete")}
                      </Button>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
      {add.dialog(
        <>
          <Form.Item
            name="problem"
            label={t("analysisReport.problem")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="action"
            label={t("analysisReport.action")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="ownerId" label={t("analysisReport.owner")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item name="dueOn" label={t("analysisReport.dueOn")} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
          </Form.Item>
        </>,
      )}
      {done.dialog(
        <Form.Item
          name="result"
          label={t("analysisReport.result")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>,
      )}
      {submit.dialog(
        <Form.Item
          name="summary"
          label={t("analysisReport.summary")}
          extra={t("analysisReport.submitHelp")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>,
      )}
    </Space>
  );
}
