import { Button, Segmented, Space, Tag } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackTaskStatus } from "../../../common/enums";
import { post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

/** The person to call, and their phone once the caller asks for it (each viewing audited). */
export function Reporter({ name, revealUrl }: { name: string | null; revealUrl: string }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [phone, setPhone] = useState<string | null>(null);
  return (
    <Space wrap>
      {name ?? "—"}
      {phone ? (
        <a href={`tel:${phone}`} data-testid="callback-phone">
          {phone}
        </a>
      ) : (
        <Button
          size="small"
          onClick={() =>
            post<{ mobile: string | null; phone: string | null }>(revealUrl).then(
              (c) => setPhone(c.mobile ?? c.phone ?? t("callbacks.noPhone")),
              showError,
            )
          }
        >
          {t("workOrder.showPhone")}
        </Button>
      )}
    </Space>
  );
}

/** A callback's result cell: the call button while it may be made, else how it went. */
export function CallResult(props: {
  call: {
    status: CallbackTaskStatus;
    satisfied: boolean | null;
    result: string | null;
    doneAt: string | null;
  };
  onCall?: () => void;
  /** Between the outcome and the note: e.g. the follow-up ticket. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { call } = props;
  if (call.status === "open")
    return props.onCall ? (
      <Button type="primary" size="small" onClick={props.onCall}>
        {t("callbacks.call")}
      </Button>
    ) : (
      <Tag color="orange">{t("callbacks.open")}</Tag>
    );
  return (
    <Space wrap>
      {call.status === "unreachable" ? (
        <Tag>{t("callbacks.unreachable")}</Tag>
      ) : (
        <Tag color={call.satisfied ? "green" : "red"}>
          {call.satisfied ? t("workOrder.satisfiedYes") : t("workOrder.satisfiedNo")}
        </Tag>
      )}
      {props.extra}
      {call.result} {formatTime(call.doneAt)}
    </Space>
  );
}

/** One of a list's filters (mine/all, open/done): choosing another goes back to the list's first page. */
export function FilterSwitch<V extends string>(props: {
  value: V;
  options: [V, string][];
  onChange: (value: V) => void;
  setPage: (page: number) => void;
}) {
  return (
    <Segmented
      value={props.value}
      onChange={(v) => {
        props.onChange(v as V);
        props.setPage(1);
      }}
      options={props.options.map(([value, label]) => ({ value, label }))}
    />
  );
}
