import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { localIsoDate } from "../../../../../common/business-time";
import { WORK_ORDER_KINDS } from "../../../../../common/enums";
import { warrantyOn } from "../../../../../common/field-service";
import { yuanToFen } from "../../../../../common/format";
import type {
  WorkOrderDetail,
  WorkOrderInput,
  WorkOrderRow,
} from "../../../../../common/schemas/field-service";
import type { RepairRequest } from "../../../../../common/schemas/tickets";
import { useFormDialog } from "../../../../components/form-dialog";
import { RequiredField } from "../../../../components/required-field";
import { ResponsiveTable } from "../../../../components/responsive-table";
import { WarrantyTag, WorkOrderStatusTag } from "../../../../components/work-order-tags";
import { get, post } from "../../../../lib/api";
import { formatTime } from "../../../../lib/format";
import { useMe } from "../../../../lib/session";

type Purchase = {
  id: string;
  product: string;
  model: string | null;
  serialNo: string | null;
  deliveredOn: string | null;
  warrantyEndsOn: string | null;
};
type Row = WorkOrderRow & { engineer: string | null };

/**
 * 派工单 of a ticket (SPEC M5): the visits so far and a new one, with the warranty decided from the
 * installed base. Shown on repair and return tickets, and on any other that has work orders.
 */
export function WorkOrdersPanel({
  ticketId,
  customerId,
  onSite,
  canCreate: mayCreate,
  description,
  repairRequest,
}: {
  ticketId: string;
  customerId: string | null;
  onSite: boolean;
  canCreate: boolean;
  /** The ticket's description: the fault, to start with. */
  description: string;
  repairRequest: RepairRequest | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { setOpen, dialog, form } = useFormDialog<
    Omit<WorkOrderInput, "preferredAt" | "estimateFen"> & { preferredAt?: Dayjs; estimate?: number }
  >();
  const [purchaseId, setPurchaseId] = useState<string | null>(null);
  const { data: me } = useMe();
  /** The organisation's today: the warranty preview decides as the server will. */
  const today = () => localIsoDate(new Date(), me?.org.timeZone ?? "Asia/Shanghai");
  const orders = useQuery({
    queryKey: ["ticket", ticketId, "work-orders"],
    queryFn: () => get<Row[]>(`/api/tickets/${ticketId}/work-orders`),
  });
  const canCreate = mayCreate && onSite;
  const customer = useQuery({
    queryKey: ["customer", customerId],
    queryFn: () =>
      get<{
        purchases: Purchase[];
        agreement: { warrantyMonths: number | null } | null;
        customer: { address: string | null; region: string | null };
      }>(`/api/customers/${customerId}`),
    enabled: canCreate && Boolean(customerId),
  });
  const purchases = customer.data?.purchases ?? [];
  const chosen = purchases.find((p) => p.id === purchaseId) ?? null;
  const agreementMonths = customer.data?.agreement?.warrantyMonths ?? undefined;
  const warranty = warrantyOn(chosen, today(), agreementMonths);
  const chargeable = (Form.useWatch("chargeable", form) as boolean | undefined) ?? !warranty.inWarranty;
  const overridden = chargeable === warranty.inWarranty;
  const create = () => {
    // The caller's 报修 (portal or agent) is the first draft: their unit, site and preferred time.
    const unit = purchases.find((p) => p.id === repairRequest?.purchaseId) ?? null;
    setPurchaseId(unit?.id ?? null);
    setOpen({
      title: t("workOrder.create"),
      width: 640,
      initial: {
        kind: "repair",
        purchaseId: unit?.id,
        product: repairRequest?.product ?? undefined,
        serialNo: repairRequest?.serialNo ?? undefined,
        fault: description,
        chargeable: !warrantyOn(unit, today(), agreementMonths).inWarranty,
        siteAddress: repairRequest?.siteAddress ?? customer.data?.customer.address ?? undefined,
        region: customer.data?.customer.region ?? undefined,
        preferredAt: repairRequest?.preferredAt ? dayjs(repairRequest.preferredAt) : undefined,
      },
      save: async (v) => {
        const order = await post<WorkOrderDetail>(`/api/tickets/${ticketId}/work-orders`, {
          ...v,
          preferredAt: v.preferredAt?.toISOString() ?? null,
          estimateFen: yuanToFen(v.estimate) ?? 0,
        } satisfies WorkOrderInput);
        await queryClient.invalidateQueries({ queryKey: ["ticket", ticketId] });
        navigate(`/work-orders/${order.id}`);
      },
    });
  };
  if (!onSite && !orders.data?.length) return null;
  return (
    <Card
      title={t("workOrder.title")}
      style={{ marginTop: 16 }}
      extra={
        canCreate && (
          <Button type="primary" onClick={create} data-testid="create-work-order">
            {t("workOrder.create")}
          </Button>
        )
      }
    >
      <ResponsiveTable<Row>
        dataSource={orders.data}
        loading={orders.isLoading}
        emptyText={<Empty description={t("workOrder.none")} />}
        scrollX={700}
        columns={[
          {
            title: t("workOrder.number"),
            render: (_, r) => <Link to={`/work-orders/${r.id}`}>{r.number}</Link>,
          },
          { title: t("workOrder.kind"), render: (_, r) => t(`workOrderKind.${r.kind}`) },
          { title: t("ticket.status"), render: (_, r) => <WorkOrderStatusTag status={r.status} /> },
          { title: t("workOrder.engineer"), render: (_, r) => r.engineer ?? "—" },
          { title: t("workOrder.appointment"), render: (_, r) => formatTime(r.appointmentAt) },
          { title: t("workOrder.warranty"), render: (_, r) => <WarrantyTag order={r} /> },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="kind" label={t("workOrder.kind")}>
            <Select options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`workOrderKind.${k}`) }))} />
          </RequiredField>
          <Form.Item
            name="purchaseId"
            label={t("workOrder.installedUnit")}
            extra={t("workOrder.installedUnitHelp")}
          >
            <Select
              allowClear
              onChange={(id: string | undefined) => {
                setPurchaseId(id ?? null);
                const unit = purchases.find((p) => p.id === id) ?? null;
                form.setFieldValue("chargeable", !warrantyOn(unit, today(), agreementMonths).inWarranty);
              }}
              options={purchases.map((p) => ({
                value: p.id,
                label: [p.product, p.model, p.serialNo].filter(Boolean).join(" · "),
              }))}
            />
          </Form.Item>
          <Space wrap style={{ marginBottom: 12 }} data-testid="warranty-preview">
            <WarrantyTag
              order={{
                inWarranty: warranty.inWarranty,
                chargeable,
                chargeableReason: overridden ? t("workOrder.overridden") : null,
              }}
            />
            <Typography.Text type="secondary">
              {warranty.endsOn
                ? t("workOrder.warrantyEnds", { date: warranty.endsOn })
                : t("workOrder.noPurchase")}
            </Typography.Text>
          </Space>
          {!purchaseId && <RequiredField name="product" label={t("workOrder.product")} />}
          {!purchaseId && (
            <Form.Item name="serialNo" label={t("workOrder.serialNo")}>
              <Input />
            </Form.Item>
          )}
          <RequiredField name="fault" label={t("workOrder.fault")}>
            <Input.TextArea rows={3} />
          </RequiredField>
          <RequiredField name="siteAddress" label={t("workOrder.siteAddress")} />
          <Form.Item name="region" label={t("workOrder.region")} extra={t("workOrder.regionHelp")}>
            <Input />
          </Form.Item>
          <Form.Item name="preferredAt" label={t("workOrder.preferredAt")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="estimate" label={t("workOrder.estimate")} extra={t("workOrder.estimateHelp")}>
            <InputNumber min={0} precision={2} prefix="¥" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="chargeable" label={t("workOrder.chargeable")} valuePropName="checked">
            <Switch />
          </Form.Item>
          {overridden && (
            <RequiredField name="chargeableReason" label={t("workOrder.overrideReason")}>
              <Input.TextArea rows={2} />
            </RequiredField>
          )}
        </>,
      )}
    </Card>
  );
}
