import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Divider, Form, InputNumber, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PRIORITIES, type Priority } from "../../../common/enums";
import type { SurveySettings, SurveySettingsDto } from "../../../common/schemas/surveys";
import { api, get } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

/** Shares are edited as percentages. */
const toPercent = (share: number) => Math.round(share * 1000) / 10;

/**
 * 满意度设置: the share of each priority's resolved tickets drawn for a satisfaction callback (C086)
 * and the satisfaction rate below which an agent or a period is flagged (C097); the customer call
 * lists' rules (C089–C092).
 */
export function SurveySettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["survey-settings"],
    queryFn: () => get<SurveySettings>("/api/survey-settings"),
  });
  if (!settings.data) return <Skeleton active />;
  const s = settings.data;
  return (
    <Form
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{
        ...Object.fromEntries(PRIORITIES.map((p) => [p, toPercent(s.samplingRates[p])])),
        target: toPercent(s.satisfactionTarget),
        ...s.customerLists,
        sampleShare: toPercent(s.customerLists!.sampleShare),
      }}
      onFinish={(v) =>
        api("PUT", "/api/survey-settings", {
          samplingRates: Object.fromEntries(PRIORITIES.map((p) => [p, v[p] / 100])) as Record<
            Priority,
            number
          >,
          satisfactionTarget: v.target / 100,
          customerLists: {
            sampleShare: v.sampleShare / 100,
            dormantMonths: v.dormantMonths,
            reminderLeadDays: v.reminderLeadDays,
            projectCallbacks: v.projectCallbacks,
          },
        } satisfies SurveySettingsDto).then(async () => {
          message.success(t("common.saved"));
          await queryClient.invalidateQueries({ queryKey: ["survey-settings"] });
        }, showError)
      }
    >
      <Typography.Paragraph type="secondary">{t("surveySettings.help")}</Typography.Paragraph>
      {PRIORITIES.map((p) => (
        <Form.Item
          key={p}
          name={p}
          label={t("surveySettings.rate", { priority: p })}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} step={5} addonAfter="%" />
        </Form.Item>
      ))}
      <Form.Item name="target" label={t("surveySettings.target")} rules={[{ required: true }]}>
        <InputNumber min={50} max={100} step={1} addonAfter="%" />
      </Form.Item>
      <Divider titlePlacement="start">{t("surveySettings.customerLists")}</Divider>
      <Form.Item name="sampleShare" label={t("surveySettings.sampleShare")} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} step={1} addonAfter="%" />
      </Form.Item>
      <Form.Item name="dormantMonths" label={t("surveySettings.dormantMonths")} rules={[{ required: true }]}>
        <InputNumber min={1} max={60} />
      </Form.Item>
      <Form.Item
        name="reminderLeadDays"
        label={t("surveySettings.reminderLeadDays")}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={365} />
      </Form.Item>
      <Form.Item name="projectCallbacks" valuePropName="checked">
        <Checkbox>{t("surveySettings.projectCallbacks")}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t("common.save")}
      </Button>
    </Form>
  );
}
