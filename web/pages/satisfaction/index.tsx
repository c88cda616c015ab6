import { useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Segmented, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import { SATISFACTION_GROUPS, type SatisfactionReport } from "../../../common/schemas/surveys";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatTiles } from "../../components/stat-tiles";
import { get, qs } from "../../lib/api";

type Group = (typeof SATISFACTION_GROUPS)[number];
type Scored = SatisfactionReport["overall"];
const rateOf = (s: Scored) => formatShare(s.counts[4] + s.counts[5], s.n);

/**
 * 满意度统计 (C095, C097, C099): answers at each point, the raw weighted sum of seed 002, the index
 * and the satisfaction rate — per agent, engineer, department, product or question, for a range of
 * days; rows below the target are flagged.
 */
export default function SatisfactionPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf("month"), dayjs()]);
  const [by, setBy] = useState<Group>("agent");
  const query = qs({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD"), by });
  const report = useQuery({
    queryKey: ["satisfaction", query],
    queryFn: () => get<SatisfactionReport>(`/api/satisfaction${query}`),
  });
  const r = report.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={t("menu.satisfaction")}
        loading={report.isLoading}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
            />
            <Button href={`/api/satisfaction/export${query}`}>{t("weekly.export")}</Button>
          </Space>
        }
      >
        {r && (
          <StatTiles
            items={[
              { title: t("satisfaction.answers"), value: r.overall.n },
              { title: t("satisfaction.rate"), value: rateOf(r.overall) },
              { title: t("satisfaction.index"), value: r.overall.index ?? "—" },
              { title: t("satisfaction.weightedSum"), value: r.overall.weightedSum },
            ]}
            note={
              <Typography.Text type="secondary">
                {t("satisfaction.help", { target: r.target * 100 })}
              </Typography.Text>
            }
          />
        )}
      </Card>
      <Card>
        <Segmented
          value={by}
          onChange={(v) => setBy(v as Group)}
          options={SATISFACTION_GROUPS.map((g) => ({ value: g, label: t(`satisfaction.by_${g}`) }))}
          style={{ marginBottom: 12 }}
        />
        <ResponsiveTable
          loading={report.isLoading}
          dataSource={r?.rows.map((row) => ({ ...row, id: row.key ?? "" }))}
          emptyText={<Empty description={t("satisfaction.empty")} />}
          scrollX={900}
          columns={[
            {
              title: t(`satisfaction.by_${by}`),
              render: (_, row) => (
                <Space size={4}>
                  {row.name ?? t("satisfaction.unassigned")}
                  {row.belowTarget && <Tag color="red">{t("satisfaction.belowTarget")}</Tag>}
                </Space>
              ),
            },
            ...([5, 4, 3, 2, 1] as const).map((point) => ({
              title: t(`satisfaction.point_${point}`),
              align: "right" as const,
              render: (_: unknown, row: Scored) => row.counts[point],
            })),
            { title: t("satisfaction.answers"), align: "right", render: (_, row) => row.n },
            { title: t("satisfaction.weightedSum"), align: "right", render: (_, row) => row.weightedSum },
            { title: t("satisfaction.index"), align: "right", render: (_, row) => row.index ?? "—" },
            { title: t("satisfaction.rate"), align: "right", render: (_, row) => rateOf(row) },
          ]}
        />
      </Card>
    </Space>
  );
}
