import { Button, DatePicker, Form, Input, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { RMA_STATUSES, type RmaStatus } from "../../common/enums";
import { formatFen } from "../../common/format";
import type { PaymentInput, RmaInput } from "../../common/schemas/complaints";
import { post } from "../lib/api";
import { useShowError } from "../lib/feedback";
import { useFormDialog } from "./form-dialog";
import { RequiredField } from "./required-field";

const STATUS_COLOR = { proposed: "default", approved: "blue", rejected: "default", paid: "green" } as const;

/** A compensation's status: awaiting approval, approved, not approved, paid. */
export function CompensationStatusTag({ status }: { status: keyof typeof STATUS_COLOR }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`complaint.compensation_${status}`)}</Tag>;
}

/** 登记已付款: finance records the voucher number and the day an approved refund or cash went out (C058). */
export function PayButton({
  compensation,
  onDone,
}: {
  compensation: { id: string; amountFen: number };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { setOpen, dialog } = useFormDialog<{ voucherNo: string; paidOn: Dayjs }>();
  return (
    <>
      <Button
        size="small"
        onClick={() =>
          setOpen({
            title: `${t("complaint.markPaid")} · ${formatFen(compensation.amountFen)}`,
            initial: { paidOn: dayjs() },
            save: async (v) => {
              await post(`/api/compensations/${compensation.id}/paid`, {
                voucherNo: v.voucherNo,
                paidOn: v.paidOn.format("YYYY-MM-DD"),
              } satisfies PaymentInput);
              onDone();
            },
          })
        }
      >
        {t("complaint.markPaid")}
      </Button>
      {dialog(
        <>
          <RequiredField name="voucherNo" label={t("complaint.voucherNo")}>
            <Input maxLength={50} />
          </RequiredField>
          <RequiredField name="paidOn" label={t("complaint.paidOn")}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </RequiredField>
        </>,
      )}
    </>
  );
}

/** Moves an RMA to its next status; the QA inspection result is asked for when it is inspected (C059). */
export function RmaNextButton({
  rma,
  onDone,
}: {
  rma: { id: string; number: string; status: RmaStatus };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { setOpen, dialog } = useFormDialog();
  const next = RMA_STATUSES[RMA_STATUSES.indexOf(rma.status) + 1];
  if (!next) return null;
  const send = (extra: Record<string, unknown> = {}) =>
    post(`/api/rmas/${rma.id}/advance`, { status: next, ...extra } satisfies RmaInput).then(onDone);
  return (
    <>
      <Button
        size="small"
        onClick={() =>
          next === "inspected" || next === "closed"
            ? setOpen({
                title: `${rma.number} · ${t(`complaint.rma_${next}`)}`,
                save: (v) => send({ inspection: v.inspection ?? null, disposition: v.disposition ?? null }),
              })
            : send().catch(showError)
        }
      >
        {t("complaint.rmaNext", { status: t(`complaint.rma_${next}`) })}
      </Button>
      {dialog(
        next === "inspected" ? (
          <RequiredField name="inspection" label={t("complaint.inspection")}>
            <Input.TextArea rows={3} maxLength={2000} />
          </RequiredField>
        ) : (
          <Form.Item name="disposition" label={t("complaint.disposition")}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ),
      )}
    </>
  );
}
