import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, DatePicker, Form, Select, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { AbsenceDto, AbsenceInput } from "../../common/schemas/identity";
import { api, get } from "../lib/api";
import { useShowError } from "../lib/feedback";
import { formatTime } from "../lib/format";
import type { Me } from "../lib/session";
import { useDirectory } from "../pages/tickets/detail/api";
import { useFormDialog } from "./form-dialog";

/**
 * The signed-in person's name in the header, and their out-of-office setting behind it (C029): while
 * away, new work meant for them goes to the deputy; the header says so.
 */
export function AbsenceButton({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const directory = useDirectory();
  const key = ["absence", me.id];
  const absence = useQuery({
    queryKey: key,
    queryFn: () => get<{ absence: AbsenceDto | null }>(`/api/users/${me.id}/absence`),
    staleTime: 60_000,
  });
  const current = absence.data?.absence ?? null;
  const away = current?.away;
  const { setOpen, dialog } = useFormDialog<{ from: Dayjs; until: Dayjs; deputyId: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const open = () =>
    setOpen({
      title: t("absence.title"),
      initial: current
        ? { from: dayjs(current.from), until: dayjs(current.until), deputyId: current.deputyId }
        : { from: dayjs() },
      save: async (values) => {
        await api("PUT", `/api/users/${me.id}/absence`, {
          from: values.from.toISOString(),
          until: values.until.toISOString(),
          deputyId: values.deputyId,
        } satisfies AbsenceInput);
        await refresh();
      },
    });
  return (
    <>
      <Button
        type="text"
        onClick={open}
        style={{ paddingInline: 4 }}
        aria-label={t("absence.open", { name: me.name })}
      >
        <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
          {me.name}
        </Typography.Text>
        {away && (
          <Tag color="orange" style={{ marginInline: 4 }} data-testid="away-tag">
            {t("absence.away")}
          </Tag>
        )}
      </Button>
      {dialog(
        <>
          <Typography.Paragraph type="secondary">{t("absence.hint")}</Typography.Paragraph>
          {(["from", "until"] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`absence.${name}`)}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <DatePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => d.isBefore(dayjs(), "day")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          ))}
          <Form.Item
            name="deputyId"
            label={t("absence.deputy")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={directory.data?.users
                .filter((u) => u.id !== me.id)
                .map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          {current && (
            <Typography.Paragraph>
              {t("absence.current", { from: formatTime(current.from), until: formatTime(current.until) })}{" "}
              <Button
                size="small"
                danger
                onClick={() =>
                  api("DELETE", `/api/users/${me.id}/absence`)
                    .then(refresh)
                    .then(() => setOpen(null), showError)
                }
              >
                {t("absence.clear")}
              </Button>
            </Typography.Paragraph>
          )}
        </>,
      )}
    </>
  );
}
