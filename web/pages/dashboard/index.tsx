import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { Dashboard } from "../../../common/schemas/reports";
import { bars, Chart } from "../../components/chart";
import { get } from "../../lib/api";

const MINUTE = 60_000;

/**
 * 服务看板 (C146): the service now — open tickets by status, at risk, overdue, green channel,
 * unassigned — and today — callbacks, engineers out, satisfaction. Every change anybody commits
 * refreshes it (its query sits under "tickets", which live events invalidate); answers and callbacks
 * made elsewhere show within a minute.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useQuery({
    queryKey: ["tickets", "dashboard"],
    queryFn: () => get<Dashboard>("/api/dashboard"),
    refetchInterval: MINUTE,
  });
  const d = dashboard.data;
  const tile = (title: string, value: number | string, testId: string, danger = false) => (
    <Col xs={12} md={6} xl={4}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          valueStyle={danger && value !== 0 ? { color: "#cf1322" } : undefined}
          valueRender={(node) => <span data-testid={testId}>{node}</span>}
        />
      </Card>
    </Col>
  );
  return (
    <Card
      title={t("menu.dashboard")}
      loading={dashboard.isLoading}
      extra={d && <Typography.Text type="secondary">{d.today}</Typography.Text>}
    >
      {d && (
        <Row gutter={[12, 12]}>
          {tile(
            t("dashboard.open"),
            d.openByStatus.reduce((sum, s) => sum + s.n, 0),
            "dashboard-open",
          )}
          {tile(t("dashboard.atRisk"), d.atRisk, "dashboard-at-risk", true)}
          {tile(t("dashboard.overdue"), d.overdue, "dashboard-overdue", true)}
          {tile(t("dashboard.greenChannel"), d.greenChannel, "dashboard-green")}
          {tile(t("dashboard.unassigned"), d.unassigned, "dashboard-unassigned")}
          {tile(t("dashboard.callbacks"), `${d.callbacksMade}/${d.callbacksDue}`, "dashboard-callbacks")}
          {tile(t("dashboard.onTheWay"), d.engineersOnTheWay, "dashboard-on-the-way")}
          {tile(t("dashboard.onSite"), d.engineersOnSite, "dashboard-on-site")}
          {tile(t("dashboard.ratedToday"), d.satisfaction.n, "dashboard-rated")}
          {tile(
            t("dashboard.satisfactionToday"),
            d.satisfaction.rate === null ? "—" : formatShare(d.satisfaction.rate, 1),
            "dashboard-satisfaction",
          )}
          <Col span={24}>
            <Card size="small" title={t("dashboard.byStatus")}>
              <Chart
                testId="dashboard-by-status"
                height={260}
                option={bars(
                  d.openByStatus.map((s) => t(`ticketStatus.${s.status}`)),
                  d.openByStatus.map((s) => s.n),
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Card>
  );
}
