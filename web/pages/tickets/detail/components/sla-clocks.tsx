import { Card, List, Space, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { businessMinutesBetween } from "../../../../../common/business-time";
import type { SlaClockDto, TicketDetail } from "../../../../../common/schemas/tickets";
import { formatTime } from "../../../../lib/format";

const STATUS_COLOR = {
  running: "blue",
  at_risk: "orange",
  paused: "default",
  met: "green",
  breached: "red",
} as const;

/** "3 小时 20 分" — business minutes, rounded to the minute. */
function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const total = Math.max(0, Math.round(minutes));
    const h = Math.floor(total / 60);
    return h ? t("sla.hm", { h, m: total % 60 }) : t("sla.m", { m: total });
  };
}

/** How a clock reads at `now`: counted down in its calendar's working time, as the server counts. */
function reading(clock: SlaClockDto, now: Date) {
  const due = clock.dueAt ? new Date(clock.dueAt) : null;
  if (clock.state === "running" && due) {
    const late = now >= due;
    const status =
      clock.breachedAt || late
        ? "breached"
        : clock.atRiskAt && now >= new Date(clock.atRiskAt)
          ? "at_risk"
          : "running";
    const minutes = late
      ? businessMinutesBetween(clock.calendar, due, now)
      : businessMinutesBetween(clock.calendar, now, due);
    return { status, key: late ? "sla.overdueBy" : "sla.remaining", minutes } as const;
  }
  if (clock.state === "paused") {
    return {
      status: clock.status,
      key: "sla.pausedLeft",
      minutes: clock.targetMinutes - clock.usedMinutes,
    } as const;
  }
  const late = clock.usedMinutes - clock.targetMinutes;
  return late > 0
    ? ({ status: clock.status, key: "sla.overdueBy", minutes: late } as const)
    : ({ status: clock.status, key: "sla.used", minutes: clock.usedMinutes } as const);
}

/** The ticket's service-time clocks: deadline, business time left or late, pause and escalation. */
export function SlaClocks({ sla }: { sla: NonNullable<TicketDetail["sla"]> }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Card
      title={t("sla.title")}
      extra={sla.policy && <Typography.Text type="secondary">{sla.policy}</Typography.Text>}
      style={{ marginTop: 16 }}
      data-testid="sla-clocks"
    >
      {sla.clocks.length === 0 ? (
        <Typography.Text type="secondary">{t("sla.noPolicy")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={sla.clocks}
          renderItem={(clock) => {
            const r = reading(clock, now);
            return (
              <List.Item data-testid={`sla-${clock.metric}`}>
                <Space direction="vertical" size={0} style={{ width: "100%" }}>
                  <Space wrap size={6}>
                    <Tooltip title={t(`sla.stop_${clock.metric}`)}>
                      <Typography.Text strong>{t(`slaMetric.${clock.metric}`)}</Typography.Text>
                    </Tooltip>
                    <Tag color={STATUS_COLOR[r.status]}>{t(`sla.status_${r.status}`)}</Tag>
                    {clock.escalationLevel > 0 && (
                      <Tag color="volcano">{t("sla.escalated", { level: clock.escalationLevel })}</Tag>
                    )}
                  </Space>
                  <Typography.Text>
                    {t("sla.due")}{" "}
                    <span data-testid={`sla-${clock.metric}-due`}>
                      {formatTime(clock.dueAt, clock.calendar.timeZone)}
                    </span>
                  </Typography.Text>
                  <Typography.Text
                    type={r.status === "breached" ? "danger" : "secondary"}
                    style={{ fontSize: 12 }}
                  >
                    {t(r.key, { time: duration(r.minutes) })}
                    {clock.calendar.is24x7 ? "" : t("sla.workingTime")} · {clock.calendarName}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
