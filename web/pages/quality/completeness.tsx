import { useQuery } from "@tanstack/react-query";
import { Empty, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatShare } from "../../../common/format";
import type { CompletenessRow } from "../../../common/schemas/quality";
import { useMonth } from "../../components/month-picker";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, qs } from "../../lib/api";

/** 记录完整率 (C110): each person's finished records of the month, how many are complete, what is missing. */
export function CompletenessTab() {
  const { t } = useTranslation();
  const { month, picker } = useMonth();
  const rows = useQuery({
    queryKey: ["qa-completeness", month],
    queryFn: () => get<CompletenessRow[]>(`/api/qa-completeness${qs({ month })}`),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {picker}
      <ResponsiveTable<CompletenessRow & { id: string }>
        dataSource={rows.data?.map((r) => ({ ...r, id: r.agentId }))}
        loading={rows.isLoading}
        emptyText={<Empty description={t("quality.emptyCompleteness")} />}
        scrollX={800}
        columns={[
          {
            title: t("quality.agent"),
            render: (_, r) => [r.agent, r.department].filter(Boolean).join(" · "),
          },
          { title: t("quality.records"), align: "right", render: (_, r) => r.records },
          { title: t("quality.complete"), align: "right", render: (_, r) => r.complete },
          {
            title: t("quality.completeRate"),
            align: "right",
            render: (_, r) => formatShare(r.complete, r.records),
          },
          {
            title: t("quality.missing"),
            render: (_, r) => (
              <Space size={4} wrap>
                {Object.entries(r.missing).map(([key, n]) => (
                  <Tag key={key} color="orange">
                    {t(`quality.check_${key}`)} {n}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
