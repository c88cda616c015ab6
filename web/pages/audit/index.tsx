import { useQuery } from "@tanstack/react-query";
import { Card, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
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

export default function AuditLog() {
  const { t } = useTranslation();
  const [entityType, setEntityType] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["audit", entityType, page],
    queryFn: () =>
      get<{ items: AuditRow[]; total: number }>(`/api/audit${qs({ entityType, page, pageSize: 50 })}`),
  });
  const json = (value: unknown) =>
    value && Object.keys(value as object).length ? (
      <Typography.Text code style={{ fontSize: 12 }}>
        {JSON.stringify(value)}
      </Typography.Text>
    ) : null;
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("audit.filterEntity")}
          onSearch={(v) => {
            setEntityType(v || undefined);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
      </Space>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
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
          { title: t("audit.action"), dataIndex: "action", width: 180 },
          {
            title: t("audit.entity"),
            render: (_, r) => `${r.entityType} ${r.entityId?.slice(0, 8) ?? ""}`,
            width: 160,
          },
          {
            title: t("audit.changes"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {json(r.before)}
                {json(r.after)}
              </Space>
            ),
          },
          { title: t("audit.ip"), dataIndex: "ip", width: 110 },
        ]}
      />
    </Card>
  );
}
