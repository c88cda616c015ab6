import { Checkbox, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { SCALE_LABELS } from "../../common/satisfaction";
import type { AnswerInput, SurveyQuestion } from "../../common/schemas/surveys";

/** One question of a questionnaire as a form field named by its id: the same for a customer and for staff. */
export function SurveyQuestionField({ q }: { q: SurveyQuestion }) {
  const { t } = useTranslation();
  const rules = q.required ? [{ required: true, message: t("survey.pleaseAnswer") }] : [];
  const labels = q.labels ?? SCALE_LABELS;
  const input =
    q.kind === "scale" ? (
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        size="large"
        style={{ display: "flex", flexWrap: "wrap", gap: 8 }}
        options={labels.map((label, i) => ({ value: 5 - i, label }))}
      />
    ) : q.kind === "single" ? (
      <Radio.Group options={q.options} />
    ) : q.kind === "multiple" ? (
      <Checkbox.Group options={q.options} />
    ) : (
      <Input.TextArea rows={3} maxLength={2000} />
    );
  return (
    <Form.Item name={q.id} label={q.text} rules={rules}>
      {input}
    </Form.Item>
  );
}

/** The questions answered, from a form that holds one field per question id (empty ones left out). */
export function answersOf(values: Record<string, unknown>): AnswerInput["answers"] {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== ""),
  ) as AnswerInput["answers"];
}
