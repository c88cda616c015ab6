import { DatePicker, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** The month a report shows (this month by default, none in the future), as YYYY-MM. */
export function useMonth(initial?: string | null) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => (initial ? dayjs(`${initial}-01`) : dayjs()));
  const picker = (
    <Space>
      {t("overdue.month")}
      <DatePicker
        picker="month"
        allowClear={false}
        value={month}
        onChange={(v) => v && setMonth(v)}
        disabledDate={(d) => d.isAfter(dayjs(), "month")}
      />
    </Space>
  );
  return { month: month.format("YYYY-MM"), picker };
}
