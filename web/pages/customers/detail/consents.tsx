import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CONSENT_PURPOSES, CONSENT_SOURCES } from "../../../../common/enums";
import type { ConsentInput, CustomerConsents } from "../../../../common/schemas/customers";
import { get, post } from "../../../lib/api";
import { useShowError, validFields } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { useFieldRules } from "../../../lib/rules";

type Consent = CustomerConsents["history"][number];
type Entry = ConsentInput;

/** What the customer agreed to (C153): each purpose as it stands, and every record given or withdrawn. */
export function ConsentsTab({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const rules = useFieldRules();
  const [form] = Form.useForm<Entry>();
  const [recording, setRecording] = useState(false);
  const [saving, setSaving] = useState(false);
  const key = ["customer", customerId, "consents"];
  const consents = useQuery({
    queryKey: key,
    queryFn: () => get<CustomerConsents>(`/api/customers/${customerId}/consents`),
  });
  const stateTag = (granted: boolean) =>
    granted ? <Tag color="green">{t("consent.granted")}</Tag> : <Tag>{t("consent.notGranted")}</Tag>;
  const save = async () => {
    const values = await validFields(form);
    if (!values || saving) return;
    setSaving(true);
    try {
      queryClient.setQueryData(
        key,
        await post<CustomerConsents>(`/api/customers/${customerId}/consents`, values),
      );
      setRecording(false);
      message.success(t("common.saved"));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap size={[16, 8]}>
        {(consents.data?.current ?? []).map((c) => (
          <Space key={c.purpose} size={4}>
            {t(`consent.purpose.${c.purpose}`)}
            {stateTag(c.granted)}
            <Typography.Text type="secondary">
              {c.since ? formatTime(c.since) : t("consent.byDefault")}
            </Typography.Text>
          </Space>
        ))}
        {canEdit && (
          <Button onClick={() => setRecording(true)} disabled={!consents.data}>
            {t("consent.record")}
          </Button>
        )}
      </Space>
      <Table<Consent>
        rowKey="id"
        size="small"
        loading={consents.isLoading}
        dataSource={consents.data?.history}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t("consent.none") }}
        columns={[
          { title: t("consent.at"), dataIndex: "recordedAt", render: (x: string) => formatTime(x) },
          {
            title: t("consent.purposeLabel"),
            dataIndex: "purpose",
            render: (x: string) => t(`consent.purpose.${x}`),
          },
          { title: t("consent.state"), dataIndex: "granted", render: (x: boolean) => stateTag(x) },
          {
            title: t("consent.sourceLabel"),
            dataIndex: "source",
            render: (x: string) => t(`consent.source.${x}`),
          },
          { title: t("consent.note"), dataIndex: "note", ellipsis: true },
          { title: t("consent.by"), dataIndex: "recordedBy" },
        ]}
      />
      <Modal
        open={recording}
        title={t("consent.record")}
        onOk={save}
        okButtonProps={{ loading: saving }}
        onCancel={() => setRecording(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ granted: true }}>
          <Form.Item name="purpose" label={t("consent.purposeLabel")} rules={[rules.required]}>
            <Select options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))} />
          </Form.Item>
          <Form.Item name="granted" label={t("consent.state")}>
            <Radio.Group
              options={[
                { value: true, label: t("consent.give") },
                { value: false, label: t("consent.withdraw") },
              ]}
            />
          </Form.Item>
          <Form.Item name="source" label={t("consent.sourceLabel")} rules={[rules.required]}>
            <Select options={CONSENT_SOURCES.map((s) => ({ value: s, label: t(`consent.source.${s}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t("consent.note")} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
