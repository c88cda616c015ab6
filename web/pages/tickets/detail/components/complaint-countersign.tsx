import { Button, Input, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ComplaintDto, CountersignInput } from "../../../../../common/schemas/complaints";
import { useFormDialog } from "../../../../components/form-dialog";
import { RequiredField } from "../../../../components/required-field";
import { post } from "../../../../lib/api";
import { useShowError } from "../../../../lib/feedback";
import { formatTime } from "../../../../lib/format";

const STATUS_COLOR = { pending: "default", signed: "green", refused: "red" } as const;

/** 部门会签 (C056): each department involved signs the plan, or refuses it with a reason. */
export function ComplaintCountersign({ complaint, onDone }: { complaint: ComplaintDto; onDone: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { setOpen, dialog } = useFormDialog<{ comment: string }>();
  const sign = (id: string) =>
    post(`/api/countersigns/${id}`, { sign: true } satisfies CountersignInput).then(onDone, showError);
  const refuse = (id: string) =>
    setOpen({
      title: t("countersign.refuse"),
      save: async (v) => {
        await post(`/api/countersigns/${id}`, { sign: false, comment: v.comment } satisfies CountersignInput);
        onDone();
      },
    });
  return (
    <div data-testid="complaint-countersign">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={complaint.countersigns}
        scroll={{ x: 480 }}
        columns={[
          { title: t("countersign.department"), render: (_, r) => r.department?.name ?? "—" },
          {
            title: t("ticket.status"),
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`countersign.status_${r.status}`)}</Tag>,
          },
          {
            title: t("countersign.signedBy"),
            render: (_, r) =>
              r.signedBy
                ? `${r.signedBy.name} ${formatTime(r.signedAt)}${r.comment ? `：${r.comment}` : ""}`
                : "—",
          },
          {
            title: "",
            render: (_, r) =>
              r.mine && (
                <Space>
                  <Button size="small" type="primary" onClick={() => sign(r.id)}>
                    {t("countersign.sign")}
                  </Button>
                  <Button size="small" danger onClick={() => refuse(r.id)}>
                    {t("countersign.refuse")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {dialog(
        <RequiredField name="comment" label={t("countersign.reason")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </RequiredField>,
      )}
    </div>
  );
}
