import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { z } from "zod";
import { CUSTOMER_GRADES } from "../../../../common/enums";
import type {
  ContactInput,
  Customer360,
  CustomerDto,
  CustomerInput,
  contactDto,
  MergeInput,
  PurchaseInput,
  purchaseDto,
  unmaskedCustomer,
} from "../../../../common/schemas/customers";
import type { TicketSummary } from "../../../../common/schemas/tickets";
import { PriorityTag, StatusTag } from "../../../components/ticket-tags";
import { api, get, post } from "../../../lib/api";
import { useShowError, validFields } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { useFieldRules } from "../../../lib/rules";
import { hasCapability, useMe } from "../../../lib/session";
import { AgreementsTable } from "../../agreements/agreements-table";
import { DataRequests } from "../../records/data-requests";
import { useDirectory } from "../../tickets/detail/api";
import { ConsentsTab } from "./consents";

type Contact = z.infer<typeof contactDto>;
type Purchase = z.infer<typeof purchaseDto>;
type Unmasked = z.infer<typeof unmaskedCustomer>;

/** 360° view of one customer. */
export default function CustomerDetail() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: me } = useMe();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [unmasked, setUnmasked] = useState<Unmasked | null>(null);
  const [editing, setEditing] = useState<null | "customer" | "contact" | "purchase">(null);
  const [form] = Form.useForm();
  const directory = useDirectory();
  const view = useQuery({
    queryKey: ["customer", id],
    queryFn: () => get<Customer360>(`/api/customers/${id}`),
  });
  const duplicates = useQuery({
    queryKey: ["customer", id, "duplicates"],
    queryFn: () => get<(CustomerDto & { matchedOn: string[] })[]>(`/api/customers/${id}/duplicates`),
  });
  const rules = useFieldRules();
  const v = view.data;
  if (!v) return <Card loading={view.isLoading}>{view.error?.message}</Card>;
  const c = v.customer;
  const unmask = async () => {
    try {
      setUnmasked(await post<Unmasked>(`/api/customers/${id}/unmask`));
      message.info(t("customer.unmasked"));
    } catch (error) {
      showError(error);
    }
  };
  // PIPL: everything held about the customer, unmasked, for the customer's own request (audited).
  const exportPersonalData = () =>
    modal.confirm({
      title: t("customer.personalData"),
      content: t("customer.personalDataConfirm", { name: c.name }),
      okText: t("customer.personalDataDownload"),
      cancelText: t("common.cancel"),
      onOk: () => {
        window.location.href = `/api/customers/${id}/personal-data`;
      },
    });
  const merge = (source: CustomerDto) =>
    modal.confirm({
      title: t("customer.merge"),
      content: t("customer.mergeConfirm", { source: source.name, target: c.name }),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: () =>
        post(`/api/customers/${id}/merge`, { sourceId: source.id } satisfies MergeInput).then(() => {
          message.success(t("customer.merged"));
          void queryClient.invalidateQueries({ queryKey: ["customer", id] });
        }, showError),
    });
  const save = async () => {
    const values = await validFields(form);
    if (!values) return;
    try {
      // One form for the three: each posts its own body.
      if (editing === "customer")
        await api("PATCH", `/api/customers/${id}`, values as Partial<CustomerInput>);
      if (editing === "contact") await post(`/api/customers/${id}/contacts`, values as ContactInput);
      if (editing === "purchase") {
        const deliveredOn = (values.deliveredOn as Dayjs | undefined)?.format("YYYY-MM-DD") ?? null;
        await post(`/api/customers/${id}/purchases`, {
          ...(values as Omit<PurchaseInput, "deliveredOn">),
          deliveredOn,
        } satisfies PurchaseInput);
      }
      setEditing(null);
      message.success(t("common.saved"));
      void queryClient.invalidateQueries({ queryKey: ["customer", id] });
    } catch (error) {
      showError(error);
    }
  };
  const required = rules.required;
  // An erased customer's record is kept as it is (PIPL): nothing more is added or changed.
  const canEdit = hasCapability(me, "customer.edit") && !c.anonymisedAt;
  /** A tab's table, with the button that adds to it for those who may edit the customer. */
  const withAdd = (kind: "contact" | "purchase", table: React.ReactNode) => (
    <Space direction="vertical" style={{ width: "100%" }}>
      {canEdit && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing(kind)}>
          {t(kind === "contact" ? "customer.addContact" : "customer.addPurchase")}
        </Button>
      )}
      {table}
    </Space>
  );
  const contactValue = (contact: Contact, key: "mobile" | "phone" | "email") =>
    unmasked?.contacts.find((u) => u.id === contact.id)?.[key] ?? contact[key];
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={
          <Space>
            {c.name}
            <Tag color={c.grade === "key" ? "red" : undefined}>{t(`grade.${c.grade}`)}</Tag>
            {c.isVip && <Tag color="gold">VIP</Tag>}
            {c.anonymisedAt && <Tag>{t("dataRequest.anonymised")}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {canEdit && <Button onClick={() => setEditing("customer")}>{t("customer.edit")}</Button>}
            {hasCapability(me, "customer.pii.view") && !unmasked && (
              <Button onClick={unmask}>{t("customer.unmask")}</Button>
            )}
            {hasCapability(me, "customer.pii.view") && hasCapability(me, "customer.export") && (
              <Button onClick={exportPersonalData}>{t("customer.personalData")}</Button>
            )}
          </Space>
        }
      >
        {c.anonymisedAt && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t("dataRequest.anonymisedNotice", { date: formatTime(c.anonymisedAt).slice(0, 10) })}
          />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("customer.kind")}>{t(`kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("customer.phone")}>
            {unmasked?.phone ?? c.phone ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.email")}>
            {unmasked?.email ?? c.email ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.address")}>
            {unmasked?.address ?? c.address ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.industry")}>{c.industry ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("customer.owner")}>{c.owner?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("customer.tags")}>
            {c.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.notes")}>{c.notes ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      {Boolean(duplicates.data?.length) && (
        <Card title={t("customer.duplicates")} size="small">
          {duplicates.data!.map((d) => (
            <Space key={d.id} style={{ display: "flex", marginBottom: 8 }} wrap>
              <Link to={`/customers/${d.id}`}>{d.name}</Link>
              {d.phone}
              <Tag>
                {t("customer.matchedOn", {
                  fields: d.matchedOn.map((f) => t(`customer.${f === "name" ? "name" : f}`)).join("、"),
                })}
              </Tag>
              {hasCapability(me, "customer.merge") && (
                <Button size="small" onClick={() => merge(d)}>
                  {t("customer.merge")}
                </Button>
              )}
            </Space>
          ))}
        </Card>
      )}
      <Card>
        <Tabs
          items={[
            {
              key: "tickets",
              label: `${t("customer.tickets")} (${v.tickets.length})`,
              children: (
                <Table<TicketSummary>
                  rowKey="id"
                  size="small"
                  dataSource={v.tickets}
                  pagination={{ pageSize: 10 }}
                  scroll={{ x: 700 }}
                  locale={{ emptyText: t("common.empty") }}
                  columns={[
                    {
                      title: t("ticket.number"),
                      dataIndex: "number",
                      render: (n: string, r) => <Link to={`/tickets/${r.id}`}>{n}</Link>,
                    },
                    { title: t("ticket.title"), dataIndex: "title", ellipsis: true },
                    {
                      title: t("ticket.type"),
                      dataIndex: "type",
                      render: (x: string) => t(`ticketType.${x}`),
                    },
                    {
                      title: t("ticket.priority"),
                      dataIndex: "priority",
                      render: (x: string) => <PriorityTag priority={x} />,
                    },
                    {
                      title: t("ticket.status"),
                      dataIndex: "status",
                      render: (x: string) => <StatusTag status={x} />,
                    },
                    {
                      title: t("ticket.createdAt"),
                      dataIndex: "createdAt",
                      render: (x: string) => formatTime(x),
                    },
                  ]}
                />
              ),
            },
            {
              key: "contacts",
              label: `${t("customer.contacts")} (${v.contacts.length})`,
              children: withAdd(
                "contact",
                <Table<Contact>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={v.contacts}
                  locale={{ emptyText: t("common.empty") }}
                  columns={[
                    {
                      title: t("customer.contactName"),
                      dataIndex: "name",
                      render: (n: string, r) =>
                        r.isPrimary ? (
                          <Space>
                            {n}
                            <Tag>{t("customer.primary")}</Tag>
                          </Space>
                        ) : (
                          n
                        ),
                    },
                    { title: t("customer.title"), dataIndex: "title" },
                    { title: t("customer.mobile"), render: (_, r) => contactValue(r, "mobile") },
                    { title: t("customer.email"), render: (_, r) => contactValue(r, "email") },
                  ]}
                />,
              ),
            },
            {
              key: "purchases",
              label: `${t("customer.purchases")} (${v.purchases.length})`,
              children: withAdd(
                "purchase",
                <Table<Purchase>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={v.purchases}
                  locale={{ emptyText: t("common.empty") }}
                  columns={[
                    { title: t("customer.orderNo"), dataIndex: "orderNo" },
                    { title: t("customer.product"), dataIndex: "product" },
                    { title: t("customer.model"), dataIndex: "model" },
                    { title: t("customer.serialNo"), dataIndex: "serialNo" },
                    { title: t("customer.deliveredOn"), dataIndex: "deliveredOn" },
                    { title: t("customer.warrantyEndsOn"), dataIndex: "warrantyEndsOn" },
                  ]}
                />,
              ),
            },
            {
              key: "agreements",
              label: t("menu.agreements"),
              children: <AgreementsTable customerId={id} />,
            },
            {
              // What the customer agreed to, and what they asked of their personal data (PIPL).
              key: "privacy",
              label: t("customer.privacy"),
              children: (
                <Space direction="vertical" style={{ width: "100%" }} size={16}>
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t("consent.tab")}
                  </Typography.Title>
                  <ConsentsTab customerId={id!} canEdit={canEdit} />
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t("dataRequest.tab")}
                  </Typography.Title>
                  <DataRequests customerId={id!} canLog={canEdit} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={Boolean(editing)}
        title={
          editing &&
          t(
            `customer.${editing === "customer" ? "edit" : editing === "contact" ? "addContact" : "addPurchase"}`,
          )
        }
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            editing === "customer"
              ? {
                  name: c.name,
                  ownerUserId: c.owner?.id,
                  grade: c.grade,
                  isVip: c.isVip,
                  industry: c.industry,
                  region: c.region,
                  tags: c.tags,
                  notes: c.notes,
                }
              : { warrantyMonths: 24, quantity: 1 }
          }
        >
          {editing === "customer" && (
            <>
              <Form.Item name="name" label={t("customer.name")} rules={[required]}>
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item name="grade" label={t("customer.grade")}>
                  <Select
                    style={{ width: 140 }}
                    options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
                  />
                </Form.Item>
                <Form.Item name="isVip" label="VIP" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Space>
              <Form.Item name="ownerUserId" label={t("customer.owner")}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
                />
              </Form.Item>
              <Form.Item name="industry" label={t("customer.industry")}>
                <Input />
              </Form.Item>
              <Form.Item name="region" label={t("customer.region")}>
                <Input />
              </Form.Item>
              <Form.Item name="tags" label={t("customer.tags")}>
                <Select mode="tags" />
              </Form.Item>
              <Form.Item name="notes" label={t("customer.notes")}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {editing === "contact" && (
            <>
              <Form.Item name="name" label={t("customer.contactName")} rules={[required]}>
                <Input />
              </Form.Item>
              <Form.Item name="title" label={t("customer.title")}>
                <Input />
              </Form.Item>
              <Form.Item name="mobile" label={t("customer.mobile")} rules={[rules.phone]}>
                <Input inputMode="tel" />
              </Form.Item>
              <Form.Item name="email" label={t("customer.email")} rules={[rules.email]}>
                <Input inputMode="email" />
              </Form.Item>
              <Form.Item name="isPrimary" label={t("customer.primary")} valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
          {editing === "purchase" && (
            <>
              <Form.Item name="product" label={t("customer.product")} rules={[required]}>
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item name="model" label={t("customer.model")}>
                  <Input />
                </Form.Item>
                <Form.Item name="serialNo" label={t("customer.serialNo")}>
                  <Input />
                </Form.Item>
                <Form.Item name="orderNo" label={t("customer.orderNo")}>
                  <Input />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="quantity" label={t("customer.quantity")}>
                  <InputNumber min={1} />
                </Form.Item>
                <Form.Item name="deliveredOn" label={t("customer.deliveredOn")}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="warrantyMonths" label={t("customer.warrantyMonths")}>
                  <InputNumber min={0} max={240} />
                </Form.Item>
              </Space>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
