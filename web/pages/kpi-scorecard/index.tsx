import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { EngineerScorecard, KpiRow, KpiScorecard } from "../../../common/schemas/appraisal";
import { useMonth } from "../../components/month-picker";
import { PrintButton, PrintTitle } from "../../components/print-document";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatTiles } from "../../components/stat-tiles";
import { get, qs } from "../../lib/api";
import { EngineerKpiTable, SatisfactionRate } from "./engineers";

type By = KpiScorecard["by"] | "engineer";
const pct = (rate: number | null) => (rate === null ? "—" : formatShare(rate, 1));

/**
 * 绩效考核 · 月度 KPI (SPEC M8): each person's (or department's) month from the data — tickets handled
 * and resolved, first-contact resolution, first responses on time, time to resolve, overdue, broken
 * promises, complaints, callbacks made, satisfaction — by team and department too, and each engineer's
 * field work; exportable for the appraisal.
 */
export default function KpiScorecardPage() {
  const { t } = useTranslation();
  const { month, picker } = useMonth();
  const [by, setBy] = useState<By>("agent");
  const isEngineers = by === "engineer";
  const query = isEngineers ? qs({ month }) : qs({ month, by });
  const api = isEngineers ? "/api/engineer-scorecard" : "/api/kpi-scorecard";
  const card = useQuery({
    queryKey: ["kpi-scorecard", query],
    queryFn: () => get<KpiScorecard>(`/api/kpi-scorecard${query}`),
    enabled: !isEngineers,
  });
  const engineers = useQuery({
    queryKey: ["engineer-scorecard", month],
    queryFn: () => get<EngineerScorecard>(`/api/engineer-scorecard${query}`),
    enabled: isEngineers,
  });
  const c = card.data;
  const e = engineers.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <PrintTitle title={t("menu.kpiScorecard")} period={month} />
      <Card
        title={t("menu.kpiScorecard")}
        loading={isEngineers ? engineers.isLoading : card.isLoading}
        extra={
          <Space wrap>
            {picker}
            <Button href={`${api}/export${query}`}>{t("weekly.export")}</Button>
            <PrintButton />
          </Space>
        }
      >
        {isEngineers && e && (
          <StatTiles
            items={[
              { title: t("kpi.completed"), value: e.total.completed },
              { title: t("kpi.firstTimeFixRate"), value: pct(e.total.firstTimeFixRate) },
              { title: t("kpi.onTimeRate"), value: pct(e.total.onTimeRate) },
              { title: t("kpi.satisfactionRate"), value: pct(e.total.satisfactionRate) },
            ]}
            note={<Typography.Text type="secondary">{t("kpi.engineerHelp")}</Typography.Text>}
          />
        )}
        {!isEngineers && c && (
          <StatTiles
            items={[
              { title: t("kpi.handled"), value: c.total.handled },
              { title: t("kpi.resolutionRate"), value: pct(c.total.resolutionRate) },
              { title: t("kpi.firstResponseRate"), value: pct(c.total.firstResponseRate) },
              { title: t("kpi.satisfactionRate"), value: pct(c.total.satisfactionRate) },
            ]}
            note={<Typography.Text type="secondary">{t("kpi.help")}</Typography.Text>}
          />
        )}
      </Card>
      <Card>
        <Segmented
          value={by}
          onChange={(v) => setBy(v as By)}
          options={[
            { value: "agent", label: t("kpi.by_agent") },
            { value: "department", label: t("kpi.by_department") },
            { value: "engineer", label: t("kpi.by_engineer") },
          ]}
          style={{ marginBottom: 12 }}
        />
        {isEngineers ? (
          <EngineerKpiTable card={e} loading={engineers.isLoading} />
        ) : (
          <ResponsiveTable<KpiRow & { id: string }>
            loading={card.isLoading}
            dataSource={c?.rows.map((row) => ({ ...row, id: row.key }))}
            emptyText={<Empty description={t("kpi.empty")} />}
            scrollX={1400}
            columns={[
              {
                title: t(`kpi.${by}`),
                render: (_, row) => (
                  <Space size={0} direction="vertical">
                    {row.name ?? "—"}
                    {row.department && <Typography.Text type="secondary">{row.department}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t("kpi.handled"), align: "right", render: (_, row) => row.handled },
              { title: t("kpi.resolved"), align: "right", render: (_, row) => row.resolved },
              { title: t("kpi.resolutionRate"), align: "right", render: (_, row) => pct(row.resolutionRate) },
              {
                title: t("kpi.firstContactRate"),
                align: "right",
                render: (_, row) => pct(row.firstContactRate),
              },
              {
                title: t("kpi.firstResponseRate"),
                align: "right",
                render: (_, row) => pct(row.firstResponseRate),
              },
              {
                title: t("kpi.avgResolutionHours"),
                align: "right",
                render: (_, row) => row.avgResolutionHours ?? "—",
              },
              { title: t("kpi.overdue"), align: "right", render: (_, row) => row.overdue },
              { title: t("kpi.brokenPromises"), align: "right", render: (_, row) => row.brokenPromises },
              { title: t("kpi.complaints"), align: "right", render: (_, row) => row.complaints },
              {
                title: t("kpi.callbacks"),
                align: "right",
                render: (_, row) => (row.callbacksDue ? `${row.callbacksMade}/${row.callbacksDue}` : "—"),
              },
              {
                title: t("kpi.satisfactionRate"),
                align: "right",
                render: (_, row) => (
                  <SatisfactionRate rate={row.satisfactionRate} target={c?.satisfactionTarget} />
                ),
              },
              {
                title: t("satisfaction.index"),
                align: "right",
                render: (_, row) => row.satisfactionIndex ?? "—",
              },
              {
                title: t("kpi.qaScore"),
                align: "right",
                render: (_, row) => (row.qaScore === null ? "—" : `${row.qaScore} (${row.qaInspections})`),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
