import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { Column } from "./responsive-table";

/** The first columns of every list of work orders: its number (a link), the customer, the engineer. */
export function workOrderColumns<
  T extends { id: string; number: string; customer: string | null; engineer: string | null },
>(t: TFunction): Column<T>[] {
  return [
    { title: t("workOrder.number"), render: (_, r) => <Link to={`/work-orders/${r.id}`}>{r.number}</Link> },
    { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
    { title: t("workOrder.engineer"), render: (_, r) => r.engineer ?? "—" },
  ];
}
