import { MinusCircleOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CHANNELS,
  CUSTOMER_GRADES,
  PRIORITIES,
  SLA_METRICS,
  SLA_UNITS,
  type SlaMetric,
  type SlaUnit,
  TICKET_TYPES,
} from "../../../common/enums";
import type { PolicyDto, PolicyInput } from "../../../common/schemas/service-time";
import { api, get, post } from "../../lib/api";
import { useShowError, validFields } from "../../lib/feedback";
import { useFieldRules } from "../../lib/rules";
import { useDirectory } from "../tickets/detail/api";

type Policy = PolicyDto;
type FormValues = Omit<Policy, "id" | "targets"> & {
  targets: Partial<Record<SlaMetric, { amount?: number | null; unit: SlaUnit; calendarId?: string }>>;
};

/** 时效规则: which tickets get which targets, on which calendar, and who hears when one is missed. */
export function SlaPolicies() {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState<Policy | "new" | null>(null);
  const policies = useQuery({
    queryKey: ["sla-policies"],
    queryFn: () => get<Policy[]>("/api/sla-policies"),
  });
  const calendars = useQuery({
    queryKey: ["calendars"],
    queryFn: () => get<{ id: string; name: string; isDefault: boolean }[]>("/api/calendars"),
  });
  const roles = useQuery({
    queryKey: ["roles"],
    queryFn: () => get<{ key: string; name: string }[]>("/api/roles"),
  });
  const directory = useDirectory();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sla-policies"] });

  const departments = directory.data?.departments ?? [];
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? "—";
  const recipients = [
    ...["assignee", "first_responder", "department_head"].map((r) => ({
      value: r,
      label: t(`sla.recipient_${r}`),
    })),
    ...(roles.data ?? []).map((r) => ({
      value: `role:${r.key}`,
      label: t("sla.recipientRole", { name: r.name }),
    })),
    ...departments.map((d) => ({
      value: `department:${d.id}`,
      label: t("sla.recipientDepartment", { name: d.name }),
    })),
  ];
  const recipientLabel = (value: string) => recipients.find((r) => r.value === value)?.label ?? value;
  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const defaultCalendar = calendars.data?.find((c) => c.isDefault)?.id;
  const any = (values: string[], label: (v: string) => string) =>
    values.length ? values.map((v) => <Tag key={v}>{label(v)}</Tag>) : <Tag>{t("sla.any")}</Tag>;
  const targetText = (p: Policy) =>
    SLA_METRICS.filter((m) => p.targets[m])
      .map((m) => `${t(`slaMetric.${m}`)} ${p.targets[m]!.amount} ${t(`sla.unit_${p.targets[m]!.unit}`)}`)
      .join(" · ");

  const open = (policy: Policy | "new") => {
    setEditing(policy);
    const base = policy === "new" ? null : policy;
    form.setFieldsValue({
      name: base?.name ?? "",
      rank: base?.rank ?? (policies.data?.at(-1)?.rank ?? 0) + 10,
      isActive: base?.isActive ?? true,
      types: base?.types ?? [],
      priorities: base?.priorities ?? [],
      customerGrades: base?.customerGrades ?? [],
      channels: base?.channels ?? [],
      departmentIds: base?.departmentIds ?? [],
      atRiskPercent: base?.atRiskPercent ?? 75,
      escalation: base?.escalation ?? [],
      targets: Object.fromEntries(
        SLA_METRICS.map((m) => [
          m,
          base?.targets[m] ?? { amount: null, unit: "hours", calendarId: defaultCalendar },
        ]),
      ),
    });
  };

  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const targets = Object.fromEntries(
      SLA_METRICS.flatMap((m) => {
        const target = v.targets[m];
        return target?.amount
          ? [[m, { amount: target.amount, unit: target.unit, calendarId: target.calendarId }]]
          : [];
      }),
    );
    if (!Object.keys(targets).length) {
      showError(new Error(t("sla.targetRequired")));
      return;
    }
    const body: PolicyInput = { ...v, targets, escalation: v.escalation ?? [] };
    try {
      if (editing === "new") await post("/api/sla-policies", body);
      else await api("PUT", `/api/sla-policies/${editing!.id}`, body);
      setEditing(null);
      await refresh();
    } catch (error) {
      showError(error);
    }
  };

  const { required } = useFieldRules();
  const multi = (
    name: keyof FormValues,
    label: string,
    values: readonly string[],
    show: (v: string) => string,
    hint?: string,
  ) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label} extra={hint}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t("sla.any")}
          optionFilterProp="label"
          options={values.map((v) => ({ value: v, label: show(v) }))}
        />
      </Form.Item>
    </Col>
  );

  if (policies.data && policies.data.length === 0) {
    return (
      <Empty description={t("sla.noPolicies")}>
        <Button type="primary" onClick={() => post("/api/sla-policies/defaults").then(refresh, showError)}>
          {t("sla.restoreDefaults")}
        </Button>
      </Empty>
    );
  }
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => open("new")}>
          {t("sla.newPolicy")}
        </Button>
        <Typography.Text type="secondary">{t("sla.matchHint")}</Typography.Text>
      </Space>
      <Table<Policy>
        rowKey="id"
        size="small"
        pagination={false}
        loading={policies.isLoading}
        dataSource={policies.data}
        scroll={{ x: 900 }}
        columns={[
          { title: t("sla.rank"), dataIndex: "rank", width: 70 },
          {
            title: t("sla.policyName"),
            render: (_, p) => (
              <Space>
                {p.name}
                {!p.isActive && <Tag>{t("settings.disabled")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("sla.conditions"),
            render: (_, p) => (
              <Space size={[0, 4]} wrap>
                {any(p.types, (v) => t(`ticketType.${v}`))}
                {p.priorities.length > 0 && any(p.priorities, (v) => v)}
                {p.customerGrades.length > 0 && any(p.customerGrades, (v) => t(`grade.${v}`))}
                {p.channels.length > 0 && any(p.channels, (v) => t(`channel.${v}`))}
                {p.departmentIds.length > 0 && any(p.departmentIds, departmentName)}
              </Space>
            ),
          },
          { title: t("sla.targets"), render: (_, p) => targetText(p) },
          {
            title: t("sla.escalation"),
            render: (_, p) =>
              p.escalation.map((s, i) => (
                <div key={s.afterMinutes}>
                  {t("sla.level", { level: i + 1 })}:{" "}
                  {s.notify.map(recipientLabel).join(t("automations.separator"))}
                </div>
              )),
          },
          {
            title: t("common.actions"),
            width: 140,
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => open(p)}>
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("sla.deleteConfirm", { name: p.name })}
                  okText={t("common.confirm")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => api("DELETE", `/api/sla-policies/${p.id}`).then(refresh, showError)}
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
      <Modal
        open={editing !== null}
        width={760}
        title={editing === "new" ? t("sla.newPolicy") : t("common.edit")}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText={t("common.confirm")}
        cancelText={t("common.cancel")}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t("sla.policyName")} rules={[required]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="rank" label={t("sla.rank")} rules={[required]}>
                <InputNumber min={0} max={10000} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="isActive" label={t("sla.active")} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            {multi("types", t("sla.types"), TICKET_TYPES, (v) => t(`ticketType.${v}`))}
            {multi("priorities", t("sla.priorities"), PRIORITIES, (v) => t(`priority.${v}`))}
            {multi("customerGrades", t("sla.grades"), CUSTOMER_GRADES, (v) => t(`grade.${v}`))}
            {multi("channels", t("sla.channels"), CHANNELS, (v) => t(`channel.${v}`))}
            {multi(
              "departmentIds",
              t("sla.departments"),
              departments.map((d) => d.id),
              departmentName,
              t("sla.departmentsHint"),
            )}
          </Row>
          <Typography.Title level={5}>{t("sla.targets")}</Typography.Title>
          <Typography.Paragraph type="secondary">{t("sla.targetsHint")}</Typography.Paragraph>
          {SLA_METRICS.map((m) => (
            <Row key={m} gutter={8} align="middle">
              <Col xs={24} md={5}>
                <Typography.Text>{t(`slaMetric.${m}`)}</Typography.Text>
              </Col>
              <Col xs={8} md={5}>
                <Form.Item name={["targets", m, "amount"]}>
                  <InputNumber
                    min={0}
                    max={100000}
                    style={{ width: "100%" }}
                    aria-label={t(`slaMetric.${m}`)}
                  />
                </Form.Item>
              </Col>
              <Col xs={8} md={6}>
                <Form.Item name={["targets", m, "unit"]}>
                  <Select options={SLA_UNITS.map((u) => ({ value: u, label: t(`sla.unit_${u}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={8} md={8}>
                <Form.Item name={["targets", m, "calendarId"]}>
                  <Select options={calendarOptions} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Form.Item name="atRiskPercent" label={t("sla.atRiskPercent")} rules={[required]}>
            <InputNumber min={1} max={99} />
          </Form.Item>
          <Typography.Title level={5}>{t("sla.escalation")}</Typography.Title>
          <Form.List name="escalation">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col xs={24} md={4} style={{ paddingTop: 6 }}>
                      {t("sla.level", { level: i + 1 })}
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item
                        name={[field.name, "afterMinutes"]}
                        rules={[required]}
                        extra={t("sla.afterMinutes")}
                      >
                        <InputNumber min={0} style={{ width: "100%" }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={12}>
                      <Form.Item name={[field.name, "notify"]} rules={[required]}>
                        <Select
                          mode="multiple"
                          placeholder={t("sla.notify")}
                          options={recipients}
                          optionFilterProp="label"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={2} style={{ paddingTop: 6 }}>
                      <MinusCircleOutlined
                        onClick={() => remove(field.name)}
                        aria-label={t("common.delete")}
                      />
                    </Col>
                  </Row>
                ))}
                {fields.length < 6 && (
                  <Button onClick={() => add({ afterMinutes: 0, notify: [] })}>{t("sla.addStep")}</Button>
                )}
              </>
            )}
          </Form.List>
          <Alert style={{ marginTop: 12 }} type="info" showIcon message={t("sla.matchHint")} />
        </Form>
      </Modal>
    </>
  );
}
