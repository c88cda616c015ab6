import { useQuery } from "@tanstack/react-query";
import { Card, Empty, List, Pagination, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { WorkOrderRow } from "../../../../common/schemas/field-service";
import { WarrantyTag, WorkOrderStatusTag } from "../../../components/work-order-tags";
import { get, qs } from "../../../lib/api";
import { formatTime } from "../../../lib/format";
import { WeekSummaryForm } from "./week-summary";

type Row = WorkOrderRow & { customer: string | null };
const PAGE_SIZE = 20;

/**
 * 我的派工单: the engineer's jobs as large cards for a phone — in hand by appointment, or done — and
 * his weekly summary.
 */
export default function MyWorkOrdersPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<"open" | "done" | "summary">("open");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["work-orders", "mine", state, page],
    enabled: state !== "summary",
    queryFn: () =>
      get<{ items: Row[]; total: number }>(`/api/my-work-orders${qs({ state, page, pageSize: PAGE_SIZE })}`),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="my-work-orders">
      <Segmented
        block
        size="large"
        value={state}
        onChange={(v) => {
          setState(v as typeof state);
          setPage(1);
        }}
        options={[
          { value: "open", label: t("myWorkOrders.open") },
          { value: "done", label: t("myWorkOrders.done") },
          { value: "summary", label: t("weekSummary.tab") },
        ]}
      />
      {state === "summary" ? (
        <WeekSummaryForm />
      ) : (
        <>
          <List
            loading={list.isLoading}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t("myWorkOrders.empty")} /> }}
            renderItem={(w) => (
              <Link to={`/work-orders/${w.id}`} style={{ display: "block", marginBottom: 12 }}>
                <Card size="small" hoverable data-testid={`my-${w.number}`}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Space wrap>
                      <strong>{w.number}</strong>
                      <WorkOrderStatusTag status={w.status} />
                      <WarrantyTag order={w} />
                    </Space>
                    <Typography.Text strong>{formatTime(w.appointmentAt)}</Typography.Text>
                    <span>
                      {w.customer ?? "—"} · {w.siteAddress}
                    </span>
                    <Typography.Text type="secondary">
                      {w.product} · {w.fault}
                    </Typography.Text>
                  </Space>
                </Card>
              </Link>
            )}
          />
          <Pagination
            align="center"
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onChange={setPage}
            hideOnSinglePage
          />
        </>
      )}
    </Space>
  );
}
