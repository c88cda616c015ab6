import { DatePicker, Form, Input, Modal, Radio, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { PRIORITIES, type Priority, TICKET_TYPES, type TicketType } from "../../../../../common/enums";
import type {
  AssistInput,
  ChangeStatusInput,
  ClassifyInput,
  PromiseInput,
  TicketDetail,
  TransferInput,
} from "../../../../../common/schemas/tickets";
import { TICKET_TEXT_LIMITS } from "../../../../../common/schemas/tickets";
import { post } from "../../../../lib/api";
import { useShowError, validFields } from "../../../../lib/feedback";
import { useFieldRules } from "../../../../lib/rules";
import { useDirectory } from "../api";

export type DialogKind =
  | "hold"
  | "reopen"
  | "resolve"
  | "record_callback"
  | "transfer"
  | "assist"
  | "promise"
  | "classify";

type Values = {
  text?: string;
  satisfied?: boolean;
  departmentId?: string;
  assigneeId?: string;
  ownerId?: string;
  request?: string;
  dueAt?: Dayjs;
  promisedAt?: Dayjs;
  isRetroactive?: boolean;
  type?: TicketType;
  priority?: Priority;
  isGreenChannel?: boolean;
};

/** The form each action needs (a reason, a resolution, a target…), posted to its endpoint. */
export function ActionDialog({
  ticket,
  kind,
  onClose,
}: {
  ticket: Pick<TicketDetail, "id" | "type" | "priority" | "isGreenChannel">;
  kind: DialogKind;
  onClose: (done: boolean) => void;
}) {
  const ticketId = ticket.id;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const directory = useDirectory();
  const departmentId = Form.useWatch("departmentId", form);
  const { required } = useFieldRules();
  const people = (directory.data?.users ?? [])
    .filter((u) => !departmentId || u.departmentId === departmentId)
    .map((u) => ({ value: u.id, label: u.displayName }));
  const departments = (directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    try {
      if (kind === "transfer") {
        await post(`/api/tickets/${ticketId}/transfer`, {
          departmentId: v.departmentId,
          assigneeId: v.assigneeId ?? null,
          // The form requires what it sends; the server says so too if it ever does not.
          reason: v.text!,
        } satisfies TransferInput);
      } else if (kind === "assist") {
        await post(`/api/tickets/${ticketId}/assists`, {
          departmentId: v.departmentId!,
          ownerId: v.ownerId ?? null,
          request: v.request!,
          dueAt: v.dueAt!.toISOString(),
          isRetroactive: Boolean(v.isRetroactive),
        } satisfies AssistInput);
      } else if (kind === "classify") {
        await post(`/api/tickets/${ticketId}/classify`, {
          type: v.type,
          priority: v.priority,
          isGreenChannel: v.isGreenChannel,
          reason: v.text!,
        } satisfies ClassifyInput);
      } else if (kind === "promise") {
        await post(`/api/tickets/${ticketId}/promise`, {
          promisedAt: v.promisedAt!.toISOString(),
          note: v.text ?? null,
        } satisfies PromiseInput);
      } else {
        await post(`/api/tickets/${ticketId}/status`, {
          action: kind,
          text: v.text,
          satisfied: v.satisfied,
        } satisfies ChangeStatusInput);
      }
      onClose(true);
    } catch (error) {
      showError(error);
    }
  };

  // The server's limit for what this text is: a reason, a promise's note, or a resolution or callback record.
  const textLimit =
    kind === "transfer" || kind === "classify"
      ? TICKET_TEXT_LIMITS.reason
      : kind === "promise"
        ? TICKET_TEXT_LIMITS.note
        : TICKET_TEXT_LIMITS.description;
  const textLabel = {
    hold: "dialog.reason",
    reopen: "dialog.reason",
    resolve: "dialog.resolution",
    record_callback: "dialog.callbackResult",
    transfer: "dialog.reason",
    promise: "dialog.promiseNote",
    classify: "dialog.reason",
  } as const;
  return (
    <Modal
      open
      title={t(`action.${kind}`)}
      onOk={submit}
      onCancel={() => onClose(false)}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          kind === "classify"
            ? { type: ticket.type, priority: ticket.priority, isGreenChannel: ticket.isGreenChannel }
            : undefined
        }
      >
        {kind === "classify" && (
          <>
            <Form.Item name="type" label={t("ticket.type")} rules={[required]}>
              <Select options={TICKET_TYPES.map((v) => ({ value: v, label: t(`ticketType.${v}`) }))} />
            </Form.Item>
            <Form.Item name="priority" label={t("ticket.priority")} rules={[required]}>
              <Select options={PRIORITIES.map((v) => ({ value: v, label: t(`priority.${v}`) }))} />
            </Form.Item>
            <Form.Item name="isGreenChannel" label={t("ticket.greenChannel")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        {(kind === "transfer" || kind === "assist") && (
          <Form.Item
            name="departmentId"
            label={t(kind === "transfer" ? "dialog.transferDepartment" : "dialog.assistDepartment")}
            rules={[required]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={departments}
              onChange={() => form.setFieldsValue({ assigneeId: undefined, ownerId: undefined })}
            />
          </Form.Item>
        )}
        {kind === "transfer" && (
          <Form.Item name="assigneeId" label={t("dialog.transferAssignee")}>
            <Select allowClear showSearch optionFilterProp="label" options={people} />
          </Form.Item>
        )}
        {kind === "assist" && (
          <>
            <Form.Item name="ownerId" label={t("dialog.assistOwner")}>
              <Select allowClear showSearch optionFilterProp="label" options={people} />
            </Form.Item>
            <Form.Item name="request" label={t("dialog.assistRequest")} rules={[required]}>
              <Input.TextArea rows={3} showCount maxLength={TICKET_TEXT_LIMITS.description} />
            </Form.Item>
            <Form.Item name="dueAt" label={t("dialog.assistDue")} rules={[required]}>
              <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="isRetroactive" label={t("dialog.retroactive")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        {kind === "promise" && (
          <Form.Item name="promisedAt" label={t("dialog.promisedAt")} rules={[required]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
          </Form.Item>
        )}
        {kind === "record_callback" && (
          <Form.Item name="satisfied" label={t("dialog.satisfied")} rules={[required]}>
            <Radio.Group
              options={[
                { value: true, label: t("common.yes") },
                { value: false, label: t("common.no") },
              ]}
            />
          </Form.Item>
        )}
        {kind !== "assist" && (
          <Form.Item name="text" label={t(textLabel[kind])} rules={kind === "promise" ? [] : [required]}>
            <Input.TextArea rows={3} showCount maxLength={textLimit} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
