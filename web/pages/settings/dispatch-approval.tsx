import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Empty, Form, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { WORK_ORDER_KINDS, type WorkOrderKind } from "../../../common/enums";
import { formatFen, yuanToFen } from "../../../common/format";
import type { ApprovalRuleInput } from "../../../common/schemas/field-service";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

type Rule = { id: string; kind: WorkOrderKind | null; minEstimateFen: number | null; approverRole: string };
type Role = { key: string; name: string };

/**
 * 派工审批 (联络单, C068): which on-site work needs whose approval before dispatch — by kind of work
 * and from an estimated cost. Without a rule, work orders go straight to the dispatch board.
 */
export function DispatchApprovalSettings() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<
    Pick<ApprovalRuleInput, "kind" | "approverRole"> & { minYuan?: number }
  >();
  const rules = useQuery({
    queryKey: ["dispatch-approval-rules"],
    queryFn: () => get<Rule[]>("/api/dispatch-approval-rules"),
  });
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => get<Role[]>("/api/roles") });
  const roleName = (key: string) => roles.data?.find((r) => r.key === key)?.name ?? key;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["dispatch-approval-rules"] });
  return (
    <>
      <Typography.Paragraph type="secondary">{t("approvalRules.help")}</Typography.Paragraph>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() =>
          setOpen({
            title: t("approvalRules.add"),
            initial: { approverRole: "general_manager" },
            save: (v) =>
              post("/api/dispatch-approval-rules", {
                kind: v.kind ?? null,
                minEstimateFen: yuanToFen(v.minYuan),
                approverRole: v.approverRole,
              } satisfies ApprovalRuleInput).then(refresh),
          })
        }
      >
        {t("approvalRules.add")}
      </Button>
      <ResponsiveTable<Rule>
        dataSource={rules.data}
        loading={rules.isLoading}
        emptyText={<Empty description={t("approvalRules.empty")} />}
        scrollX={500}
        columns={[
          {
            title: t("workOrder.kind"),
            render: (_, r) => (r.kind ? t(`workOrderKind.${r.kind}`) : t("approvalRules.anyKind")),
          },
          {
            title: t("approvalRules.from"),
            render: (_, r) =>
              r.minEstimateFen === null ? t("approvalRules.anyCost") : formatFen(r.minEstimateFen),
          },
          { title: t("approvalRules.approver"), render: (_, r) => roleName(r.approverRole) },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Button
                size="small"
                danger
                onClick={() =>
                  modal.confirm({
                    title: t("approvalRules.deleteConfirm"),
                    okButtonProps: { danger: true },
                    onOk: () =>
                      api("DELETE", `/api/dispatch-approval-rules/${r.id}`).then(refresh, showError),
                  })
                }
              >
                {t("common.delete")}
              </Button>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <Form.Item name="kind" label={t("workOrder.kind")} extra={t("approvalRules.anyKindHelp")}>
            <Select
              allowClear
              options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`workOrderKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="minYuan"
            label={t("approvalRules.fromYuan")}
            extra={t("approvalRules.anyCostHelp")}
          >
            <InputNumber min={0} precision={2} prefix="¥" style={{ width: "100%" }} />
          </Form.Item>
          <RequiredField name="approverRole" label={t("approvalRules.approver")}>
            <Select options={(roles.data ?? []).map((r) => ({ value: r.key, label: r.name }))} />
          </RequiredField>
        </>,
      )}
    </>
  );
}
