import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, List, Row, Space, Statistic, Switch, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { COUNTED_QUEUES } from "../../../common/enums";
import type { TicketPage, TicketSummary } from "../../../common/schemas/tickets";
import { NextDue } from "../../components/next-due";
import { GreenChannelTag, PriorityTag, StatusTag } from "../../components/ticket-tags";
import { alertsEnabled, setAlerts } from "../../lib/alerts";
import { get, post } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { useMe } from "../../lib/session";

type Notification = {
  id: string;
  kind: string;
  params: Record<string, string>;
  body: string | null;
  ticketId: string | null;
  readAt: string | null;
  createdAt: string;
};

export default function Workbench() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canSeeTickets = Boolean(me?.capabilities.includes("ticket.view"));
  const canHandle = Boolean(me?.capabilities.includes("ticket.handle"));
  const counts = useQuery({
    queryKey: ["tickets", "counts"],
    queryFn: () => get<Record<string, number>>("/api/tickets/counts"),
    enabled: canSeeTickets,
  });
  const notes = useQuery({
    queryKey: ["notifications", "list"],
    queryFn: () => get<{ items: Notification[]; unread: number }>("/api/notifications?pageSize=20"),
  });
  const readAll = useMutation({
    mutationFn: () => post("/api/notifications/read-all"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
  return (
    <>
      <Typography.Title level={3}>{t("workbench.greeting", { name: me?.name })}</Typography.Title>
      {canSeeTickets && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {COUNTED_QUEUES.map((queue) => (
            <Col key={queue} xs={12} sm={8} lg={6} xxl={3}>
              <Card
                hoverable
                size="small"
                onClick={() => navigate(`/tickets?queue=${queue}`)}
                data-testid={`queue-${queue}`}
              >
                <Statistic
                  title={t(`queue.${queue}`)}
                  value={counts.data?.[queue] ?? 0}
                  loading={counts.isLoading}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {canHandle && <MyWork />}
      <Card
        title={t("workbench.notifications")}
        extra={
          <Space wrap>
            <DesktopAlertsSwitch />
            <Button size="small" onClick={() => readAll.mutate()} disabled={!notes.data?.unread}>
              {t("workbench.markAllRead")}
            </Button>
          </Space>
        }
      >
        <List
          loading={notes.isLoading}
          locale={{ emptyText: t("workbench.noNotifications") }}
          dataSource={notes.data?.items ?? []}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Typography.Text strong={!n.readAt}>
                    {/* Its own page when it names one; a work order; else its ticket. */}
                    {n.params.path || n.params.workOrderId || n.ticketId ? (
                      <Link
                        to={
                          n.params.path ??
                          (n.params.workOrderId
                            ? `/work-orders/${n.params.workOrderId}`
                            : `/tickets/${n.ticketId}`)
                        }
                      >
                        {t(`notification.${n.kind}`, n.params)}
                      </Link>
                    ) : (
                      t(`notification.${n.kind}`, n.params)
                    )}
                  </Typography.Text>
                }
                description={[formatTime(n.createdAt, me?.org.timeZone), n.body].filter(Boolean).join(" · ")}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

/** 我的待办: the tickets I hold, the nearest time limit first — the work itself, not only its count. */
function MyWork() {
  const { t } = useTranslation();
  const mine = useQuery({
    queryKey: ["tickets", "list", "workbench"],
    queryFn: () => get<TicketPage>("/api/tickets?queue=mine&sort=due&pageSize=8"),
  });
  return (
    <Card
      title={t("workbench.myWork")}
      style={{ marginBottom: 16 }}
      extra={
        <Link to="/tickets?queue=mine&sort=due">
          {t("workbench.allMine", { count: mine.data?.total ?? 0 })}
        </Link>
      }
      data-testid="my-work"
    >
      <List<TicketSummary>
        loading={mine.isLoading}
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: t("workbench.nothingToDo") }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  {r.isGreenChannel && <GreenChannelTag />}
                  <Link to={`/tickets/${r.id}`}>{`${r.number} ${r.title}`}</Link>
                </Space>
              }
              description={
                <Space size={4} wrap>
                  <StatusTag status={r.status} />
                  <PriorityTag priority={r.priority} />
                  <NextDue due={r.nextDue} />
                  {r.customer?.name}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 桌面提醒: a desktop notification and a sound for green-channel tickets, missed time limits and new work. */
function DesktopAlertsSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useState(alertsEnabled());
  return (
    <Tooltip title={t("workbench.desktopAlertsHelp")}>
      <Space size={4}>
        <Switch
          size="small"
          checked={on}
          aria-label={t("workbench.desktopAlerts")}
          onChange={async (checked) => {
            await setAlerts(checked);
            setOn(checked);
          }}
        />
        {t("workbench.desktopAlerts")}
      </Space>
    </Tooltip>
  );
}
