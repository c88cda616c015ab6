import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Progress, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Recall, RecallInput, RecallPreview } from "../../../common/schemas/field-service";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";

type Row = Recall & { units: number; completed: number };

/** What the dialog holds: the selection (deliveries as a date range) and the campaign's texts. */
type RecallForm = Omit<RecallInput, "deliveredFrom" | "deliveredTo"> & { delivered?: [Dayjs, Dayjs] };

/** The selection and texts of the dialog, as the API takes them. */
function recallBody(v: RecallForm) {
  const { delivered, ...rest } = v;
  const [from, to] = delivered ?? [];
  return {
    ...rest,
    deliveredFrom: from?.format("YYYY-MM-DD"),
    deliveredTo: to?.format("YYYY-MM-DD"),
  } satisfies RecallInput;
}

/**
 * 产品召回 (C084): campaigns with their progress, and launching one — the units it would take are
 * previewed before anyone is told.
 */
export default function RecallsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { setOpen, dialog, form } = useFormDialog<RecallForm>();
  const [preview, setPreview] = useState<RecallPreview | null>(null);
  const list = useQuery({ queryKey: ["work-orders", "recalls"], queryFn: () => get<Row[]>("/api/recalls") });
  const rows = list.data ?? [];
  const launch = () => {
    setPreview(null);
    setOpen({
      title: t("recall.launch"),
      width: 680,
      save: async (v) => {
        const campaign = await post<Recall>("/api/recalls", recallBody(v));
        await queryClient.invalidateQueries({ queryKey: ["work-orders"] });
        navigate(`/recalls/${campaign.id}`);
      },
    });
  };
  const check = () =>
    form
      .validateFields(["product"])
      .then(() => post<RecallPreview>("/api/recalls/preview", recallBody(form.getFieldsValue())))
      .then(setPreview, (e) => e?.errorFields || showError(e));
  return (
    <Card
      title={t("menu.recalls")}
      extra={
        hasCapability(me, "workorder.dispatch") && (
          <Button type="primary" onClick={launch}>
            {t("recall.launch")}
          </Button>
        )
      }
    >
      <ResponsiveTable<Row>
        dataSource={rows}
        loading={list.isLoading}
        emptyText={<Empty description={t("recall.empty")} />}
        scrollX={800}
        columns={[
          { title: t("recall.number"), render: (_, r) => <Link to={`/recalls/${r.id}`}>{r.number}</Link> },
          { title: t("recall.title"), render: (_, r) => r.title, ellipsis: true },
          {
            title: t("workOrder.product"),
            render: (_, r) => [r.product, r.model].filter(Boolean).join(" · "),
          },
          {
            title: t("recall.progress"),
            render: (_, r) => (
              <Space>
                <Progress
                  percent={r.units ? Math.round((r.completed / r.units) * 100) : 0}
                  size="small"
                  style={{ width: 120 }}
                />
                {r.completed} / {r.units}
              </Space>
            ),
          },
          { title: t("recall.launchedAt"), render: (_, r) => formatTime(r.createdAt) },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="title" label={t("recall.title")}>
            <Input maxLength={200} />
          </RequiredField>
          <RequiredField name="reason" label={t("recall.reason")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </RequiredField>
          <Space wrap align="start">
            <RequiredField name="product" label={t("workOrder.product")}>
              <Input maxLength={200} />
            </RequiredField>
            <Form.Item name="model" label={t("customer.model")}>
              <Input maxLength={100} />
            </Form.Item>
          </Space>
          <Form.Item name="delivered" label={t("recall.deliveredBetween")}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="serialFrom" label={t("recall.serialFrom")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="serialTo" label={t("recall.serialTo")}>
              <Input maxLength={100} />
            </Form.Item>
          </Space>
          <Button onClick={check}>{t("recall.preview")}</Button>
          {preview && (
            <Alert
              style={{ marginTop: 12 }}
              type={preview.tooMany || !preview.total ? "warning" : "info"}
              data-testid="recall-preview"
              message={
                preview.tooMany
                  ? t("recall.tooMany")
                  : t("recall.previewCount", {
                      n: preview.total,
                      customers: new Set(preview.units.map((u) => u.customer)).size,
                    })
              }
              description={preview.units
                .slice(0, 10)
                .map((u) => `${u.customer} ${u.serialNo ?? ""}`)
                .join("、")}
            />
          )}
        </>,
      )}
    </Card>
  );
}
