import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ReplyInput, TicketDetail } from "../../../../common/schemas/tickets";
import { StatusTag } from "../../../components/ticket-tags";
import { get, post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { TicketTimeline } from "../../tickets/detail/components/ticket-timeline";

export default function PortalTicket() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const ticket = useQuery({
    queryKey: ["ticket", id],
    queryFn: () => get<TicketDetail>(`/api/tickets/${id}`),
  });
  const d = ticket.data;
  if (!d) return <Card loading={ticket.isLoading}>{ticket.error?.message}</Card>;
  const send = async () => {
    try {
      await post(`/api/tickets/${id}/replies`, { body: text } satisfies ReplyInput);
      setText("");
      await queryClient.invalidateQueries({ queryKey: ["ticket", id] });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={
          <Space wrap>
            {d.number}
            <StatusTag status={d.status} />
          </Space>
        }
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {d.title}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{d.description}</Typography.Paragraph>
        {d.abilities.reply && (
          <>
            <Input.TextArea
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t("portal.yourReply")}
            />
            <Button type="primary" style={{ marginTop: 8 }} disabled={!text.trim()} onClick={send}>
              {t("ticket.send")}
            </Button>
          </>
        )}
      </Card>
      <Card title={t("portal.progress")}>
        <TicketTimeline entries={d.timeline} />
      </Card>
    </Space>
  );
}
