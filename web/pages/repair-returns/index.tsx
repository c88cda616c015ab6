import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, Empty, Segmented, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { REPAIR_RETURN_STATUSES, type RepairReturnStatus } from "../../../common/enums";
import type { RepairReturnRow } from "../../../common/schemas/field-service";
import { RepairReturnActions } from "../../components/repair-return-actions";
import { ResponsiveTable } from "../../components/responsive-table";
import { RepairReturnStatusTag } from "../../components/work-order-tags";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

const PAGE_SIZE = 20;

/**
 * 客户产品进出登记 (C075): every customer product taken back for repair — when it came in, signed for
 * by whom, whether it is repaired, when it went back out and whether the receipt came back.
 */
export default function RepairReturnsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RepairReturnStatus | "all">("received");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["work-orders", "repair-returns", status, page],
    queryFn: () =>
      get<{ items: RepairReturnRow[]; total: number }>(
        `/api/repair-returns${qs({ status: status === "all" ? undefined : status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  return (
    <Card
      title={t("repairReturn.title")}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as RepairReturnStatus | "all");
            setPage(1);
          }}
          options={[
            ...REPAIR_RETURN_STATUSES.map((s) => ({ value: s, label: t(`repairReturnStatus.${s}`) })),
            { value: "all", label: t("repairReturn.all") },
          ]}
        />
      }
    >
      <ResponsiveTable<RepairReturnRow>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("repairReturn.empty")} />}
        scrollX={1100}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t("repairReturn.number"), render: (_, r) => <strong>{r.number}</strong> },
          { title: t("repairReturn.status"), render: (_, r) => <RepairReturnStatusTag status={r.status} /> },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          {
            title: t("repairReturn.product"),
            render: (_, r) => [r.product, r.model, r.serialNo].filter(Boolean).join(" · "),
          },
          {
            title: t("workOrder.number"),
            render: (_, r) => <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link>,
          },
          {
            title: t("repairReturn.receivedAt"),
            render: (_, r) => `${formatTime(r.receivedAt)} ${r.receivedByName}`,
          },
          { title: t("repairReturn.expectedBackOn"), render: (_, r) => r.expectedBackOn ?? "—" },
          {
            title: t("repairReturn.returnedAt"),
            render: (_, r) =>
              r.returnedAt ? (
                <Space wrap size={4}>
                  {formatTime(r.returnedAt)}
                  <Tag color={r.receiptTakenBack ? "green" : "red"}>
                    {t(r.receiptTakenBack ? "repairReturn.receiptBack" : "repairReturn.receiptNotBack")}
                  </Tag>
                </Space>
              ) : (
                "—"
              ),
          },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <RepairReturnActions
                item={r}
                onDone={() => queryClient.invalidateQueries({ queryKey: ["work-orders"] })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
