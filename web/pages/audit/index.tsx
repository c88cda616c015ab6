import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "../../../common/audit-labels";
import type { Locale } from "../../../common/enums";
import { fieldLabel } from "../../../common/validation";
import { get, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

type AuditRow = {
  id: number;
  actorName: string;
  actorType: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
};
type AuditPage = { items: AuditRow[]; total: number; names: Record<string, string> };

/** The console's words for a logged field's coded values: type inquiry → 咨询, grade normal → 普通. */
const VOCABULARIES: Record<string, string> = {
  type: "ticketType",
  channel: "channel",
  priority: "priority",
  kind: "kind",
  grade: "grade",
};
const vocabularyOf = (row: { entityType: string }, key: string) =>
  key === "status"
    ? { ticket: "ticketStatus", work_order: "workOrderStatus" }[row.entityType]
    : key === "kind" && row.entityType === "work_order"
      ? "workOrderKind"
      : VOCABULARIES[key];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 操作日志 (M14): who did what to which record, and what changed, in words. */
export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [entityType, setEntityType] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["audit", entityType, page],
    queryFn: () => get<AuditPage>(`/api/audit${qs({ entityType, page, pageSize: 50 })}`),
  });
  const names = list.data?.names ?? {};
  const show = (value: unknown, vocabulary?: string): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
    if (typeof value === "string") {
      if (UUID.test(value)) return names[value] ?? t("audit.unnamed");
      return vocabulary && i18n.exists(`${vocabulary}.${value}`) ? t(`${vocabulary}.${value}`) : value;
    }
    if (Array.isArray(value)) return value.map((item) => show(item, vocabulary)).join("、");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  /** One line per field: 处理人：林客服 → 郑客服. */
  const changes = (r: AuditRow) => {
    const before = (r.before ?? {}) as Record<string, unknown>;
    const after = (r.after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return (
      <Space direction="vertical" size={0}>
        {keys.map((key) => (
          <Typography.Text key={key} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">{fieldLabel(key, locale) ?? key}：</Typography.Text>
            {key in before && key in after
              ? `${show(before[key], vocabularyOf(r, key))} → ${show(after[key], vocabularyOf(r, key))}`
              : show(key in after ? after[key] : before[key], vocabularyOf(r, key))}
          </Typography.Text>
        ))}
      </Space>
    );
  };
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("audit.filterEntity")}
          aria-label={t("audit.filterEntity")}
          style={{ width: 220 }}
          value={entityType}
          onChange={(v) => {
            setEntityType(v);
            setPage(1);
          }}
          options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({
            value,
            label: label[locale],
          }))}
        />
      </Space>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t("audit.empty")} /> }}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total,
          onChange: setPage,
          showTotal: (count) => t("common.total", { count }),
        }}
        columns={[
          {
            title: t("audit.time"),
            dataIndex: "createdAt",
            width: 150,
            render: (v: string) => formatTime(v),
          },
          { title: t("audit.actor"), dataIndex: "actorName", width: 120 },
          {
            title: t("audit.action"),
            width: 180,
            render: (_, r) => AUDIT_ACTION_LABELS[r.action]?.[locale] ?? r.action,
          },
          {
            title: t("audit.entity"),
            width: 200,
            render: (_, r) =>
              [
                AUDIT_ENTITY_LABELS[r.entityType]?.[locale] ?? r.entityType,
                r.entityId && (names[r.entityId] ?? ""),
              ]
                .filter(Boolean)
                .join(" "),
          },
          { title: t("audit.changes"), render: (_, r) => changes(r) },
          { title: t("audit.ip"), dataIndex: "ip", width: 110 },
        ]}
      />
    </Card>
  );
}
