import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Space, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { QaInspectionRow } from "../../../common/schemas/quality";
import { useMonth } from "../../components/month-picker";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { CompletenessTab } from "./completeness";
import { RecordInspection } from "./record";
import { RectificationsTab } from "./rectifications";
import { SupervisionReportTab } from "./report";
import { InspectionStatus, InspectionSubject } from "./tags";

const PAGE_SIZE = 20;
type View = "todo" | "about_me" | "all";

function InspectionList({ view }: { view: View }) {
  const { t } = useTranslation();
  const { month, picker } = useMonth();
  const [page, setPage] = useState(1);
  const query = qs({ view, month: view === "all" ? month : undefined, page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["qa-inspections", query],
    queryFn: () => get<{ items: QaInspectionRow[]; total: number }>(`/api/qa-inspections${query}`),
  });
  const empty = { todo: "quality.emptyTodo", about_me: "quality.emptyMine", all: "quality.emptyAll" }[view];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {view === "all" && picker}
      <ResponsiveTable<QaInspectionRow>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t(empty)} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t("quality.subject"), render: (_, r) => <InspectionSubject row={r} /> },
          {
            title: t("quality.agent"),
            render: (_, r) => [r.agent, r.department].filter(Boolean).join(" · "),
          },
          {
            title: t("quality.plan"),
            render: (_, r) => (r.plan ? `${r.plan} ${r.period}` : t(`quality.method_${r.method}`)),
          },
          {
            title: t("quality.inspector"),
            render: (_, r) => r.inspector ?? <Tag>{t("quality.unassigned")}</Tag>,
          },
          {
            title: t("quality.total"),
            align: "right",
            render: (_, r) => (r.finalTotal === null ? "—" : r.finalTotal),
          },
          {
            title: t("ticket.status"),
            render: (_, r) => (
              <Space size={4} wrap>
                <InspectionStatus row={r} />
                {r.rectification && <Tag>{t(`quality.rect_${r.rectification.status}`)}</Tag>}
              </Space>
            ),
          },
          { title: t("quality.observedAt"), render: (_, r) => formatTime(r.scoredAt ?? r.createdAt) },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Link to={`/quality/${r.id}`}>
                <Button size="small" type={r.status === "open" && view === "todo" ? "primary" : "default"}>
                  {r.status === "open" && view === "todo" ? t("quality.score") : t("quality.view")}
                </Button>
              </Link>
            ),
          },
        ]}
      />
    </Space>
  );
}

/**
 * 质检与整改 (SPEC M7): the inspector's queue, one's own results (with the right to appeal),
 * everyone's inspections, rectifications, record completeness and the monthly supervision report.
 */
export default function QualityPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const inspects = hasCapability(me, "qa.inspect");
  const manages = hasCapability(me, "qa.manage");
  const tabs = [
    inspects && { key: "todo", label: t("quality.tabTodo"), children: <InspectionList view="todo" /> },
    { key: "mine", label: t("quality.tabMine"), children: <InspectionList view="about_me" /> },
    (inspects || manages) && {
      key: "all",
      label: t("quality.tabAll"),
      children: <InspectionList view="all" />,
    },
    { key: "rectifications", label: t("quality.tabRectifications"), children: <RectificationsTab /> },
    (inspects || manages) && {
      key: "completeness",
      label: t("quality.tabCompleteness"),
      children: <CompletenessTab />,
    },
    hasCapability(me, "report.view") && {
      key: "report",
      label: t("quality.tabReport"),
      children: <SupervisionReportTab initialMonth={params.get("month")} />,
    },
  ].filter((x) => x !== false);
  const active = tabs.some((x) => x.key === params.get("tab")) ? params.get("tab")! : tabs[0].key;
  return (
    <Card title={t("menu.quality")} extra={inspects && <RecordInspection />}>
      <Tabs
        activeKey={active}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
