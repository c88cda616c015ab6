import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Empty, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CHECKLIST_PHASES } from "../../../common/enums";
import type { KindSettingsInput, KindSettingsRow } from "../../../common/schemas/field-service";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

/**
 * 服务类别 (C081): each kind of work's checklist — before, during and after the visit, with the items
 * that must be done — and its targets to arrive and to complete. Work orders take them when written.
 */
export function WorkOrderKindSettings() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<KindSettingsInput>();
  const kinds = useQuery({
    queryKey: ["work-order-kinds"],
    queryFn: () => get<KindSettingsRow[]>("/api/work-order-kinds"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["work-order-kinds"] });
  const hours = (n: number | null) => (n ? t("kindSettings.hours", { n }) : t("kindSettings.noTarget"));
  return (
    <>
      <Typography.Paragraph type="secondary">{t("kindSettings.help")}</Typography.Paragraph>
      <ResponsiveTable<KindSettingsRow & { id: string }>
        dataSource={kinds.data?.map((k) => ({ ...k, id: k.kind }))}
        loading={kinds.isLoading}
        emptyText={<Empty />}
        scrollX={800}
        columns={[
          {
            title: t("workOrder.kind"),
            render: (_, k) => (
              <Space size={4}>
                {t(`workOrderKind.${k.kind}`)}
                {k.isDefault && <Tag>{t("kindSettings.default")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("kindSettings.checklist"),
            render: (_, k) =>
              t("kindSettings.items", {
                n: k.checklist.length,
                required: k.checklist.filter((c) => c.required).length,
              }),
          },
          { title: t("kindSettings.arrivalHours"), render: (_, k) => hours(k.arrivalHours) },
          { title: t("kindSettings.completionHours"), render: (_, k) => hours(k.completionHours) },
          {
            title: t("common.actions"),
            render: (_, k) => (
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    setOpen({
                      title: t("kindSettings.edit", { kind: t(`workOrderKind.${k.kind}`) }),
                      width: 720,
                      initial: k,
                      save: (v) =>
                        api("PUT", `/api/work-order-kinds/${k.kind}`, {
                          checklist: v.checklist ?? [],
                          arrivalHours: v.arrivalHours ?? null,
                          completionHours: v.completionHours ?? null,
                        } satisfies KindSettingsInput).then(refresh),
                    })
                  }
                >
                  {t("common.edit")}
                </Button>
                {!k.isDefault && (
                  <Button
                    size="small"
                    onClick={() =>
                      modal.confirm({
                        title: t("kindSettings.resetConfirm", { kind: t(`workOrderKind.${k.kind}`) }),
                        onOk: () => api("DELETE", `/api/work-order-kinds/${k.kind}`).then(refresh, showError),
                      })
                    }
                  >
                    {t("kindSettings.reset")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <Space wrap>
            <Form.Item name="arrivalHours" label={t("kindSettings.arrivalHours")}>
              <InputNumber min={1} max={2000} precision={0} placeholder={t("kindSettings.noTarget")} />
            </Form.Item>
            <Form.Item name="completionHours" label={t("kindSettings.completionHours")}>
              <InputNumber min={1} max={2000} precision={0} placeholder={t("kindSettings.noTarget")} />
            </Form.Item>
          </Space>
          <Typography.Text strong>{t("kindSettings.checklist")}</Typography.Text>
          <Form.List name="checklist">
            {(items, { add, remove }) => (
              <>
                {items.map(({ key, name }) => (
                  <Space key={key} align="baseline" wrap style={{ display: "flex" }}>
                    <Form.Item
                      name={[name, "label"]}
                      rules={[{ required: true, whitespace: true, message: t("kindSettings.labelRequired") }]}
                    >
                      <Input placeholder={t("kindSettings.label")} style={{ width: 300 }} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[name, "phase"]}>
                      <Select
                        style={{ width: 110 }}
                        aria-label={t("kindSettings.phase")}
                        options={CHECKLIST_PHASES.map((p) => ({
                          value: p,
                          label: t(`kindSettings.phase_${p}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[name, "required"]} valuePropName="checked">
                      <Checkbox>{t("kindSettings.required")}</Checkbox>
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t("common.delete")} onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add({ label: "", phase: "during", required: false })}
                >
                  {t("kindSettings.addItem")}
                </Button>
              </>
            )}
          </Form.List>
        </>,
      )}
    </>
  );
}
