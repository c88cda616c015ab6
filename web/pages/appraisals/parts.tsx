import { useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type {
  AppraisalAppealInput,
  AppraisalResult,
  AppraisalStatus as Status,
} from "../../../common/schemas/appraisal";
import { useFormDialog } from "../../components/form-dialog";
import type { Column } from "../../components/responsive-table";
import { post } from "../../lib/api";
import { formatTime } from "../../lib/format";

export const AppraisalStatus = ({ status }: { status: Status }) => {
  const { t } = useTranslation();
  return <Tag color={status === "published" ? "green" : "blue"}>{t(`appraisal.status_${status}`)}</Tag>;
};

/** 申诉 (C118): the person's one appeal of a published result. */
export function AppealButton({ result }: { result: AppraisalResult }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<AppraisalAppealInput>();
  return (
    <>
      <Button
        size="small"
        onClick={() =>
          setOpen({
            title: `${t("appraisal.appeal")} · ${result.period}`,
            save: (v) =>
              post(`/api/appraisal-results/${result.id}/appeal`, v).then(() =>
                queryClient.invalidateQueries({ queryKey: ["appraisals"] }),
              ),
          })
        }
      >
        {t("appraisal.appeal")}
      </Button>
      {dialog(
        <Form.Item
          name="reason"
          label={t("appraisal.appealReason")}
          rules={[{ required: true, whitespace: true, message: t("appraisal.appealReasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>,
      )}
    </>
  );
}

/** The score, its adjustment with the reason, the final score and the appeal: the same on every list of results. */
export const resultColumns = (t: TFunction): Column<AppraisalResult>[] => [
  { title: t("appraisal.computed"), align: "right", render: (_, r) => r.computed ?? "—" },
  {
    title: t("appraisal.adjustment"),
    render: (_, r) =>
      r.adjustment ? `${r.adjustment > 0 ? "+" : ""}${r.adjustment}（${r.adjustmentReason}）` : "—",
  },
  {
    title: t("appraisal.final"),
    align: "right",
    render: (_, r) => <Typography.Text strong>{r.final ?? "—"}</Typography.Text>,
  },
  { title: t("appraisal.appeal"), render: (_, r) => <AppealCell result={r} /> },
];

/** An appeal's state: answered, waiting for its answer, or still open to the person. */
function AppealCell({ result: r }: { result: AppraisalResult }) {
  const { t } = useTranslation();
  if (r.decision)
    return (
      <span>
        <Tag>{t(`appraisal.decision_${r.decision}`)}</Tag>
        {r.decisionNote}
      </span>
    );
  if (r.appealedAt)
    return (
      <Space direction="vertical" size={0}>
        {r.appealReason}
        <Tag color="orange">{t("appraisal.answerDue", { date: r.answerDueOn })}</Tag>
      </Space>
    );
  if (r.may.appeal)
    return (
      <Space direction="vertical" size={0}>
        <AppealButton result={r} />
        <Typography.Text type="secondary">
          {t("appraisal.appealBy", { date: formatTime(r.appealBy) })}
        </Typography.Text>
      </Space>
    );
  return <>—</>;
}
