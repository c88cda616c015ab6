import { useQuery } from "@tanstack/react-query";
import type { UploadFile } from "antd";
import { App, Button, Card, DatePicker, Form, Input, Radio, Select, Upload } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { TicketType } from "../../../../common/enums";
import { type CreateTicketInput, TICKET_TEXT_LIMITS } from "../../../../common/schemas/tickets";
import { api, get, newRequestKey, post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { useFieldRules } from "../../../lib/rules";

const PORTAL_TYPES = ["inquiry", "complaint", "repair", "return", "suggestion"] as const;
/** The Select value for a unit not in the installed base: the customer names it. */
const OTHER = "other";

type Unit = {
  id: string;
  product: string;
  model: string | null;
  serialNo: string | null;
  inWarranty: boolean;
  warrantyEndsOn: string | null;
};
type Values = {
  type: TicketType;
  title: string;
  description: string;
  unit?: string;
  product?: string;
  model?: string;
  serialNo?: string;
  siteAddress?: string;
  preferredAt?: Dayjs;
};

/** 报修 (C064): the unit from the customer's installed base (or named), the site and a preferred time. */
const repairRequestOf = (v: Values) =>
  v.type === "repair"
    ? {
        purchaseId: v.unit === OTHER ? null : v.unit,
        product: v.unit === OTHER ? v.product : null,
        model: v.unit === OTHER ? v.model : null,
        serialNo: v.unit === OTHER ? v.serialNo : null,
        // Required by the form for a repair; the server says so too if it is ever missing.
        siteAddress: v.siteAddress ?? "",
        preferredAt: v.preferredAt?.toISOString() ?? null,
      }
    : null;

export default function NewRequest() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  // One request key for this form: a retry after a cut connection does not file the request twice.
  const [requestKey] = useState(newRequestKey);
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch("type", form);
  const unit = Form.useWatch("unit", form);
  const units = useQuery({
    queryKey: ["portal", "installed-base"],
    queryFn: () => get<Unit[]>("/api/portal/installed-base"),
  });
  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const created = await post<{ id: string; number: string }>(
        "/api/tickets",
        {
          type: values.type,
          title: values.title,
          description: values.description,
          channel: "portal",
          repairRequest: repairRequestOf(values),
        } satisfies CreateTicketInput,
        { idempotencyKey: requestKey },
      );
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
  const { required } = useFieldRules();
  return (
    <Card title={t("portal.newRequest")}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: "repair" }}>
        <Form.Item name="type" label={t("portal.requestType")}>
          <Radio.Group
            optionType="button"
            options={PORTAL_TYPES.map((v) => ({ value: v, label: t(`ticketType.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("ticket.title")} rules={[required]}>
          <Input maxLength={TICKET_TEXT_LIMITS.title} showCount />
        </Form.Item>
        <Form.Item name="description" label={t("ticket.description")} rules={[required]}>
          <Input.TextArea
            rows={5}
            maxLength={TICKET_TEXT_LIMITS.description}
            showCount
            placeholder={type === "repair" ? t("portal.faultPlaceholder") : undefined}
          />
        </Form.Item>
        {type === "repair" && (
          <>
            <Form.Item name="unit" label={t("portal.unit")} rules={[required]}>
              <Select
                options={[
                  ...(units.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${[u.product, u.model, u.serialNo].filter(Boolean).join(" · ")}（${t(
                      u.inWarranty ? "portal.inWarranty" : "portal.outOfWarranty",
                      { date: u.warrantyEndsOn ?? "—" },
                    )}）`,
                  })),
                  { value: OTHER, label: t("portal.otherUnit") },
                ]}
              />
            </Form.Item>
            {unit === OTHER && (
              <>
                <Form.Item name="product" label={t("workOrder.product")} rules={[required]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="model" label={t("customer.model")}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="serialNo" label={t("workOrder.serialNo")}>
                  <Input maxLength={100} />
                </Form.Item>
              </>
            )}
            <Form.Item name="siteAddress" label={t("workOrder.siteAddress")} rules={[required]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="preferredAt" label={t("workOrder.preferredAt")}>
              <DatePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
              />
            </Form.Item>
          </>
        )}
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
