import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { useParams } from "react-router";
import type { RepairReturnRow } from "../../../common/schemas/field-service";
import { PaperSignature, PrintDocument, paperTime } from "../../components/print-document";
import { get } from "../../lib/api";

/**
 * 客户产品返修收据 (C075): what the engineer took back, signed by the customer, who keeps it and hands
 * it back with the repaired product. Printed or saved as PDF from the browser.
 */
export default function RepairReceiptPage() {
  const { id } = useParams<{ id: string }>();
  const receipt = useQuery({
    queryKey: ["work-orders", "repair-returns", id],
    queryFn: () => get<RepairReturnRow & { organization: string }>(`/api/repair-returns/${id}`),
  });
  const r = receipt.data;
  if (!r) return <Card loading />;
  const rows: [string, React.ReactNode][] = [
    ["收据编号", r.number],
    ["派工单号 / 服务单号", `${r.workOrderNumber} / ${r.ticketNumber}`],
    ["客户", r.customer ?? "—"],
    ["联系人", r.contactName ?? "—"],
    ["产品 / 型号 / 序列号", [r.product, r.model, r.serialNo].filter(Boolean).join(" / ")],
    ["随机附件", r.accessories ?? "无"],
    ["外观状况", r.condition ?? "—"],
    ["故障描述", r.fault],
    ["带回时间", paperTime(r.receivedAt)],
    ["收件工程师", r.receivedByName],
    ["预计送还日期", r.expectedBackOn ?? "—"],
    [
      "客户签字",
      <PaperSignature
        key="signature"
        attachmentId={r.signatureAttachmentId}
        name={r.signerName}
        at={r.receivedAt}
      />,
    ],
  ];
  if (r.returnedAt)
    rows.push([
      "送还",
      `${paperTime(r.returnedAt)}，${r.receiptTakenBack ? "收据已收回" : `收据未收回：${r.returnNote ?? "—"}`}`,
    ]);
  return (
    <PrintDocument
      title={`${r.organization} 客户产品返修收据`}
      rows={rows}
      back={`/work-orders/${r.workOrderId}`}
      testId="repair-receipt"
      footer={
        <p style={{ marginTop: 12, fontSize: 13 }}>
          本收据是客户取回产品的凭证，请妥善保管；产品修复送还时请将本收据交回工程师。
        </p>
      }
    />
  );
}
