import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../lib/api";
import { formatTime } from "../../lib/format";

type Message = {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  createdAt: string;
};

/** What the message driver recorded: SMS, email and WeChat that went (or would go) out. */
export default function Outbox() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["outbox", page],
    queryFn: () => get<{ items: Message[]; total: number }>(`/api/outbox?page=${page}&pageSize=20`),
  });
  return (
    <Card>
      <Table<Message>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t("outbox.empty")} /> }}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("outbox.time"),
            dataIndex: "createdAt",
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t("outbox.channel"),
            dataIndex: "channel",
            width: 80,
            render: (v: string) => <Tag>{t(`outbox.channel_${v}`)}</Tag>,
          },
          { title: t("outbox.recipient"), dataIndex: "recipient", width: 160 },
          { title: t("outbox.subject"), dataIndex: "subject", width: 200, ellipsis: true },
          { title: t("outbox.body"), dataIndex: "body", ellipsis: true },
          {
            title: t("outbox.status"),
            dataIndex: "status",
            width: 90,
            render: (v: string) => (
              <Tag color={v === "sent" ? "green" : v === "failed" ? "red" : "default"}>
                {t(`outbox.status_${v}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
