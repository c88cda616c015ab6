import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkOrderRow } from "../../../common/schemas/field-service";
import { ResponsiveTable } from "../../components/responsive-table";
import { workOrderColumns } from "../../components/work-order-columns";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

type Queue = "submitted" | "overdue" | "returned" | "approved";
type Row = WorkOrderRow & { customer: string | null; engineer: string | null };
const PAGE_SIZE = 20;

/**
 * 服务报告审核 (C073): the supervisors' queues of 售后服务记录 — to review, overdue (not handed in
 * within 5 days of the return), sent back, archived. A report is reviewed on its work order's page.
 */
export default function ServiceReportsPage() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<Queue>("submitted");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["work-orders", "reports", queue, page],
    queryFn: () =>
      get<{ items: Row[]; total: number }>(`/api/service-reports${qs({ queue, page, pageSize: PAGE_SIZE })}`),
  });
  return (
    <Card
      title={t("menu.serviceReports")}
      extra={
        <Segmented
          value={queue}
          onChange={(v) => {
            setQueue(v as Queue);
            setPage(1);
          }}
          options={(["submitted", "overdue", "returned", "approved"] as const).map((q) => ({
            value: q,
            label: t(`workOrder.reportQueue_${q}`),
          }))}
        />
      }
    >
      <ResponsiveTable<Row>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("workOrder.noReports")} />}
        scrollX={800}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          ...workOrderColumns<Row>(t),
          { title: t("workOrder.workDone"), render: (_, r) => r.workDone ?? "—", ellipsis: true },
          { title: t("workOrder.returnedAt"), render: (_, r) => formatTime(r.returnedAt) },
          { title: t("workOrder.reportDueOn"), render: (_, r) => r.reportDueOn ?? "—" },
          {
            title: t("workOrder.reviewComment"),
            render: (_, r) => r.reportComment ?? "—",
            ellipsis: true,
          },
        ]}
      />
    </Card>
  );
}
