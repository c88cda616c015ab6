import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, List, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PRIORITIES } from "../../../../common/enums";
import type { BulkInput } from "../../../../common/schemas/tickets";
import { useFormDialog } from "../../../components/form-dialog";
import { post } from "../../../lib/api";
import { useFieldRules } from "../../../lib/rules";
import { hasCapability, useMe } from "../../../lib/session";
import { useDirectory } from "../detail/api";

type Action = "transfer" | "priority" | "close";
type Outcome = { done: number; failed: { id: string; number: string | null; message: string }[] };

/**
 * 批量操作 on the selected tickets: transfer (to a person or department), change priority, close —
 * each with a reason. The server changes each ticket on its own rules and reports those it could not.
 */
export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const { required, maxLength } = useFieldRules();
  const { setOpen, dialog, form } = useFormDialog();
  const departmentId = Form.useWatch("departmentId", form);
  const action = Form.useWatch("action", form) as Action | undefined;
  const start = (kind: Action) =>
    setOpen({
      title: `${t(`bulk.${kind}`)} · ${t("bulk.selected", { count: ids.length })}`,
      initial: { action: kind },
      save: async (values) => {
        const outcome = await post<Outcome>("/api/tickets/bulk", {
          ...(values as Omit<BulkInput, "ids">),
          ids,
        } satisfies BulkInput);
        await queryClient.invalidateQueries({ queryKey: ["tickets"] });
        onDone();
        if (!outcome.failed.length) message.success(t("bulk.done", { count: outcome.done }));
        else
          modal.warning({
            title: t("bulk.partly", { done: outcome.done, failed: outcome.failed.length }),
            content: (
              <List
                size="small"
                dataSource={outcome.failed}
                renderItem={(f) => (
                  <List.Item>
                    {f.number ?? t("bulk.unknownTicket")}：{f.message}
                  </List.Item>
                )}
              />
            ),
          });
      },
    });
  const people = (directory.data?.users ?? [])
    .filter((u) => !departmentId || u.departmentId === departmentId)
    .map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="bulk-actions">
      <Typography.Text strong>{t("bulk.selected", { count: ids.length })}</Typography.Text>
      {hasCapability(me, "ticket.transfer") && (
        <Button onClick={() => start("transfer")}>{t("bulk.transfer")}</Button>
      )}
      {hasCapability(me, "ticket.handle") && (
        <Button onClick={() => start("priority")}>{t("bulk.priority")}</Button>
      )}
      {hasCapability(me, "ticket.close") && <Button onClick={() => start("close")}>{t("bulk.close")}</Button>}
      <Button type="link" onClick={onDone}>
        {t("bulk.clear")}
      </Button>
      {dialog(
        <>
          <Form.Item name="action" hidden>
            <Input />
          </Form.Item>
          {action === "transfer" && (
            <>
              <Form.Item name="departmentId" label={t("dialog.transferDepartment")}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  onChange={() => form.setFieldsValue({ assigneeId: undefined })}
                />
              </Form.Item>
              <Form.Item
                name="assigneeId"
                label={t("dialog.transferAssignee")}
                dependencies={["departmentId"]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      value || getFieldValue("departmentId")
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("bulk.whereTo"))),
                  }),
                ]}
              >
                <Select allowClear showSearch optionFilterProp="label" options={people} />
              </Form.Item>
            </>
          )}
          {action === "priority" && (
            <Form.Item name="priority" label={t("ticket.priority")} rules={[required]}>
              <Select options={PRIORITIES.map((v) => ({ value: v, label: t(`priority.${v}`) }))} />
            </Form.Item>
          )}
          {action === "close" && (
            <Typography.Paragraph type="secondary">{t("bulk.closeHelp")}</Typography.Paragraph>
          )}
          <Form.Item name="reason" label={t("dialog.reason")} rules={[required, maxLength(500)]}>
            <Input.TextArea rows={3} showCount maxLength={500} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}
