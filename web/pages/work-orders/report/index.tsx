import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { useParams } from "react-router";
import { settlementTotal } from "../../../../common/field-service";
import { WORK_ORDER_KIND_LABELS } from "../../../../common/labels";
import type { WorkOrderDetail } from "../../../../common/schemas/field-service";
import { PaperSignature, PrintDocument, paperTime as zh } from "../../../components/print-document";
import { get } from "../../../lib/api";
import { formatFen } from "../../../lib/format";

/**
 * 售后服务记录 (C071, C072): the service report of a completed work order, a Chinese document the
 * customer signed, printed or saved as PDF from the browser's print dialog.
 */
export default function ServiceReportPage() {
  const { id } = useParams<{ id: string }>();
  const order = useQuery({
    queryKey: ["work-orders", id],
    queryFn: () => get<WorkOrderDetail>(`/api/work-orders/${id}`),
  });
  const w = order.data;
  if (!w) return <Card loading />;
  const rows: [string, React.ReactNode][] = [
    ["派工单号", w.number],
    ["服务单号", w.ticketNumber],
    ["客户", w.customer ?? "—"],
    ["联系人", [w.contactName, w.contactPhone].filter(Boolean).join(" ")],
    ["服务地址", w.siteAddress],
    ["服务类别", WORK_ORDER_KIND_LABELS[w.kind]["zh-CN"]],
    ["产品 / 型号 / 序列号", [w.product, w.model, w.serialNo].filter(Boolean).join(" / ")],
    [
      "保修",
      `${w.inWarranty ? "保修期内" : "保修期外"}${w.warrantyEndsOn ? `（至 ${w.warrantyEndsOn}）` : ""}，${w.chargeable ? "收费" : "免费"}`,
    ],
    ["故障现象", w.fault],
    ["服务工程师", w.engineer ?? "—"],
    ["预约时间", zh(w.appointmentAt)],
    [
      "出发 / 到达",
      `${zh(w.departedAt)} / ${zh(w.arrivedAt)}${w.lateMinutes ? `（迟到 ${w.lateMinutes} 分钟）` : ""}`,
    ],
    ["完工时间", zh(w.completedAt)],
    ["故障诊断", w.diagnosis ?? "—"],
    ["故障原因", w.faultCause ?? "—"],
    ["维修处理", w.workDone ?? "—"],
    ["修后测试", w.testResult ?? "—"],
    ["维护保养建议", w.maintenanceAdvice ?? "—"],
    [
      "使用备件",
      w.parts.filter((p) => p.used).length
        ? w.parts
            .filter((p) => p.used)
            .map((p) => `${p.code} ${p.name} × ${p.used}${p.unit}`)
            .join("；")
        : "无",
    ],
  ];
  if (w.chargeable)
    rows.push([
      "费用",
      `人工 ${formatFen(w.labourFen)}，备件 ${formatFen(w.partsFen)}，差旅 ${formatFen(w.travelFen)}，合计 ${formatFen(settlementTotal(w))}`,
    ]);
  rows.push([
    "客户意见",
    `${w.customerSatisfied === false ? "不满意" : w.customerSatisfied ? "满意" : "—"}${w.customerOpinion ? `：${w.customerOpinion}` : ""}`,
  ]);
  rows.push([
    "客户签字",
    w.signatureAttachmentId ? (
      <PaperSignature
        key="signature"
        attachmentId={w.signatureAttachmentId}
        name={w.signerName}
        at={w.signedAt}
      />
    ) : (
      `未签字：${w.noSignatureReason ?? "—"}`
    ),
  ]);
  return (
    <PrintDocument title="售后服务记录" rows={rows} back={`/work-orders/${id}`} testId="service-report" />
  );
}
