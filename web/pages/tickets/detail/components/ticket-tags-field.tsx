import { useQueryClient } from "@tanstack/react-query";
import { Button, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type TagsInput, TICKET_TAG_LIMITS } from "../../../../../common/schemas/tickets";
import { api, qs } from "../../../../lib/api";
import { useShowError } from "../../../../lib/feedback";

/** A ticket's tags (staff's labels): each lists the tickets carrying it; its holder edits them. */
export function TicketTagsField({
  ticketId,
  tags,
  canEdit,
}: {
  ticketId: string;
  tags: string[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  if (editing) {
    const save = () => {
      setSaving(true);
      api("PUT", `/api/tickets/${ticketId}/tags`, { tags: editing } satisfies TagsInput)
        .then(() => {
          setEditing(null);
          return queryClient.invalidateQueries({ queryKey: ["ticket", ticketId] });
        }, showError)
        .finally(() => setSaving(false));
    };
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        <Select
          mode="tags"
          autoFocus
          open={false}
          value={editing}
          maxCount={TICKET_TAG_LIMITS.count}
          aria-label={t("ticket.tags")}
          placeholder={t("ticket.tagsPlaceholder")}
          style={{ width: "100%" }}
          onChange={(next: string[]) =>
            setEditing(next.map((tag) => tag.trim().slice(0, TICKET_TAG_LIMITS.length)).filter(Boolean))
          }
        />
        <Space>
          <Button size="small" type="primary" loading={saving} onClick={save}>
            {t("common.save")}
          </Button>
          <Button size="small" onClick={() => setEditing(null)}>
            {t("common.cancel")}
          </Button>
        </Space>
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      {tags.length === 0 && "—"}
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0 }}>
          <Link to={`/tickets${qs({ tag })}`}>{tag}</Link>
        </Tag>
      ))}
      {canEdit && (
        <Button size="small" type="link" onClick={() => setEditing(tags)}>
          {t("ticket.editTags")}
        </Button>
      )}
    </Space>
  );
}
