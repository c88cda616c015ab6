import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  List,
  Result,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { AssistAnswerInput, ChangeStatusInput, TicketDetail } from "../../../../common/schemas/tickets";
import { GreenChannelTag, PriorityTag, StatusTag } from "../../../components/ticket-tags";
import { ApiError, get, post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { hasCapability, useMe } from "../../../lib/session";
import { RecordInspection } from "../../quality/record";
import { ActionDialog, type DialogKind } from "./components/action-dialog";
import { ComplaintPanel } from "./components/complaint-panel";
import { ReplyBox } from "./components/reply-box";
import { SlaClocks } from "./components/sla-clocks";
import { SurveyEntryButton } from "./components/survey-entry";
import { TicketTagsField } from "./components/ticket-tags-field";
import { TicketTimeline } from "./components/ticket-timeline";
import { WorkOrdersPanel } from "./components/work-orders-panel";

const DIRECT_ACTIONS = ["accept", "start", "wait_customer", "resume", "close"] as const;
const DIALOG_ACTIONS: DialogKind[] = [
  "transfer",
  "assist",
  "promise",
  "hold",
  "resolve",
  "record_callback",
  "reopen",
  "classify",
];

/** A customer's satisfaction is asked once the matter is resolved. */
const RATED_STATUSES = ["resolved", "callback_done", "closed"];

export default function TicketDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { data: me } = useMe();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const ticket = useQuery({
    queryKey: ["ticket", id],
    queryFn: () => get<TicketDetail>(`/api/tickets/${id}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["ticket", id] });

  if (ticket.error) {
    const status = ticket.error instanceof ApiError ? ticket.error.status : 500;
    return (
      <Result
        status={status === 404 ? "404" : "error"}
        title={status === 404 ? t("ticket.notFound") : ticket.error.message}
        extra={<Link to="/tickets">{t("common.back")}</Link>}
      />
    );
  }
  const d = ticket.data;
  if (!d) return <Card loading />;
  const can = (action: string) => Boolean(d.abilities[action]);
  const direct = (action: (typeof DIRECT_ACTIONS)[number]) =>
    modal.confirm({
      title: `${t(`action.${action}`)} · ${d.number}`,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: () =>
        post(`/api/tickets/${d.id}/status`, { action } satisfies ChangeStatusInput).then(refresh, showError),
    });
  const completeAssist = (assistId: string) => {
    let answer = "";
    modal.confirm({
      title: t("action.completeAssist"),
      content: (
        <Input.TextArea
          rows={3}
          placeholder={t("dialog.answer")}
          onChange={(e) => (answer = e.target.value)}
        />
      ),
      onOk: () =>
        post(`/api/assists/${assistId}/complete`, { answer } satisfies AssistAnswerInput).then(
          refresh,
          showError,
        ),
    });
  };
  const tz = me?.org.timeZone;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Space wrap>
              <span data-testid="ticket-number">{d.number}</span>
              <StatusTag status={d.status} />
              <PriorityTag priority={d.priority} />
              {d.isGreenChannel && <GreenChannelTag />}
              {d.archivedAt && <Tag>{t("records.archivedTag")}</Tag>}
            </Space>
          }
        >
          {d.archivedAt && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t("records.archivedNotice", { date: formatTime(d.archivedAt, tz).slice(0, 10) })}
            />
          )}
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {d.title}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{d.description}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            {DIRECT_ACTIONS.filter(can).map((action) => (
              <Button
                key={action}
                type={action === "accept" || action === "start" ? "primary" : "default"}
                onClick={() => direct(action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
            {DIALOG_ACTIONS.filter(can).map((action) => (
              <Button key={action} onClick={() => setDialog(action)}>
                {t(`action.${action}`)}
              </Button>
            ))}
            {hasCapability(me, "qa.inspect") && (
              <RecordInspection
                work={{
                  ticketId: d.id,
                  number: d.number,
                  agentId: d.assignee?.id ?? d.firstResponder?.id ?? null,
                }}
              />
            )}
            {RATED_STATUSES.includes(d.status) &&
              (hasCapability(me, "ticket.handle") || hasCapability(me, "survey.callback")) && (
                <SurveyEntryButton ticketId={d.id} number={d.number} />
              )}
            {RATED_STATUSES.includes(d.status) && (
              <Link to={`/forms/callback_form/${d.id}`}>
                <Button>{t("form.kind.callback_form")}</Button>
              </Link>
            )}
          </Space>
          {can("note") && (
            <ReplyBox ticketId={d.id} canReply={can("reply")} canAttach={can("attach")} onSent={refresh} />
          )}
        </Card>
        {d.type === "complaint" && <ComplaintPanel ticketId={d.id} canHandle={can("note")} />}
        <WorkOrdersPanel
          ticketId={d.id}
          customerId={d.customer?.id ?? null}
          onSite={d.type === "repair" || d.type === "return"}
          canCreate={can("assist")}
          description={d.description}
          repairRequest={d.repairRequest}
        />
        <Card title={t("ticket.timeline")} style={{ marginTop: 16 }}>
          <TicketTimeline entries={d.timeline} timeZone={tz} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("ticket.type")}>{t(`ticketType.${d.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t("ticket.channel")}>{t(`channel.${d.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t("ticket.customer")}>
              <Space size={8}>
                {d.customer ? <Link to={`/customers/${d.customer.id}`}>{d.customer.name}</Link> : "—"}
                {d.customerPhone}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.contact")}>
              {d.contact ? `${d.contact.name} ${d.contact.mobile ?? ""}` : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.firstResponder")}>
              <span data-testid="first-responder">{d.firstResponder?.name ?? "—"}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.assignee")}>
              <span data-testid="assignee">{d.assignee?.name ?? "—"}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.department")}>{d.department?.name ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("ticket.tags")}>
              <TicketTagsField ticketId={d.id} tags={d.tags} canEdit={can("tag")} />
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.createdAt")}>{formatTime(d.createdAt, tz)}</Descriptions.Item>
            {Date.parse(d.createdAt) - Date.parse(d.receivedAt) > 60_000 && (
              <Descriptions.Item label={t("ticket.receivedAt")}>
                {formatTime(d.receivedAt, tz)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t("ticket.promisedAt")}>
              {formatTime(d.promisedAt, tz)}
            </Descriptions.Item>
            <Descriptions.Item label={t("ticket.brokenPromises")}>{d.brokenPromises}</Descriptions.Item>
            {d.identityVerifiedBy && (
              <Descriptions.Item label={t("ticket.identityVerified")}>
                {d.identityVerifiedBy}
              </Descriptions.Item>
            )}
            {d.holdReason && (
              <Descriptions.Item label={t("ticket.holdReason")}>{d.holdReason}</Descriptions.Item>
            )}
            {d.resolution && (
              <Descriptions.Item label={t("ticket.resolution")}>
                {d.resolutionMode && <Tag>{t(`ticket.resolutionMode_${d.resolutionMode}`)}</Tag>}
                {d.resolution}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {d.sla && <SlaClocks sla={d.sla} />}
        {d.assists.length > 0 && (
          <Card title={t("ticket.assists")} style={{ marginTop: 16 }}>
            <List
              dataSource={d.assists}
              renderItem={(a) => (
                <List.Item
                  actions={
                    a.status === "open"
                      ? [
                          <Button key="done" size="small" onClick={() => completeAssist(a.id)}>
                            {t("action.completeAssist")}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        {a.department?.name}
                        {a.owner?.name}
                        <Tag color={a.status === "open" ? "orange" : "green"}>{formatTime(a.dueAt, tz)}</Tag>
                        {a.isRetroactive && <Tag>{t("dialog.retroactive")}</Tag>}
                      </Space>
                    }
                    description={[a.request, a.answer].filter(Boolean).join(" → ")}
                  />
                </List.Item>
              )}
            />
          </Card>
        )}
      </Col>
      {dialog && (
        <ActionDialog
          ticket={d}
          kind={dialog}
          onClose={(done) => {
            setDialog(null);
            if (done) void refresh();
          }}
        />
      )}
    </Row>
  );
}
