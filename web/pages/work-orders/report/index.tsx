import { useQuery } from "@tanstack/react-query";
import { Button, Card, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { settlementTotal } from "../../../../common/field-service";
import { WORK_ORDER_KIND_LABELS } from "../../../../common/labels";
import type { WorkOrderDetail } from "../../../../common/schemas/field-service";
import { get } from "../../../lib/api";
import { formatFen, formatTime } from "../../../lib/format";

const cell = {
  border: "1px solid #333",
  padding: "6px 8px",
  verticalAlign: "top" as const,
  wordBreak: "break-word" as const,
};
const head = { ...cell, width: "26%", background: "#f5f5f5" };
const zh = (value: string | null | undefined) => formatTime(value).replace(/\//g, "-");

/**
 * 售后服务记录 (C071, C072): the service report of a completed work order, a Chinese document the
 * customer signed, printed or saved as PDF from the browser's print dialog.
 */
export default function ServiceReportPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
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
      <Space key="signature" direction="vertical" size={0}>
        <img src={`/api/attachments/${w.signatureAttachmentId}`} alt="客户签字" style={{ height: 80 }} />
        <span>
          {w.signerName} {zh(w.signedAt)}
        </span>
      </Space>
    ) : (
      `未签字：${w.noSignatureReason ?? "—"}`
    ),
  ]);
  return (
    <div className="service-report">
      <style>{`@media print {
        .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
        .ant-layout-content { margin: 0 !important; padding: 0 !important; }
      }`}</style>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t("workOrder.print")}
        </Button>
        <Link to={`/work-orders/${id}`}>{t("common.back")}</Link>
      </Space>
      <div
        style={{ background: "#fff", padding: "16px 8px", maxWidth: 820, margin: "0 auto", color: "#000" }}
      >
        <h2 style={{ textAlign: "center", letterSpacing: 4 }}>售后服务记录</h2>
        <table
          style={{ width: "100%", borderCollapse: "collapse", fontSize: 14 }}
          data-testid="service-report"
        >
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th style={head}>{label}</th>
                <td style={cell}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
