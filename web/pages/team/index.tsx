import { useQuery } from "@tanstack/react-query";
import { Badge, Card, Empty, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamMember } from "../../../common/schemas/tickets";
import { ResponsiveTable } from "../../components/responsive-table";
import { get } from "../../lib/api";
import { formatTime } from "../../lib/format";

/** How long since: "3 小时 20 分", "2 天 4 小时". */
function useWaited() {
  const { t } = useTranslation();
  return (since: string | null) => {
    if (!since) return "—";
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    if (days) return t("team.daysHours", { days, hours });
    return t("team.hoursMinutes", { hours, minutes: minutes % 60 });
  };
}

/**
 * 团队看板: each person of the supervisor's department with their open tickets, how long the oldest has
 * waited, at risk and overdue, and whether they are signed in or away (their work stays listed here
 * for the supervisor to hand on, C029) — refreshed as tickets change.
 */
export default function TeamPage() {
  const { t } = useTranslation();
  const waited = useWaited();
  // Ticket changes invalidate "tickets" live; the team view follows them, and a minute at most.
  const team = useQuery({
    queryKey: ["tickets", "team"],
    queryFn: () => get<TeamMember[]>("/api/team"),
    refetchInterval: 60_000,
  });
  return (
    <Card title={t("menu.team")}>
      <ResponsiveTable<TeamMember>
        dataSource={team.data}
        loading={team.isLoading}
        emptyText={<Empty description={t("team.empty")} />}
        scrollX={760}
        columns={[
          {
            title: t("team.person"),
            render: (_, m) => (
              <Badge
                status={m.signedIn ? "success" : "default"}
                text={m.name}
                data-testid={`team-${m.name}`}
              />
            ),
          },
          {
            title: t("team.presence"),
            render: (_, m) =>
              m.awayUntil ? (
                <Tag color="orange" data-testid={`away-${m.name}`}>
                  {t("team.away", { until: formatTime(m.awayUntil), deputy: m.deputy })}
                </Tag>
              ) : (
                t(m.signedIn ? "team.signedIn" : "team.signedOut")
              ),
          },
          { title: t("ticket.department"), render: (_, m) => m.department ?? "—" },
          { title: t("team.open"), align: "right", render: (_, m) => m.open },
          { title: t("team.oldest"), render: (_, m) => waited(m.oldestSince) },
          {
            title: t("team.atRisk"),
            align: "right",
            render: (_, m) => (m.atRisk ? <Tag color="orange">{m.atRisk}</Tag> : 0),
          },
          {
            title: t("team.overdue"),
            align: "right",
            render: (_, m) => (m.overdue ? <Tag color="red">{m.overdue}</Tag> : 0),
          },
        ]}
      />
    </Card>
  );
}
