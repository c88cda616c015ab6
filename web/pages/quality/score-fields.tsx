import { DatePicker, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { QA_METHODS } from "../../../common/enums";
import type { QaCriterion, QaRecordInput } from "../../../common/schemas/quality";

export type ScoreValues = {
  method: QaRecordInput["method"];
  scores: Record<string, number>;
  findings?: string;
  observedAt?: Dayjs;
  requirement?: string;
  dueOn?: Dayjs;
};

/** The weighted mean the server computes, shown as the inspector types. */
export const weightedTotal = (criteria: QaCriterion[], scores: Record<string, number | null> | undefined) => {
  if (!scores || criteria.some((c) => typeof scores[c.id] !== "number")) return null;
  const weights = criteria.reduce((sum, c) => sum + c.weight, 0);
  return Math.round((criteria.reduce((sum, c) => sum + c.weight * scores[c.id]!, 0) / weights) * 10) / 10;
};

/** The form's values as the API takes them. */
export const scorePayload = (v: ScoreValues) => ({
  method: v.method,
  scores: v.scores,
  findings: v.findings || undefined,
  observedAt: v.observedAt?.toISOString(),
  rectification:
    v.requirement && v.dueOn
      ? { requirement: v.requirement, dueOn: v.dueOn.format("YYYY-MM-DD") }
      : undefined,
});

/**
 * A scorecard's criteria (each 0–100, with its weight), the method, when and what was found; below
 * the pass mark, what is to be rectified and by when (C111, C112).
 */
export function ScoreFields({
  criteria,
  passMark,
  findingsRequired,
}: {
  criteria: QaCriterion[];
  passMark: number;
  findingsRequired?: boolean;
}) {
  const { t } = useTranslation();
  const scores = Form.useWatch<Record<string, number | null> | undefined>("scores", Form.useFormInstance());
  const total = weightedTotal(criteria, scores);
  const failing = total !== null && total < passMark;
  return (
    <>
      <Form.Item name="method" label={t("quality.method")} rules={[{ required: true }]}>
        <Select options={QA_METHODS.map((m) => ({ value: m, label: t(`quality.method_${m}`) }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t("quality.scoreHelp")}</Typography.Paragraph>
      {criteria.map((c) => (
        <Form.Item
          key={c.id}
          name={["scores", c.id]}
          label={`${c.label}（${t("quality.weight", { weight: c.weight })}）`}
          rules={[{ required: true, message: t("quality.scoreRequired") }]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
        </Form.Item>
      ))}
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text strong data-testid="qa-total">
          {t("quality.total")}：{total ?? "—"}
        </Typography.Text>
        <Typography.Text type={failing ? "danger" : "secondary"}>
          {t("quality.passMark", { mark: passMark })}
          {total !== null && ` · ${failing ? t("quality.failed") : t("quality.passed")}`}
        </Typography.Text>
      </Space>
      <Form.Item name="observedAt" label={t("quality.observedAt")}>
        <DatePicker
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          disabledDate={(d) => d.isAfter(dayjs(), "day")}
        />
      </Form.Item>
      <Form.Item
        name="findings"
        label={t("quality.findings")}
        rules={
          findingsRequired || failing ? [{ required: true, message: t("quality.findingsRequired") }] : []
        }
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      {failing && (
        <>
          <Form.Item
            name="requirement"
            label={t("quality.requirement")}
            rules={[{ required: true, message: t("quality.requirementRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t("quality.dueOn")}
            rules={[{ required: true, message: t("quality.dueOnRequired") }]}
          >
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
          </Form.Item>
        </>
      )}
    </>
  );
}
