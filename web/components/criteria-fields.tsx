import { Button, Form, Input, InputNumber, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * A rubric's criteria — a code, what is judged, its weight — edited as a list, with the weights'
 * sum (and any weights outside the list) shown against the 100 they must make.
 */
export function CriteriaFields({ otherWeights = 0 }: { otherWeights?: number }) {
  const { t } = useTranslation();
  const criteria = Form.useWatch<{ weight?: number }[] | undefined>("criteria", Form.useFormInstance());
  const sum = otherWeights + (criteria ?? []).reduce((s, c) => s + (c?.weight ?? 0), 0);
  return (
    <Form.List name="criteria">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item name={[field.name, "id"]} rules={[{ required: true, pattern: /^[a-z0-9_]+$/i }]}>
                <Input placeholder={t("qaSettings.criterionId")} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, "label"]} rules={[{ required: true, whitespace: true }]}>
                <Input placeholder={t("qaSettings.criterionLabel")} style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name={[field.name, "weight"]} rules={[{ required: true }]}>
                <InputNumber min={1} max={100} precision={0} style={{ width: 80 }} />
              </Form.Item>
              <Button size="small" danger onClick={() => remove(field.name)}>
                {t("common.delete")}
              </Button>
            </Space>
          ))}
          <Space style={{ marginBottom: 16 }}>
            <Button size="small" onClick={() => add({ weight: 10 })}>
              {t("qaSettings.addCriterion")}
            </Button>
            <Typography.Text type={sum === 100 ? "secondary" : "danger"}>
              {t("qaSettings.weightsSum", { sum })}
            </Typography.Text>
          </Space>
        </>
      )}
    </Form.List>
  );
}
