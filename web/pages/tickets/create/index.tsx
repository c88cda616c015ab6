import { useQuery } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  type Channel,
  CUSTOMER_KINDS,
  type CustomerKind,
  PRIORITIES,
  type Priority,
  STAFF_INTAKE_CHANNELS,
  TICKET_TYPES,
  type TicketType,
} from "../../../../common/enums";
import type { CreateTicketInput } from "../../../../common/schemas/tickets";
import { TICKET_TEXT_LIMITS } from "../../../../common/schemas/tickets";
import { get, newRequestKey, post } from "../../../lib/api";
import { useDebounced } from "../../../lib/debounce";
import { useShowError } from "../../../lib/feedback";
import { useFieldRules } from "../../../lib/rules";

type CustomerMatch = {
  id: string;
  name: string;
  phone: string | null;
  grade: string;
  isVip: boolean;
  kind: string;
};
type Values = {
  channel: Channel;
  callerPhone?: string;
  newCallerName?: string;
  customerKind: CustomerKind;
  type: TicketType;
  priority: Priority;
  isGreenChannel: boolean;
  title: string;
  description: string;
  identityVerifiedBy?: string;
  receivedAt?: Dayjs | null;
};

export default function CreateTicket() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const phone = Form.useWatch("callerPhone", form) ?? "";
  const digits = useDebounced(phone.replace(/\D/g, ""), 250);
  const [customer, setCustomer] = useState<CustomerMatch | null>(null);
  const [busy, setBusy] = useState(false);
  // One request key for this form: a retry after a cut connection does not log the ticket twice.
  const [requestKey] = useState(newRequestKey);
  const matches = useQuery({
    queryKey: ["customers", "lookup", digits],
    queryFn: () => get<CustomerMatch[]>(`/api/customers/lookup?q=${digits}`),
    enabled: digits.length >= 3 && !customer,
  });
  const rules = useFieldRules();
  const required = rules.required;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const body = {
        type: v.type,
        channel: v.channel,
        priority: v.priority,
        isGreenChannel: v.isGreenChannel,
        title: v.title,
        description: v.description,
        identityVerifiedBy: v.identityVerifiedBy || null,
        receivedAt: v.receivedAt ? v.receivedAt.toISOString() : null,
        customerId: customer?.id ?? null,
        newCustomer:
          !customer && v.newCallerName
            ? { kind: v.customerKind, name: v.newCallerName, phone: v.callerPhone ?? "" }
            : null,
      } satisfies CreateTicketInput;
      const created = await post<{ id: string; number: string }>("/api/tickets", body, {
        idempotencyKey: requestKey,
      });
      message.success(t("ticket.created", { number: created.number }));
      navigate(`/tickets/${created.id}`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t("ticket.createTitle")}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: "phone",
          type: "inquiry",
          priority: "P3",
          isGreenChannel: false,
          customerKind: "individual",
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t("ticket.channel")}>
              <Radio.Group
                optionType="button"
                options={STAFF_INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="callerPhone"
              label={t("ticket.callerPhone")}
              extra={t("ticket.callerLookupHint")}
              rules={customer ? [] : [rules.phone]}
              validateTrigger="onBlur"
            >
              <Input inputMode="tel" autoFocus allowClear disabled={Boolean(customer)} />
            </Form.Item>
            {customer ? (
              <Form.Item label={t("ticket.selectedCustomer")}>
                <Space>
                  <Typography.Text strong data-testid="selected-customer">
                    {customer.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">{customer.phone}</Typography.Text>
                  <Tag>{t(`grade.${customer.grade}`)}</Tag>
                  <Button size="small" onClick={() => setCustomer(null)}>
                    {t("ticket.change")}
                  </Button>
                </Space>
              </Form.Item>
            ) : (
              <>
                {Boolean(matches.data?.length) && (
                  <List
                    size="small"
                    bordered
                    header={t("ticket.matchedCustomers")}
                    style={{ marginBottom: 16 }}
                    dataSource={matches.data}
                    renderItem={(c) => (
                      <List.Item
                        actions={[
                          <Button key="use" size="small" type="link" onClick={() => setCustomer(c)}>
                            {t("ticket.useCustomer")}
                          </Button>,
                        ]}
                      >
                        <Space>
                          {c.name}
                          <Typography.Text type="secondary">{c.phone}</Typography.Text>
                          {c.isVip && <Tag color="gold">VIP</Tag>}
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
                <Row gutter={8}>
                  <Col span={16}>
                    <Form.Item
                      name="newCallerName"
                      label={`${t("ticket.newCaller")} · ${t("ticket.newCallerName")}`}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="customerKind" label={t("ticket.customerKind")}>
                      <Select options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            )}
            <Form.Item name="identityVerifiedBy" label={t("ticket.identityVerified")}>
              <Input />
            </Form.Item>
            <Form.Item name="receivedAt" label={t("ticket.receivedAt")} extra={t("ticket.receivedAtHelp")}>
              <DatePicker
                showTime
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
                disabledDate={(day) => day.isAfter(dayjs()) || day.isBefore(dayjs().subtract(30, "day"))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="type" label={t("ticket.type")} rules={[required]}>
                  <Select options={TICKET_TYPES.map((v) => ({ value: v, label: t(`ticketType.${v}`) }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="priority" label={t("ticket.priority")}>
                  <Select options={PRIORITIES.map((v) => ({ value: v, label: t(`priority.${v}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="isGreenChannel" valuePropName="checked">
              <Checkbox>{t("ticket.greenChannel")}</Checkbox>
            </Form.Item>
            <Form.Item name="title" label={t("ticket.title")} rules={[required]}>
              <Input maxLength={TICKET_TEXT_LIMITS.title} showCount />
            </Form.Item>
            <Form.Item name="description" label={t("ticket.description")} rules={[required]}>
              <Input.TextArea rows={6} maxLength={TICKET_TEXT_LIMITS.description} showCount />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("common.submit")}
          </Button>
          <Button onClick={() => navigate(-1)}>{t("common.cancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
