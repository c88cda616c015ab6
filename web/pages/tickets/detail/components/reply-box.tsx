import { PaperClipOutlined } from "@ant-design/icons";
import { App, Button, Input, Select, Space, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReplyInput } from "../../../../../common/schemas/tickets";
import { TICKET_TEXT_LIMITS } from "../../../../../common/schemas/tickets";
import { UploadButton } from "../../../../components/upload-button";
import { post } from "../../../../lib/api";
import { useShowError } from "../../../../lib/feedback";
import { useStandardAnswers } from "../api";

/**
 * Reply to the customer (its handler and first responder) or write an internal note (anyone working
 * on it); standard answers insert at the end.
 */
export function ReplyBox({
  ticketId,
  canReply,
  canAttach,
  onSent,
}: {
  ticketId: string;
  canReply: boolean;
  canAttach: boolean;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const answers = useStandardAnswers();
  const [mode, setMode] = useState<"reply" | "note">(canReply ? "reply" : "note");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await post(`/api/tickets/${ticketId}/replies`, {
        body: text,
        isInternal: mode === "note",
      } satisfies ReplyInput);
      setText("");
      message.success(t("ticket.sent"));
      onSent();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Tabs
        activeKey={mode}
        onChange={(key) => setMode(key as "reply" | "note")}
        items={[
          ...(canReply ? [{ key: "reply", label: t("ticket.reply") }] : []),
          { key: "note", label: t("ticket.note") },
        ]}
      />
      <Input.TextArea
        data-testid="reply-text"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t(mode === "reply" ? "ticket.replyPlaceholder" : "ticket.notePlaceholder")}
        showCount
        maxLength={TICKET_TEXT_LIMITS.description}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Button type="primary" onClick={send} loading={busy} disabled={!text.trim()}>
          {t("ticket.send")}
        </Button>
        <Select
          placeholder={t("ticket.insertAnswer")}
          style={{ width: 220 }}
          value={null}
          options={(answers.data ?? []).map((a) => ({ value: a.id, label: `${a.category} · ${a.title}` }))}
          onChange={(id) => {
            const answer = answers.data?.find((a) => a.id === id);
            if (answer) setText((current) => (current ? `${current}\n${answer.body}` : answer.body));
          }}
        />
        {canAttach && (
          <UploadButton url={`/api/tickets/${ticketId}/attachments`} onDone={onSent}>
            <Button icon={<PaperClipOutlined />}>{t("ticket.attach")}</Button>
          </UploadButton>
        )}
      </Space>
    </div>
  );
}
