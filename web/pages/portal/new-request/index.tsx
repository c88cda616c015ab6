import type { UploadFile } from "antd";
import { App, Button, Card, Form, Input, Radio, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";

const PORTAL_TYPES = ["inquiry", "complaint", "repair", "return", "suggestion"] as const;

export default function NewRequest() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { type: string; title: string; description: string }) => {
    setBusy(true);
    try {
      const created = await post<{ id: string; number: string }>("/api/tickets", {
        ...values,
        channel: "portal",
      });
      for (const file of files) {
        const form = new FormData();
        form.append("file", file.originFileObj as Blob, file.name);
        await api("POST", `/api/tickets/${created.id}/attachments`, form);
      }
      message.success(t("portal.submitted", { number: created.number }));
      navigate(`/portal/tickets/${created.id}`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, message: t("common.required") };
  return (
    <Card title={t("portal.newRequest")}>
      <Form layout="vertical" onFinish={submit} initialValues={{ type: "repair" }}>
        <Form.Item name="type" label={t("portal.requestType")}>
          <Radio.Group
            optionType="button"
            options={PORTAL_TYPES.map((v) => ({ value: v, label: t(`ticketType.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("ticket.title")} rules={[required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t("ticket.description")} rules={[required]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item label={t("ticket.attach")}>
          <Upload
            beforeUpload={() => false}
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            multiple
          >
            <Button>{t("ticket.attach")}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t("common.submit")}
        </Button>
      </Form>
    </Card>
  );
}
