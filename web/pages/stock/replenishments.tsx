import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Empty, InputNumber, Segmented, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReceiveReplenishmentInput } from "../../../common/schemas/parts";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

type Status = "ordered" | "received" | "cancelled";
type Replenishment = {
  id: string;
  number: string;
  code: string;
  name: string;
  servicePoint: string;
  quantity: number;
  supplier: string | null;
  note: string | null;
  status: Status;
  receivedQuantity: number | null;
  closedAt: string | null;
  createdAt: string;
};
const PAGE_SIZE = 20;
const COLOR: Record<Status, string> = { ordered: "orange", received: "green", cancelled: "default" };

/** 补货单 (C078): replenishments ordered for the points, received into stock when they arrive. */
export function Replenishments({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<ReceiveReplenishmentInput>();
  const [status, setStatus] = useState<Status>("ordered");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["stock", "replenishments", status, page],
    queryFn: () =>
      get<{ items: Replenishment[]; total: number }>(
        `/api/replenishments${qs({ status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["stock"] });
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v as Status);
          setPage(1);
        }}
        options={(["ordered", "received", "cancelled"] as const).map((s) => ({
          value: s,
          label: t(`stock.replenishment_${s}`),
        }))}
      />
      <ResponsiveTable<Replenishment>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("stock.noReplenishments")} />}
        scrollX={900}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t("stock.replenishmentNo"), render: (_, r) => <strong>{r.number}</strong> },
          { title: t("stock.part"), render: (_, r) => `${r.code} ${r.name}` },
          { title: t("stock.servicePoint"), render: (_, r) => r.servicePoint },
          {
            title: t("stock.quantity"),
            align: "right",
            render: (_, r) =>
              r.receivedQuantity !== null && r.receivedQuantity !== r.quantity
                ? t("stock.receivedOf", { received: r.receivedQuantity, ordered: r.quantity })
                : r.quantity,
          },
          { title: t("stock.supplier"), render: (_, r) => r.supplier ?? "—" },
          { title: t("stock.orderedAt"), render: (_, r) => formatTime(r.createdAt) },
          {
            title: t("stock.status"),
            render: (_, r) => (
              <Space wrap size={4}>
                <Tag color={COLOR[r.status]}>{t(`stock.replenishment_${r.status}`)}</Tag>
                {r.closedAt && formatTime(r.closedAt)}
              </Space>
            ),
          },
          {
            title: t("common.actions"),
            render: (_, r) =>
              canManage &&
              r.status === "ordered" && (
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      setOpen({
                        title: t("stock.receiveReplenishment", { number: r.number }),
                        initial: { quantity: r.quantity },
                        save: (v) => post(`/api/replenishments/${r.id}/receive`, v).then(refresh),
                      })
                    }
                  >
                    {t("stock.receiveArrived")}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      modal.confirm({
                        title: t("stock.cancelReplenishment", { number: r.number }),
                        okButtonProps: { danger: true },
                        onOk: () => post(`/api/replenishments/${r.id}/cancel`).then(refresh, showError),
                      })
                    }
                  >
                    {t("common.cancel")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {dialog(
        <RequiredField name="quantity" label={t("stock.receivedQuantity")}>
          <InputNumber min={1} precision={0} />
        </RequiredField>,
      )}
    </>
  );
}
