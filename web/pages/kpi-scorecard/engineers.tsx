import { Empty, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { EngineerKpiRow, EngineerScorecard } from "../../../common/schemas/appraisal";
import { ResponsiveTable } from "../../components/responsive-table";

const pct = (rate: number | null) => (rate === null ? "—" : formatShare(rate, 1));

/** A satisfaction rate, flagged below the organisation's mark (C097). */
export function SatisfactionRate({ rate, target }: { rate: number | null; target?: number }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      {pct(rate)}
      {rate !== null && target !== undefined && rate < target && (
        <Tag color="red">{t("satisfaction.belowTarget")}</Tag>
      )}
    </Space>
  );
}

/**
 * 工程师月度绩效 (SPEC M8): each engineer's month in the field — completions, first-time fixes, time
 * limits kept, appointments kept, hours on site, satisfaction with their work, complaints, inspections.
 */
export function EngineerKpiTable({ card, loading }: { card?: EngineerScorecard; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable<EngineerKpiRow & { id: string }>
      loading={loading}
      dataSource={card?.rows.map((row) => ({ ...row, id: row.key }))}
      emptyText={<Empty description={t("kpi.noEngineers")} />}
      scrollX={1300}
      columns={[
        {
          title: t("kpi.engineer"),
          render: (_, row) => (
            <Space size={0} direction="vertical">
              {row.name}
              {row.servicePoint && <Typography.Text type="secondary">{row.servicePoint}</Typography.Text>}
            </Space>
          ),
        },
        { title: t("kpi.completed"), align: "right", render: (_, row) => row.completed },
        { title: t("kpi.firstTimeFixRate"), align: "right", render: (_, row) => pct(row.firstTimeFixRate) },
        { title: t("kpi.onTargetRate"), align: "right", render: (_, row) => pct(row.onTargetRate) },
        { title: t("kpi.onTimeRate"), align: "right", render: (_, row) => pct(row.onTimeRate) },
        { title: t("kpi.late"), align: "right", render: (_, row) => row.late },
        { title: t("kpi.noShows"), align: "right", render: (_, row) => row.noShows },
        { title: t("kpi.avgRepairHours"), align: "right", render: (_, row) => row.avgRepairHours ?? "—" },
        { title: t("kpi.complaints"), align: "right", render: (_, row) => row.complaints },
        {
          title: t("kpi.satisfactionRate"),
          align: "right",
          render: (_, row) => (
            <SatisfactionRate rate={row.satisfactionRate} target={card?.satisfactionTarget} />
          ),
        },
        { title: t("satisfaction.index"), align: "right", render: (_, row) => row.satisfactionIndex ?? "—" },
        {
          title: t("kpi.qaScore"),
          align: "right",
          render: (_, row) => (row.qaScore === null ? "—" : `${row.qaScore} (${row.qaInspections})`),
        },
      ]}
    />
  );
}
