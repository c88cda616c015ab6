import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Checkbox,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CHANNELS,
  CUSTOMER_GRADES,
  type Locale,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from "../../../common/enums";
import { DOMAIN_EVENT_LABELS } from "../../../common/labels";
import {
  AUTOMATION_EVENTS,
  AUTOMATION_LIMITS,
  AUTOMATION_RECIPIENTS,
  AUTOMATION_STATUS_ACTIONS,
  type AutomationDto,
  type AutomationInput,
  type AutomationKind,
  type AutomationKindInput,
  type ReorderInput,
  TIMED_SINCE,
} from "../../../common/schemas/automations";
import { TICKET_TAG_LIMITS } from "../../../common/schemas/tickets";
import type { WebhookEndpointDto } from "../../../common/schemas/webhooks";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { api, get } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { useDirectory, useStandardAnswers } from "../tickets/detail/api";

/** A yes/no condition as the form holds it: left open, yes, or no. */
type Either = "any" | "yes" | "no";
const either = (v: boolean | undefined): Either => (v === undefined ? "any" : v ? "yes" : "no");
const fromEither = (v: Either | undefined) => (v === "yes" ? true : v === "no" ? false : undefined);

/** Leaves out what the form holds empty: an empty list, an empty text, a condition left open. */
function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length),
    ),
  ) as Partial<T>;
}

type FormValues = {
  name: string;
  event?: string;
  afterHours?: number;
  since?: string;
  conditions: Record<string, unknown> & { vip?: Either; greenChannel?: Either; unassigned?: Either };
  type?: string;
  priority?: string;
  addTags?: string[];
  routeDepartmentId?: string;
  routeAssign?: "queue" | "round_robin" | "user";
  routeUserId?: string;
  standardAnswerId?: string;
  statusAction?: string;
  statusReason?: string;
  notifyRecipients?: (typeof AUTOMATION_RECIPIENTS)[number][];
  notifyUserIds?: string[];
  notifyRoleKeys?: string[];
  webhookEndpointId?: string;
  stop: boolean;
  active: boolean;
};

const toForm = (r: AutomationDto): FormValues => ({
  name: r.name,
  event: r.event ?? undefined,
  afterHours: r.afterHours ?? undefined,
  since: r.since ?? "last_activity",
  conditions: {
    ...r.conditions,
    vip: either(r.conditions.vip),
    greenChannel: either(r.conditions.greenChannel),
    unassigned: either(r.conditions.unassigned),
  },
  type: r.actions.type,
  priority: r.actions.priority,
  addTags: r.actions.addTags,
  routeDepartmentId: r.actions.route?.departmentId,
  routeAssign: r.actions.route?.assign ?? "queue",
  routeUserId: r.actions.route?.userId ?? undefined,
  standardAnswerId: r.actions.standardAnswerId,
  statusAction: r.actions.status?.action,
  statusReason: r.actions.status?.reason,
  notifyRecipients: r.actions.notify?.recipients,
  notifyUserIds: r.actions.notify?.userIds,
  notifyRoleKeys: r.actions.notify?.roleKeys,
  webhookEndpointId: r.actions.webhookEndpointId,
  stop: r.stop,
  active: r.active,
});

function toBody(kind: AutomationKind, v: FormValues): AutomationInput {
  const { vip, greenChannel, unassigned, ...lists } = v.conditions ?? {};
  const notify =
    v.notifyRecipients?.length || v.notifyUserIds?.length || v.notifyRoleKeys?.length
      ? {
          recipients: v.notifyRecipients ?? [],
          userIds: v.notifyUserIds ?? [],
          roleKeys: v.notifyRoleKeys ?? [],
        }
      : undefined;
  return {
    name: v.name,
    kind,
    event: kind === "trigger" ? (v.event as AutomationInput["event"]) : null,
    afterHours: kind === "timed" ? v.afterHours : null,
    since: (v.since ?? "last_activity") as AutomationInput["since"],
    conditions: compact({
      ...lists,
      vip: fromEither(vip),
      greenChannel: fromEither(greenChannel),
      unassigned: fromEither(unassigned),
    }),
    actions: compact({
      type: v.type as never,
      priority: v.priority as never,
      addTags: v.addTags,
      route: v.routeDepartmentId
        ? {
            departmentId: v.routeDepartmentId,
            assign: v.routeAssign ?? "queue",
            userId: v.routeAssign === "user" ? v.routeUserId : null,
          }
        : undefined,
      standardAnswerId: v.standardAnswerId,
      status: v.statusAction ? { action: v.statusAction as never, reason: v.statusReason ?? "" } : undefined,
      notify,
      webhookEndpointId: v.webhookEndpointId,
    }),
    stop: v.stop ?? false,
    active: v.active ?? true,
  };
}

/** Automations: triggers on events and timed rules, tried top to bottom (routing C021, stall reminders C027). */
export default function Automations() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AutomationKind>("trigger");
  return (
    <Card title={t("menu.automations")}>
      <Typography.Paragraph type="secondary">{t("automations.intro")}</Typography.Paragraph>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as AutomationKind)}
        items={[
          { key: "trigger", label: t("automations.triggers"), children: <Rules kind="trigger" /> },
          { key: "timed", label: t("automations.timed"), children: <Rules kind="timed" /> },
        ]}
      />
    </Card>
  );
}

function Rules({ kind }: { kind: AutomationKind }) {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const me = useMe();
  const directory = useDirectory();
  const answers = useStandardAnswers();
  const endpoints = useQuery({
    queryKey: ["webhooks", "all"],
    enabled: hasCapability(me.data, "webhook.manage"),
    queryFn: () => get<{ items: WebhookEndpointDto[] }>("/api/webhooks?page=1&pageSize=100"),
  });
  const roles = useQuery({
    queryKey: ["roles"],
    queryFn: () => get<{ key: string; name: string }[]>("/api/roles"),
  });
  const rules = useQuery({
    queryKey: ["automations", kind],
    queryFn: () => get<AutomationDto[]>(`/api/automations?kind=${kind}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["automations", kind] });
  const { setOpen, dialog, form } = useFormDialog<FormValues>();
  const [restoring, setRestoring] = useState(false);
  const routeAssign = Form.useWatch("routeAssign", form);
  const statusAction = Form.useWatch("statusAction", form);

  const departments = directory.data?.departments ?? [];
  const users = directory.data?.users ?? [];
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? "—";
  const userName = (id: string) => users.find((u) => u.id === id)?.displayName ?? "—";
  const roleName = (key: string) => roles.data?.find((r) => r.key === key)?.name ?? key;
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  const eventLabel = (e: string) =>
    DOMAIN_EVENT_LABELS[e as keyof typeof DOMAIN_EVENT_LABELS]?.[i18n.language as Locale] ?? e;

  const edit = (rule?: AutomationDto) =>
    setOpen({
      title: rule ? t("automations.edit") : t("automations.add"),
      width: 760,
      initial: rule
        ? toForm(rule)
        : {
            event: "ticket.created",
            afterHours: 8,
            since: "last_activity",
            routeAssign: "queue",
            conditions: { vip: "any", greenChannel: "any", unassigned: "any" },
            stop: false,
            active: true,
          },
      save: async (values) => {
        const body = toBody(kind, values);
        if (rule) await api("PUT", `/api/automations/${rule.id}`, body);
        else await api("POST", "/api/automations", body);
        await refresh();
      },
    });

  const move = async (index: number, by: -1 | 1) => {
    const ids = (rules.data ?? []).map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    await api("PUT", "/api/automations/order", { kind, ids } satisfies ReorderInput).then(refresh, showError);
  };
  const switchActive = (rule: AutomationDto, active: boolean) =>
    api("PUT", `/api/automations/${rule.id}`, {
      ...toBody(kind, toForm(rule)),
      active,
    } satisfies AutomationInput).then(refresh, showError);

  /** What a rule looks at, as tags. */
  const conditionTags = (r: AutomationDto) => {
    const c = r.conditions;
    const yesNo = (key: string, v: boolean | undefined) =>
      v === undefined ? [] : [t(`automations.cond_${key}_${v ? "yes" : "no"}`)];
    const tags = [
      ...(c.types ?? []).map((v) => t(`ticketType.${v}`)),
      ...(c.priorities ?? []).map((v) => t(`priority.${v}`)),
      ...(c.channels ?? []).map((v) => t(`channel.${v}`)),
      ...(c.statuses ?? []).map((v) => t(`ticketStatus.${v}`)),
      ...(c.departmentIds ?? []).map(departmentName),
      ...(c.customerGrades ?? []).map((v) => t(`grade.${v}`)),
      ...yesNo("vip", c.vip),
      ...yesNo("greenChannel", c.greenChannel),
      ...yesNo("unassigned", c.unassigned),
      ...(c.regions ?? []),
      ...(c.textContains ? [t("automations.textContainsTag", { text: c.textContains })] : []),
      ...(c.productContains ? [t("automations.productContainsTag", { text: c.productContains })] : []),
    ];
    return tags.length ? tags : [t("automations.everyTicket")];
  };
  /** What a rule does, as tags. */
  const actionTags = (r: AutomationDto) => {
    const a = r.actions;
    return [
      a.type && t("automations.setType", { type: t(`ticketType.${a.type}`) }),
      a.priority && t("automations.setPriority", { priority: t(`priority.${a.priority}`) }),
      a.addTags && t("automations.addTagsTag", { tags: a.addTags.join(t("automations.separator")) }),
      a.route &&
        t(`automations.route_${a.route.assign}`, {
          department: departmentName(a.route.departmentId),
          user: a.route.userId ? userName(a.route.userId) : "",
        }),
      a.standardAnswerId &&
        t("automations.sendAnswer", {
          title: answers.data?.find((x) => x.id === a.standardAnswerId)?.title ?? "—",
        }),
      a.status && t("automations.setStatus", { action: t(`action.${a.status.action}`) }),
      a.notify &&
        t("automations.notifyTag", {
          who: [
            ...a.notify.recipients.map((x) => t(`automations.recipient_${x}`)),
            ...a.notify.userIds.map(userName),
            ...a.notify.roleKeys.map((key) => t("automations.roleTag", { role: roleName(key) })),
          ].join(t("automations.separator")),
        }),
      a.webhookEndpointId &&
        t("automations.callWebhook", {
          name: endpoints.data?.items.find((e) => e.id === a.webhookEndpointId)?.name ?? "Webhook",
        }),
    ].filter(Boolean) as string[];
  };

  const list = rules.data ?? [];
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => edit()}>
        {t("automations.add")}
      </Button>
      <Table<AutomationDto>
        rowKey="id"
        size="small"
        loading={rules.isLoading}
        dataSource={list}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: (
            <Empty description={t("automations.empty")}>
              <Button
                loading={restoring}
                onClick={() => {
                  setRestoring(true);
                  api("POST", "/api/automations/defaults", { kind } satisfies AutomationKindInput)
                    .then(refresh, showError)
                    .finally(() => setRestoring(false));
                }}
              >
                {t(`automations.restoreDefaults_${kind}`)}
              </Button>
            </Empty>
          ),
        }}
        columns={[
          {
            title: t("automations.order"),
            width: 90,
            render: (_, r, index) => (
              <Space size={4}>
                <Typography.Text type="secondary">{index + 1}</Typography.Text>
                <Button
                  size="small"
                  aria-label={t("automations.moveUp", { name: r.name })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  aria-label={t("automations.moveDown", { name: r.name })}
                  disabled={index === list.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
              </Space>
            ),
          },
          {
            title: t("automations.rule"),
            render: (_, r) => (
              <Space direction="vertical" size={0} style={{ maxWidth: 220 }}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.kind === "trigger"
                    ? t("automations.onEvent", { event: eventLabel(r.event ?? "") })
                    : t(`automations.after_${r.since ?? "last_activity"}`, { hours: r.afterHours })}
                  {r.stop ? ` · ${t("automations.stops")}` : ""}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("automations.conditions"),
            render: (_, r) => (
              <Space size={[0, 4]} wrap style={{ maxWidth: 220 }}>
                {conditionTags(r).map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("automations.actions"),
            render: (_, r) => (
              <Space size={[0, 4]} wrap style={{ maxWidth: 220 }}>
                {actionTags(r).map((tag) => (
                  <Tag color="blue" key={tag}>
                    {tag}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("automations.active"),
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active}
                aria-label={t("automations.activeOf", { name: r.name })}
                onChange={(on) => switchActive(r, on)}
              />
            ),
          },
          {
            title: t("automations.fired"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{t("automations.firedCount", { count: r.firedRecently })}</span>
                {r.lastFiredAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(r.lastFiredAt)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space wrap>
                <Button size="small" onClick={() => edit(r)}>
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("automations.confirmDelete", { name: r.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => api("DELETE", `/api/automations/${r.id}`).then(refresh, showError)}
                >
                  <Button size="small" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("automations.name")}>
            <Input maxLength={AUTOMATION_LIMITS.name} />
          </RequiredField>
          {kind === "trigger" ? (
            <Form.Item
              name="event"
              label={t("automations.event")}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <Select options={AUTOMATION_EVENTS.map((e) => ({ value: e, label: eventLabel(e) }))} />
            </Form.Item>
          ) : (
            <Space wrap align="start">
              <Form.Item
                name="afterHours"
                label={t("automations.afterHours")}
                rules={[{ required: true, message: t("common.required") }]}
              >
                <InputNumber min={0.5} max={AUTOMATION_LIMITS.hours} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="since" label={t("automations.since")}>
                <Select
                  style={{ width: 220 }}
                  options={TIMED_SINCE.map((s) => ({ value: s, label: t(`automations.since_${s}`) }))}
                />
              </Form.Item>
            </Space>
          )}
          <Divider titlePlacement="start" plain>
            {t("automations.conditionsTitle")}
          </Divider>
          <Typography.Paragraph type="secondary">{t("automations.conditionsHint")}</Typography.Paragraph>
          <div
            style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 8 }}
          >
            <Form.Item name={["conditions", "types"]} label={t("ticket.type")}>
              <Select mode="multiple" allowClear options={TICKET_TYPES.map(option("ticketType"))} />
            </Form.Item>
            <Form.Item name={["conditions", "priorities"]} label={t("ticket.priority")}>
              <Select mode="multiple" allowClear options={PRIORITIES.map(option("priority"))} />
            </Form.Item>
            <Form.Item name={["conditions", "channels"]} label={t("ticket.channel")}>
              <Select mode="multiple" allowClear options={CHANNELS.map(option("channel"))} />
            </Form.Item>
            <Form.Item name={["conditions", "statuses"]} label={t("ticket.status")}>
              <Select mode="multiple" allowClear options={TICKET_STATUSES.map(option("ticketStatus"))} />
            </Form.Item>
            <Form.Item name={["conditions", "departmentIds"]} label={t("automations.department")}>
              <Select
                mode="multiple"
                allowClear
                optionFilterProp="label"
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name={["conditions", "customerGrades"]} label={t("automations.customerGrade")}>
              <Select mode="multiple" allowClear options={CUSTOMER_GRADES.map(option("grade"))} />
            </Form.Item>
            {(["vip", "greenChannel", "unassigned"] as const).map((key) => (
              <Form.Item key={key} name={["conditions", key]} label={t(`automations.cond_${key}`)}>
                <Select
                  options={(["any", "yes", "no"] as const).map((v) => ({
                    value: v,
                    label: v === "any" ? t("automations.any") : t(`automations.cond_${key}_${v}`),
                  }))}
                />
              </Form.Item>
            ))}
            <Form.Item name={["conditions", "regions"]} label={t("automations.regions")}>
              <Select mode="tags" allowClear maxCount={AUTOMATION_LIMITS.regions} open={false} />
            </Form.Item>
            <Form.Item name={["conditions", "textContains"]} label={t("automations.textContains")}>
              <Input maxLength={AUTOMATION_LIMITS.text} />
            </Form.Item>
            <Form.Item name={["conditions", "productContains"]} label={t("automations.productContains")}>
              <Input maxLength={AUTOMATION_LIMITS.text} />
            </Form.Item>
          </div>
          <Divider titlePlacement="start" plain>
            {t("automations.actionsTitle")}
          </Divider>
          <div
            style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 8 }}
          >
            <Form.Item name="type" label={t("automations.setTypeField")}>
              <Select allowClear options={TICKET_TYPES.map(option("ticketType"))} />
            </Form.Item>
            <Form.Item name="priority" label={t("automations.setPriorityField")}>
              <Select allowClear options={PRIORITIES.map(option("priority"))} />
            </Form.Item>
            <Form.Item name="addTags" label={t("automations.addTags")}>
              <Select mode="tags" allowClear open={false} maxCount={TICKET_TAG_LIMITS.count} />
            </Form.Item>
            <Form.Item name="routeDepartmentId" label={t("automations.routeTo")}>
              <Select
                allowClear
                optionFilterProp="label"
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="routeAssign" label={t("automations.routeAssign")}>
              <Select
                options={(["queue", "round_robin", "user"] as const).map((v) => ({
                  value: v,
                  label: t(`automations.assign_${v}`),
                }))}
              />
            </Form.Item>
            {routeAssign === "user" && (
              <Form.Item
                name="routeUserId"
                label={t("automations.routeUser")}
                rules={[{ required: true, message: t("common.required") }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={users.map((u) => ({ value: u.id, label: u.displayName }))}
                />
              </Form.Item>
            )}
            <Form.Item name="standardAnswerId" label={t("automations.standardAnswer")}>
              <Select
                allowClear
                optionFilterProp="label"
                options={answers.data?.map((a) => ({ value: a.id, label: `${a.category} · ${a.title}` }))}
              />
            </Form.Item>
            <Form.Item name="statusAction" label={t("automations.statusAction")}>
              <Select allowClear options={AUTOMATION_STATUS_ACTIONS.map(option("action"))} />
            </Form.Item>
            {statusAction && (
              <Form.Item
                name="statusReason"
                label={t("automations.statusReason")}
                rules={[{ required: true, whitespace: true, message: t("common.required") }]}
              >
                <Input maxLength={AUTOMATION_LIMITS.reason} />
              </Form.Item>
            )}
          </div>
          <Form.Item name="notifyRecipients" label={t("automations.notify")}>
            <Checkbox.Group
              options={AUTOMATION_RECIPIENTS.map((r) => ({
                value: r,
                label: t(`automations.recipient_${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="notifyUserIds" label={t("automations.notifyUsers")}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              maxCount={20}
              options={users.map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item name="notifyRoleKeys" label={t("automations.notifyRoles")}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              maxCount={10}
              options={roles.data?.map((r) => ({ value: r.key, label: r.name }))}
            />
          </Form.Item>
          {endpoints.data && (
            <Form.Item
              name="webhookEndpointId"
              label={t("automations.webhook")}
              extra={t("automations.webhookHint")}
            >
              <Select
                allowClear
                options={endpoints.data.items.map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          <Space wrap size="large">
            <Form.Item name="stop" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t("automations.stopField")}</Checkbox>
            </Form.Item>
            <Form.Item
              name="active"
              valuePropName="checked"
              label={t("automations.active")}
              style={{ marginBottom: 0 }}
            >
              <Switch />
            </Form.Item>
          </Space>
        </>,
      )}
    </>
  );
}
