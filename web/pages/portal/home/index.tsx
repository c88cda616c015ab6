import { useQuery } from "@tanstack/react-query";
import { Button, Card, List, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PortalSurvey } from "../../../../common/schemas/surveys";
import type { TicketPage } from "../../../../common/schemas/tickets";
import { StatusTag } from "../../../components/ticket-tags";
import { get } from "../../../lib/api";
import { formatTime } from "../../../lib/format";

/** 我的服务: the surveys waiting for the customer's answer, and their requests. */
export default function PortalHome() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ["tickets", "portal"],
    queryFn: () => get<TicketPage>("/api/tickets?pageSize=50"),
  });
  const surveys = useQuery({
    queryKey: ["portal", "surveys"],
    queryFn: () => get<PortalSurvey[]>("/api/portal/surveys"),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {Boolean(surveys.data?.length) && (
        <Card title={t("portal.surveys")}>
          <List
            dataSource={surveys.data}
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Link key="answer" to={`/s/${s.token}`}>
                    <Button type="primary">{t("portal.answerSurvey")}</Button>
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={s.title ? `${s.number} ${s.title}` : s.name}
                  description={t("portal.surveyUntil", { at: formatTime(s.expiresAt) })}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
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
    </Space>
  );
}
