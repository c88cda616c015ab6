import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { CUSTOMER_GRADES, CUSTOMER_KINDS } from "../../../../common/enums";
import type { CustomerDto, CustomerInput } from "../../../../common/schemas/customers";
import { RequiredField } from "../../../components/required-field";
import { SearchIndexNotice } from "../../../components/search-index-notice";
import { useXlsxImport } from "../../../components/xlsx-import";
import { get, post, qs } from "../../../lib/api";
import { useShowError, validFields } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { useFieldRules } from "../../../lib/rules";
import { hasCapability, useMe } from "../../../lib/session";

export default function CustomerList() {
  const { t } = useTranslation();
  const rules = useFieldRules();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const { data: me } = useMe();
  const [q, setQ] = useState<string>();
  const [grade, setGrade] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CustomerInput & { contactName?: string }>();
  const queryClient = useQueryClient();
  const importer = useXlsxImport("/api/customers/import", "customer.imported", () =>
    queryClient.invalidateQueries({ queryKey: ["customers"] }),
  );
  const list = useQuery({
    queryKey: ["customers", q, grade, page, pageSize],
    queryFn: () =>
      get<{ items: CustomerDto[]; total: number }>(`/api/customers${qs({ q, grade, page, pageSize })}`),
  });
  const create = async () => {
    const values = await validFields(form);
    if (!values) return;
    try {
      const created = await post<{ customerId: string }>("/api/customers", values);
      message.success(t("common.saved"));
      setCreating(false);
      navigate(`/customers/${created.customerId}`);
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("customer.searchPlaceholder")}
          style={{ width: 280 }}
          onSearch={(v) => {
            setQ(v || undefined);
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder={t("customer.grade")}
          style={{ width: 130 }}
          onChange={(v) => {
            setGrade(v);
            setPage(1);
          }}
          options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
        />
        {hasCapability(me, "customer.edit") && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("customer.newCustomer")}
          </Button>
        )}
        {hasCapability(me, "customer.import") && (
          <>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importer.upload(file);
                return false;
              }}
            >
              <Button>{t("customer.import")}</Button>
            </Upload>
            <Button href="/api/customers/import-template">{t("customer.template")}</Button>
          </>
        )}
        {hasCapability(me, "customer.export") && (
          <Button href="/api/customers/export">{t("customer.export")}</Button>
        )}
      </Space>
      <SearchIndexNotice searching={Boolean(q)} />
      <Table<CustomerDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        locale={{ emptyText: t("common.empty") }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total,
          showSizeChanger: true,
          showTotal: (count) => t("common.total", { count }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t("customer.name"),
            dataIndex: "name",
            render: (v: string, r) => <Link to={`/customers/${r.id}`}>{v}</Link>,
          },
          { title: t("customer.kind"), dataIndex: "kind", width: 80, render: (v: string) => t(`kind.${v}`) },
          {
            title: t("customer.grade"),
            dataIndex: "grade",
            width: 140,
            render: (v: string, r) => (
              <Space size={4}>
                <Tag color={v === "key" ? "red" : undefined}>{t(`grade.${v}`)}</Tag>
                {r.isVip && <Tag color="gold">VIP</Tag>}
              </Space>
            ),
          },
          { title: t("customer.phone"), dataIndex: "phone", width: 140 },
          {
            title: t("customer.tags"),
            dataIndex: "tags",
            render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
          },
          { title: t("customer.owner"), dataIndex: ["owner", "name"], width: 100 },
          {
            title: t("ticket.createdAt"),
            dataIndex: "createdAt",
            width: 150,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
      {importer.report}
      <Modal
        open={creating}
        title={t("customer.newCustomer")}
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: "enterprise", grade: "normal" }}
          preserve={false}
        >
          <RequiredField name="name" label={t("customer.name")} />
          <Space>
            <Form.Item name="kind" label={t("customer.kind")}>
              <Select
                style={{ width: 120 }}
                options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="grade" label={t("customer.grade")}>
              <Select
                style={{ width: 140 }}
                options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="phone" label={t("customer.phone")} rules={[rules.phone]}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t("customer.email")} rules={[rules.email]}>
            <Input inputMode="email" />
          </Form.Item>
          <Form.Item name="address" label={t("customer.address")}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
