import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WeekSummary, WeekSummaryInput } from "../../../../common/schemas/field-service";
import { RequiredField } from "../../../components/required-field";
import { api, get, qs } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";

/** 工程师周总结 (C074): the engineer sums up this week or the last for the weekly report. */
export function WeekSummaryForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const week = day.format("YYYY-MM-DD");
  const summary = useQuery({
    queryKey: ["week-summary", week],
    queryFn: () => get<WeekSummary>(`/api/field-service/week-summary${qs({ week })}`),
  });
  const s = summary.data;
  return (
    <Card
      loading={summary.isLoading}
      title={t("weekSummary.title")}
      extra={
        <DatePicker
          picker="week"
          allowClear={false}
          value={day}
          onChange={(v) => v && setDay(v)}
          disabledDate={(d) => d.isAfter(dayjs(), "day")}
        />
      }
    >
      {s && (
        <Form
          key={s.weekStart}
          layout="vertical"
          disabled={!s.editable}
          initialValues={s}
          onFinish={(v) =>
            api<WeekSummary>("PUT", "/api/field-service/week-summary", {
              ...v,
              week,
            } satisfies WeekSummaryInput)
              .then((saved) => {
                queryClient.setQueryData(["week-summary", week], saved);
                void message.success(t("weekSummary.saved"));
              })
              .catch(showError)
          }
        >
          <Typography.Paragraph type="secondary">
            {s.editable ? t("weekSummary.help", { week: s.weekStart }) : t("weekSummary.closed")}
          </Typography.Paragraph>
          <RequiredField name="workDone" label={t("weekSummary.workDone")}>
            <Input.TextArea rows={4} maxLength={4000} />
          </RequiredField>
          <Form.Item name="problems" label={t("weekSummary.problems")}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="nextWeek" label={t("weekSummary.nextWeek")}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block>
            {t("common.save")}
          </Button>
        </Form>
      )}
    </Card>
  );
}
