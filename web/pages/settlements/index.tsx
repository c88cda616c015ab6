import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatFen } from "../../../common/format";
import type { ConfirmSettlementInput, WorkOrderRow } from "../../../common/schemas/field-service";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { workOrderColumns } from "../../components/work-order-columns";
import { get, post, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";

type Status = "to_confirm" | "confirmed";
type Row = WorkOrderRow & {
  ticketNumber: string;
  customer: string | null;
  engineer: string | null;
  totalFen: number;
};
const PAGE_SIZE = 20;

/**
 * 服务结算 (C076): chargeable work orders with labour, parts and travel; finance confirms each payment
 * once, with its voucher number.
 */
export default function SettlementsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<ConfirmSettlementInput>();
  const [status, setStatus] = useState<Status>("to_confirm");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["work-orders", "settlements", status, page],
    queryFn: () =>
      get<{ items: Row[]; total: number }>(`/api/settlements${qs({ status, page, pageSize: PAGE_SIZE })}`),
  });
  const canConfirm = hasCapability(me, "finance.confirm");
  return (
    <Card
      title={t("menu.settlements")}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as Status);
            setPage(1);
          }}
          options={(["to_confirm", "confirmed"] as const).map((s) => ({
            value: s,
            label: t(`workOrder.settlement_${s}`),
          }))}
        />
      }
    >
      <ResponsiveTable<Row>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("settlements.empty")} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          ...workOrderColumns<Row>(t),
          { title: t("workOrder.labour"), align: "right", render: (_, r) => formatFen(r.labourFen) },
          { title: t("workOrder.partsFee"), align: "right", render: (_, r) => formatFen(r.partsFen) },
          { title: t("workOrder.travel"), align: "right", render: (_, r) => formatFen(r.travelFen) },
          {
            title: t("workOrder.total"),
            align: "right",
            render: (_, r) => <strong>{formatFen(r.totalFen)}</strong>,
          },
          { title: t("settlements.completedAt"), render: (_, r) => formatTime(r.completedAt) },
          {
            title: status === "confirmed" ? t("workOrder.voucherNo") : t("common.actions"),
            render: (_, r) =>
              status === "confirmed"
                ? `${r.voucherNo ?? "—"} ${formatTime(r.settledAt)}`
                : canConfirm && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        setOpen({
                          title: t("settlements.confirmTitle", {
                            number: r.number,
                            total: formatFen(r.totalFen),
                          }),
                          save: (v) =>
                            post(`/api/work-orders/${r.id}/settle`, v).then(() =>
                              queryClient.invalidateQueries({ queryKey: ["work-orders"] }),
                            ),
                        })
                      }
                    >
                      {t("workOrder.settle")}
                    </Button>
                  ),
          },
        ]}
      />
      {dialog(<RequiredField name="voucherNo" label={t("workOrder.voucherNo")} />)}
    </Card>
  );
}
