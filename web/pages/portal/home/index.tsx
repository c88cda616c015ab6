import { useQuery } from "@tanstack/react-query";
import { Button, Card, List, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TicketPage } from "../../../../common/schemas/tickets";
import { StatusTag } from "../../../components/ticket-tags";
import { get } from "../../../lib/api";
import { formatTime } from "../../../lib/format";

export default function PortalHome() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ["tickets", "portal"],
    queryFn: () => get<TicketPage>("/api/tickets?pageSize=50"),
  });
  return (
    <Card
      title={t("portal.myRequests")}
      extra={
        <Link to="/portal/new">
          <Button type="primary">{t("portal.newRequest")}</Button>
        </Link>
      }
    >
      <List
        loading={list.isLoading}
        locale={{ emptyText: t("common.empty") }}
        dataSource={list.data?.items ?? []}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/portal/tickets/${item.id}`}>{item.title}</Link>
                  <StatusTag status={item.status} />
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {item.number} · {t(`ticketType.${item.type}`)} · {formatTime(item.createdAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
