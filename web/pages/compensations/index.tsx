import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, Empty, Select, Space, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { COMPENSATION_KINDS, RMA_STATUSES } from "../../../common/enums";
import { formatFen } from "../../../common/format";
import type { CompensationRow } from "../../../common/schemas/complaints";
import { CompensationStatusTag, PayButton, RmaNextButton } from "../../components/compensation-actions";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";

const PAGE_SIZE = 20;
const COMPENSATION_FILTERS = ["to_pay", "proposed", "approved", "rejected", "paid"] as const;

/** One paged, filtered list of the ledger, refreshed after an action on a row; a new filter starts at page 1. */
function useLedger(path: string, initial: Record<string, string | undefined> = {}) {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState(initial);
  const list = useQuery({
    queryKey: ["ledger", path, filters, page],
    queryFn: () =>
      get<{ items: CompensationRow[]; total: number }>(
        `${path}${qs({ ...filters, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["ledger"] });
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total,
    onChange: setPage,
  };
  const filter = (key: string, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width: 180 }}
      value={filters[key]}
      onChange={(value) => {
        setFilters({ ...filters, [key]: value });
        setPage(1);
      }}
      options={options}
    />
  );
  return { list, refresh, pagination, filter };
}

function TicketLink({ row }: { row: CompensationRow }) {
  return <Link to={`/tickets/${row.ticketId}`}>{row.number}</Link>;
}

function CompensationLedger({ canPay }: { canPay: boolean }) {
  const { t } = useTranslation();
  const { list, refresh, pagination, filter } = useLedger(
    "/api/compensations",
    canPay ? { status: "to_pay" } : {},
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {filter(
          "status",
          t("ledger.allStatuses"),
          COMPENSATION_FILTERS.map((s) => ({
            value: s,
            label: s === "to_pay" ? t("ledger.toPay") : t(`complaint.compensation_${s}`),
          })),
        )}
        {filter(
          "kind",
          t("ledger.allKinds"),
          COMPENSATION_KINDS.map((k) => ({ value: k, label: t(`compensationKind.${k}`) })),
        )}
      </Space>
      <ResponsiveTable<CompensationRow>
        loading={list.isLoading}
        dataSource={list.data?.items}
        emptyText={<Empty description={t("ledger.empty")} />}
        scrollX={1000}
        pagination={{ ...pagination, showTotal: (count) => t("common.total", { count }) }}
        columns={[
          { title: t("ticket.number"), render: (_, r) => <TicketLink row={r} /> },
          { title: t("ticket.title"), ellipsis: true, render: (_, r) => r.title },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          { title: t("complaint.kind"), render: (_, r) => t(`compensationKind.${r.kind}`) },
          { title: t("complaint.amountYuan"), align: "right", render: (_, r) => formatFen(r.amountFen) },
          {
            title: t("ticket.status"),
            render: (_, r) => <CompensationStatusTag status={r.status} />,
          },
          {
            title: t("ledger.payment"),
            render: (_, r) =>
              r.status === "paid" ? (
                `${r.paidOn} · ${r.voucherNo}`
              ) : r.mayPay ? (
                <PayButton compensation={r} onDone={refresh} />
              ) : (
                "—"
              ),
          },
          { title: t("ledger.createdAt"), render: (_, r) => formatTime(r.createdAt) },
        ]}
      />
    </>
  );
}

function RmaList() {
  const { t } = useTranslation();
  const { list, refresh, pagination, filter } = useLedger("/api/rmas");
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {filter(
          "status",
          t("ledger.allStatuses"),
          RMA_STATUSES.map((s) => ({ value: s, label: t(`complaint.rma_${s}`) })),
        )}
      </Space>
      <ResponsiveTable<CompensationRow>
        loading={list.isLoading}
        dataSource={list.data?.items}
        emptyText={<Empty description={t("ledger.noRmas")} />}
        scrollX={1100}
        pagination={{ ...pagination, showTotal: (count) => t("common.total", { count }) }}
        columns={[
          { title: t("complaint.rma"), render: (_, r) => r.rma?.number },
          { title: t("ticket.number"), render: (_, r) => <TicketLink row={r} /> },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          { title: t("complaint.kind"), render: (_, r) => t(`compensationKind.${r.kind}`) },
          { title: t("complaint.partNo"), render: (_, r) => r.partNo ?? "—" },
          { title: t("complaint.defectiveQuantity"), render: (_, r) => r.defectiveQuantity ?? "—" },
          {
            title: t("ticket.status"),
            render: (_, r) => r.rma && <Tag>{t(`complaint.rma_${r.rma.status}`)}</Tag>,
          },
          { title: t("ledger.receivedAt"), render: (_, r) => formatTime(r.rma?.receivedAt) },
          {
            title: t("complaint.inspection"),
            ellipsis: true,
            render: (_, r) => [r.rma?.inspection, r.rma?.disposition].filter(Boolean).join(" / ") || "—",
          },
          {
            title: t("common.actions"),
            render: (_, r) =>
              r.rma && r.status === "approved" ? <RmaNextButton rma={r.rma} onDone={refresh} /> : null,
          },
        ]}
      />
    </>
  );
}

/** 补偿与退换货 (C058, C059): the compensation ledger — finance's list of what to pay — and the RMA records. */
export default function CompensationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canPay = hasCapability(me, "finance.confirm");
  return (
    <Card>
      <Tabs
        items={[
          {
            key: "compensations",
            label: t("ledger.compensations"),
            children: <CompensationLedger canPay={canPay} />,
          },
          { key: "rmas", label: t("ledger.rmas"), children: <RmaList /> },
        ]}
      />
    </Card>
  );
}
