import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Empty, Progress, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Recall, WorkOrderRow } from "../../../common/schemas/field-service";
import { ResponsiveTable } from "../../components/responsive-table";
import { workOrderColumns } from "../../components/work-order-columns";
import { WorkOrderStatusTag } from "../../components/work-order-tags";
import { get } from "../../lib/api";
import { formatTime } from "../../lib/format";

type Unit = WorkOrderRow & { customer: string; engineer: string | null };

/** One recall campaign (C084): what and why, and every unit's work order until all are done. */
export default function RecallPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["work-orders", "recalls", id],
    queryFn: () => get<Recall & { units: Unit[] }>(`/api/recalls/${id}`),
  });
  const r = query.data;
  if (!r) return <Card loading />;
  const done = r.units.filter((u) => u.status === "completed").length;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={`${r.number} ${r.title}`}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("recall.reason")}>{r.reason}</Descriptions.Item>
          <Descriptions.Item label={t("workOrder.product")}>
            {[r.product, r.model].filter(Boolean).join(" · ")}
          </Descriptions.Item>
          <Descriptions.Item label={t("recall.deliveredBetween")}>
            {r.deliveredFrom || r.deliveredTo ? `${r.deliveredFrom ?? "…"} ~ ${r.deliveredTo ?? "…"}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("recall.serials")}>
            {r.serialFrom || r.serialTo ? `${r.serialFrom ?? "…"} ~ ${r.serialTo ?? "…"}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("recall.launchedAt")}>{formatTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t("recall.progress")}>
            <Progress
              percent={Math.round((done / r.units.length) * 100)}
              size="small"
              style={{ width: 160 }}
            />{" "}
            {done} / {r.units.length}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("recall.units")}>
        <ResponsiveTable<Unit>
          dataSource={r.units}
          emptyText={<Empty />}
          scrollX={700}
          columns={[
            ...workOrderColumns<Unit>(t),
            { title: t("workOrder.serialNo"), render: (_, u) => u.serialNo ?? "—" },
            { title: t("ticket.status"), render: (_, u) => <WorkOrderStatusTag status={u.status} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
