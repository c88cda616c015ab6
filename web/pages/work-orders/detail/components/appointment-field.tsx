import { useQuery } from "@tanstack/react-query";
import { Alert, DatePicker, Form, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { AppointmentWarning } from "../../../../../common/field-service";
import { RequiredField } from "../../../../components/required-field";
import { get } from "../../../../lib/api";

/**
 * The appointment of a dispatch: days gone by cannot be picked, and what the server finds about the
 * chosen time (passed, far from the customer's wish, outside working hours) shows before sending.
 */
export function AppointmentField({ workOrderId, label }: { workOrderId: string; label: string }) {
  const { t } = useTranslation();
  const at = Form.useWatch<Dayjs | undefined>("appointmentAt");
  const iso = at?.second(0).millisecond(0).toISOString();
  const check = useQuery({
    queryKey: ["work-orders", workOrderId, "appointment-check", iso],
    queryFn: () =>
      get<{ past: boolean; warnings: AppointmentWarning[] }>(
        `/api/work-orders/${workOrderId}/appointment-check?at=${encodeURIComponent(iso!)}`,
      ),
    enabled: Boolean(iso),
  });
  return (
    <>
      <RequiredField name="appointmentAt" label={label}>
        <DatePicker
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: "100%" }}
          disabledDate={(day) => day.isBefore(dayjs(), "day")}
        />
      </RequiredField>
      {check.data && (check.data.past || check.data.warnings.length > 0) && (
        <Space
          direction="vertical"
          style={{ width: "100%", marginBottom: 16 }}
          data-testid="appointment-check"
        >
          {check.data.past && <Alert type="error" showIcon message={t("dispatch.appointmentPast")} />}
          {check.data.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon message={t(`dispatch.warning_${w}`)} />
          ))}
        </Space>
      )}
    </>
  );
}
