import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { RepairReturnStatus, WorkOrderStatus } from "../../common/enums";

const STATUS_COLOR: Record<WorkOrderStatus, string> = {
  pending: "orange",
  assigned: "blue",
  accepted: "cyan",
  on_the_way: "geekblue",
  on_site: "purple",
  in_workshop: "magenta",
  completed: "green",
  cancelled: "default",
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`workOrderStatus.${status}`)}</Tag>;
}

const RETURN_COLOR: Record<RepairReturnStatus, string> = {
  received: "magenta",
  repaired: "blue",
  returned: "green",
};

export function RepairReturnStatusTag({ status }: { status: RepairReturnStatus }) {
  const { t } = useTranslation();
  return <Tag color={RETURN_COLOR[status]}>{t(`repairReturnStatus.${status}`)}</Tag>;
}

/** 保修内 (free) or 保修外 (charged), and when the charge goes against the warranty, that it was overridden. */
export function WarrantyTag({
  order,
}: {
  order: { inWarranty: boolean; chargeable: boolean; chargeableReason: string | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={order.inWarranty ? "green" : "volcano"}>
        {t(order.inWarranty ? "workOrder.inWarranty" : "workOrder.outOfWarranty")}
      </Tag>
      <Tag>{t(order.chargeable ? "workOrder.chargeable" : "workOrder.free")}</Tag>
      {order.chargeableReason && <Tag color="gold">{t("workOrder.overridden")}</Tag>}
    </>
  );
}
