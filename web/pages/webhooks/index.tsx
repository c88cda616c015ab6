import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Input,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../common/enums";
import { DOMAIN_EVENT_TYPES, type DomainEventType } from "../../../common/events";
import { DOMAIN_EVENT_LABELS } from "../../../common/labels";
import {
  WEBHOOK_LIMITS,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookInput,
} from "../../../common/schemas/webhooks";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

const PAGE_SIZE = 20;
type Page<T> = { items: T[]; total: number };

/** Webhooks (M13): where the organisation's events are sent, their secrets and delivery logs. */
export default function Webhooks() {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [logOf, setLogOf] = useState<WebhookEndpointDto | null>(null);
  const list = useQuery({
    queryKey: ["webhooks", page],
    queryFn: () => get<Page<WebhookEndpointDto>>(`/api/webhooks?page=${page}&pageSize=${PAGE_SIZE}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhooks"] });
  const { setOpen, dialog } = useFormDialog<WebhookInput>();
  const eventLabel = (type: string) =>
    DOMAIN_EVENT_LABELS[type as DomainEventType]?.[i18n.language as Locale] ?? type;
  const showSecret = (secret: string) => {
    modal.success({
      title: t("webhooks.secretTitle"),
      width: 560,
      content: (
        <>
          <Typography.Paragraph>{t("webhooks.secretOnce")}</Typography.Paragraph>
          <Typography.Text code copyable data-testid="webhook-secret">
            {secret}
          </Typography.Text>
        </>
      ),
    });
  };
  const edit = (endpoint?: WebhookEndpointDto) =>
    setOpen({
      title: endpoint ? t("webhooks.edit") : t("webhooks.add"),
      width: 640,
      initial: endpoint ?? { active: true, events: ["ticket.created", "ticket.status_changed"] },
      save: async (values) => {
        if (endpoint) await api("PUT", `/api/webhooks/${endpoint.id}`, values);
        else showSecret((await post<{ secret: string }>("/api/webhooks", values)).secret);
        await refresh();
      },
    });
  return (
    <Card title={t("menu.webhooks")}>
      <Typography.Paragraph type="secondary">{t("webhooks.intro")}</Typography.Paragraph>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => edit()}>
        {t("webhooks.add")}
      </Button>
      <Table<WebhookEndpointDto>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={t("webhooks.empty")} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        columns={[
          {
            title: t("webhooks.name"),
            dataIndex: "name",
            render: (name: string, e) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{name}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 260 }} ellipsis={{ tooltip: e.url }}>
                  {e.url}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("webhooks.status"),
            render: (_, e) =>
              e.disabledForFailingAt ? (
                <Tag color="red">
                  {t("webhooks.disabledForFailing", { time: formatTime(e.disabledForFailingAt) })}
                </Tag>
              ) : !e.active ? (
                <Tag>{t("webhooks.status_off")}</Tag>
              ) : e.failingSince ? (
                <Tag color="orange">{t("webhooks.failingSince", { time: formatTime(e.failingSince) })}</Tag>
              ) : (
                <Tag color="green">{t("webhooks.status_on")}</Tag>
              ),
          },
          {
            title: t("common.actions"),
            render: (_, e) => (
              <Space wrap style={{ width: 200 }}>
                <Button size="small" onClick={() => setLogOf(e)}>
                  {t("webhooks.deliveries")}
                </Button>
                <Button size="small" onClick={() => edit(e)}>
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("webhooks.confirmRotate", { name: e.name })}
                  onConfirm={() =>
                    post<{ secret: string }>(`/api/webhooks/${e.id}/secret`).then(
                      (r) => showSecret(r.secret),
                      showError,
                    )
                  }
                >
                  <Button size="small">{t("webhooks.rotate")}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t("webhooks.confirmDelete", { name: e.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => api("DELETE", `/api/webhooks/${e.id}`).then(refresh, showError)}
                >
                  <Button size="small" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
          {
            title: t("webhooks.events"),
            dataIndex: "events",
            render: (events: string[]) => (
              <Space size={[0, 4]} wrap style={{ maxWidth: 320 }}>
                {events.map((e) => (
                  <Tag key={e}>{eventLabel(e)}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("webhooks.name")}>
            <Input maxLength={WEBHOOK_LIMITS.name} />
          </RequiredField>
          <Form.Item
            name="url"
            label={t("webhooks.url")}
            extra={t("webhooks.urlHint")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Input maxLength={WEBHOOK_LIMITS.url} placeholder="https://erp.example.com/hooks/kefu" />
          </Form.Item>
          <Form.Item
            name="events"
            label={t("webhooks.events")}
            rules={[{ required: true, type: "array", min: 1, message: t("common.required") }]}
          >
            <Checkbox.Group
              style={{
                display: "grid",
                gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))",
                gap: 4,
              }}
              options={DOMAIN_EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(type) }))}
            />
          </Form.Item>
          <Form.Item name="active" label={t("webhooks.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>,
      )}
      <Deliveries endpoint={logOf} onClose={() => setLogOf(null)} eventLabel={eventLabel} />
    </Card>
  );
}

function Deliveries(props: {
  endpoint: WebhookEndpointDto | null;
  onClose: () => void;
  eventLabel: (type: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const id = props.endpoint?.id;
  const log = useQuery({
    queryKey: ["webhook-deliveries", id, page],
    enabled: Boolean(id),
    queryFn: () =>
      get<Page<WebhookDeliveryDto>>(`/api/webhooks/${id}/deliveries?page=${page}&pageSize=${PAGE_SIZE}`),
  });
  const resend = (delivery: WebhookDeliveryDto) =>
    post(`/api/webhooks/${id}/deliveries/${delivery.id}/resend`).then(() => {
      message.success(t("webhooks.resent"));
      return queryClient.invalidateQueries({ queryKey: ["webhook-deliveries", id] });
    }, showError);
  const color = { pending: "blue", succeeded: "green", failed: "red" } as const;
  return (
    <Drawer
      open={Boolean(props.endpoint)}
      onClose={props.onClose}
      width="min(960px, 100vw)"
      title={props.endpoint && t("webhooks.deliveriesOf", { name: props.endpoint.name })}
      destroyOnHidden
    >
      <Table<WebhookDeliveryDto>
        rowKey="id"
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={t("webhooks.emptyDeliveries")} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: log.data?.total,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        columns={[
          { title: t("webhooks.time"), dataIndex: "createdAt", render: (v: string) => formatTime(v) },
          { title: t("webhooks.event"), dataIndex: "eventType", render: props.eventLabel },
          {
            title: t("webhooks.status"),
            dataIndex: "status",
            render: (s: WebhookDeliveryDto["status"]) => (
              <Tag color={color[s]}>{t(`webhooks.delivery_${s}`)}</Tag>
            ),
          },
          { title: t("webhooks.attempts"), dataIndex: "attempts" },
          {
            title: t("webhooks.response"),
            dataIndex: "responseStatus",
            render: (v: number | null) => v ?? "—",
          },
          {
            title: t("webhooks.duration"),
            dataIndex: "durationMs",
            render: (ms: number | null) => (ms === null ? "—" : t("webhooks.durationMs", { ms })),
          },
          {
            title: t("webhooks.nextAttempt"),
            dataIndex: "nextAttemptAt",
            render: (v: string | null, d) => (d.status === "pending" && v ? formatTime(v) : "—"),
          },
          {
            title: t("webhooks.excerpt"),
            dataIndex: "responseExcerpt",
            render: (v: string | null, d) => {
              const text = [d.failure && t(`webhooks.failure_${d.failure}`), v].filter(Boolean).join(" · ");
              return (
                <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: text }}>
                  {text || "—"}
                </Typography.Text>
              );
            },
          },
          {
            title: t("common.actions"),
            render: (_, d) => (
              <Button size="small" onClick={() => resend(d)}>
                {t("webhooks.resend")}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
