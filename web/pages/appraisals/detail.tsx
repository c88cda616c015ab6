import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Input, InputNumber, Radio, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { formatShare } from "../../../common/format";
import {
  APPRAISAL_KPIS,
  type AppraisalDecisionInput,
  type AppraisalResult,
  type AppraisalScheme,
  type ScoreResultInput,
} from "../../../common/schemas/appraisal";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { AppraisalStatus, resultColumns } from "./parts";

type Detail = {
  period: {
    id: string;
    period: string;
    cadence: "month" | "quarter" | "year";
    status: "draft" | "published";
    scheme: AppraisalScheme;
    satisfactionFrom: "data" | "analysis";
  };
  results: AppraisalResult[];
};

const kpiText = (kpi: string, v: number | null | undefined) =>
  v === null || v === undefined
    ? "—"
    : kpi === "qaScore"
      ? String(Math.round(v * 1000) / 10)
      : formatShare(v, 1);

/**
 * One period's appraisal (C116, C117, C118): each person's KPIs and the manager's scores on the rubric,
 * an adjustment with its reason, the total; published when all are scored; appeals answered here.
 */
export default function AppraisalDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const score = useFormDialog<ScoreResultInput>();
  const decide = useFormDialog<AppraisalDecisionInput>();
  const decision = Form.useWatch("decision", decide.form);
  const detail = useQuery({
    queryKey: ["appraisals", id],
    queryFn: () => get<Detail>(`/api/appraisals/${id}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["appraisals"] });
  const d = detail.data;
  const scheme = d?.period.scheme;
  const kpis = APPRAISAL_KPIS.filter((k) => scheme?.kpiWeights[k]);
  return (
    <Card
      loading={detail.isLoading}
      title={
        <Space wrap>
          <Link to="/appraisals">{t("appraisal.back")}</Link>
          {d && (
            <>
              <Typography.Text strong>{d.period.period}</Typography.Text>
              <AppraisalStatus status={d.period.status} />
              {d.period.cadence === "quarter" && (
                <Tag color={d.period.satisfactionFrom === "analysis" ? "green" : "orange"}>
                  {t(`appraisal.satisfactionFrom_${d.period.satisfactionFrom}`)}
                </Tag>
              )}
            </>
          )}
        </Space>
      }
      extra={
        d && (
          <Space wrap>
            {d.period.status === "draft" && (
              <>
                <Button onClick={() => post(`/api/appraisals/${id}/recalculate`).then(refresh, showError)}>
                  {t("appraisal.recalculate")}
                </Button>
                <Button
                  type="primary"
                  onClick={() =>
                    modal.confirm({
                      title: t("appraisal.publishConfirm", {
                        period: d.period.period,
                        days: d.period.scheme.appealDays,
                      }),
                      onOk: () => post(`/api/appraisals/${id}/publish`).then(refresh, showError),
                    })
                  }
                >
                  {t("appraisal.publish")}
                </Button>
              </>
            )}
            <Button href={`/api/appraisals/${id}/export`}>{t("appraisal.export")}</Button>
          </Space>
        )
      }
    >
      <ResponsiveTable<AppraisalResult>
        dataSource={d?.results}
        loading={detail.isLoading}
        emptyText={<Empty />}
        scrollX={1500}
        columns={[
          {
            title: t("appraisal.name"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {r.name}
                {r.department && <Typography.Text type="secondary">{r.department}</Typography.Text>}
              </Space>
            ),
          },
          ...kpis.map((k) => ({
            title: `${t(`appraisal.kpi_${k}`)}·${scheme?.kpiWeights[k]}`,
            align: "right" as const,
            render: (_: unknown, r: AppraisalResult) => kpiText(k, r.kpis[k]),
          })),
          ...(scheme?.criteria ?? []).map((c) => ({
            title: `${c.label}·${c.weight}`,
            align: "right" as const,
            render: (_: unknown, r: AppraisalResult) => r.manual[c.id] ?? "—",
          })),
          ...resultColumns(t),
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space wrap>
                {r.may.score && (
                  <Button
                    size="small"
                    type={r.computed === null ? "primary" : "default"}
                    onClick={() =>
                      score.setOpen({
                        title: t("appraisal.scoreTitle", { name: r.name }),
                        initial: {
                          manual: r.manual,
                          adjustment: r.adjustment,
                          adjustmentReason: r.adjustmentReason,
                        },
                        save: (v) => api("PUT", `/api/appraisal-results/${r.id}`, v).then(refresh),
                      })
                    }
                  >
                    {t("appraisal.score")}
                  </Button>
                )}
                {r.may.decide && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      decide.setOpen({
                        title: `${t("appraisal.decide")} · ${r.name}`,
                        initial: { decision: "upheld" },
                        save: (v) => post(`/api/appraisal-results/${r.id}/decision`, v).then(refresh),
                      })
                    }
                  >
                    {t("appraisal.decide")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {score.dialog(
        <>
          <Typography.Paragraph type="secondary">{t("appraisal.scoreHelp")}</Typography.Paragraph>
          {(scheme?.criteria ?? []).map((c) => (
            <Form.Item
              key={c.id}
              name={["manual", c.id]}
              label={`${c.label}（${t("quality.weight", { weight: c.weight })}）`}
              rules={[{ required: true, message: t("appraisal.criterionRequired") }]}
            >
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          ))}
          <Form.Item name="adjustment" label={t("appraisal.adjustment")}>
            <InputNumber min={-100} max={100} precision={1} />
          </Form.Item>
          <Form.Item
            name="adjustmentReason"
            label={t("appraisal.adjustmentReason")}
            dependencies={["adjustment"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  getFieldValue("adjustment") && !value?.trim()
                    ? Promise.reject(new Error(t("appraisal.adjustmentReasonRequired")))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>,
      )}
      {decide.dialog(
        <>
          <Form.Item name="decision">
            <Radio.Group
              options={(["upheld", "revised"] as const).map((x) => ({
                value: x,
                label: t(`appraisal.decision_${x}`),
              }))}
            />
          </Form.Item>
          {decision === "revised" && (
            <Form.Item name="final" label={t("appraisal.revisedFinal")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={1} />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t("appraisal.decisionNote")}
            rules={[{ required: true, whitespace: true, message: t("appraisal.decisionNoteRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>,
      )}
    </Card>
  );
}
