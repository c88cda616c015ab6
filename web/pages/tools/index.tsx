import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, Select, Space, Switch, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CheckInput, LendInput, ToolInput, ToolRow } from "../../../common/schemas/field-service";
import { CustomerSelect } from "../../components/customer-select";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";

const day = (d: Dayjs | undefined) => d?.format("YYYY-MM-DD");

/** What the tool dialogs hold: a new tool, a check's date, or a loan's customer and date; dates as picked. */
type ToolForm = Omit<ToolInput, "lastCheckedOn"> & {
  lastCheckedOn?: Dayjs;
  checkedOn: Dayjs;
  customerId: string;
  dueBackOn: Dayjs;
};

/**
 * 工具与计量器具 (C079): each tool with who holds it, when it was last checked and is next due — an
 * overdue one warns the dispatcher — and tools lent to customers until they come back.
 */
export default function ToolsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const directory = useDirectory();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<ToolForm>();
  const [fields, setFields] = useState<"add" | "check" | "lend">("add");
  const [attention, setAttention] = useState(false);
  const list = useQuery({
    queryKey: ["tools", attention],
    queryFn: () => get<ToolRow[]>(`/api/tools${qs({ attention: attention ? "true" : undefined })}`),
  });
  const canManage = hasCapability(me, "stock.manage");
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["tools"] });
  const open = (
    kind: typeof fields,
    title: string,
    save: (v: ToolForm) => Promise<unknown>,
    initial?: object,
  ) => {
    setFields(kind);
    setOpen({ title, save: (v) => save(v).then(refresh), initial });
  };
  const rows = list.data ?? [];
  return (
    <Card
      title={t("menu.tools")}
      extra={
        <Space wrap>
          <Space>
            <Switch checked={attention} onChange={setAttention} />
            {t("tools.attention")}
          </Space>
          {canManage && (
            <Button
              type="primary"
              onClick={() =>
                open("add", t("tools.add"), (v) =>
                  post("/api/tools", {
                    code: v.code,
                    name: v.name,
                    servicePointId: v.servicePointId,
                    holderId: v.holderId,
                    checkIntervalDays: v.checkIntervalDays,
                    lastCheckedOn: day(v.lastCheckedOn),
                  } satisfies ToolInput),
                )
              }
            >
              {t("tools.add")}
            </Button>
          )}
        </Space>
      }
    >
      <ResponsiveTable<ToolRow>
        dataSource={rows}
        loading={list.isLoading}
        emptyText={<Empty description={t("tools.empty")} />}
        scrollX={1000}
        columns={[
          { title: t("tools.code"), render: (_, r) => <strong>{r.code}</strong> },
          { title: t("tools.name"), render: (_, r) => r.name },
          { title: t("tools.holder"), render: (_, r) => r.holder ?? r.servicePoint ?? "—" },
          {
            title: t("tools.nextCheck"),
            render: (_, r) => (
              <Space size={4}>
                {r.nextCheckOn ?? "—"}
                {r.checkOverdue && <Tag color="red">{t("tools.checkOverdue")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("tools.lentTo"),
            render: (_, r) =>
              r.lentTo ? (
                <Space size={4} wrap>
                  {r.lentTo}
                  {t("tools.dueBack", { date: r.dueBackOn })}
                  {r.loanOverdue && <Tag color="red">{t("tools.loanOverdue")}</Tag>}
                </Space>
              ) : (
                "—"
              ),
          },
          {
            title: t("common.actions"),
            render: (_, r) =>
              canManage && (
                <Space wrap>
                  <Button
                    size="small"
                    onClick={() =>
                      open(
                        "check",
                        t("tools.check"),
                        (v) =>
                          post(`/api/tools/${r.id}/check`, {
                            checkedOn: v.checkedOn.format("YYYY-MM-DD"),
                          } satisfies CheckInput),
                        { checkedOn: dayjs() },
                      )
                    }
                  >
                    {t("tools.check")}
                  </Button>
                  {r.lentTo ? (
                    <Button size="small" onClick={() => post(`/api/tools/${r.id}/return`).then(refresh)}>
                      {t("tools.return")}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      onClick={() =>
                        open("lend", t("tools.lend"), (v) =>
                          post(`/api/tools/${r.id}/lend`, {
                            customerId: v.customerId,
                            dueBackOn: v.dueBackOn.format("YYYY-MM-DD"),
                          } satisfies LendInput),
                        )
                      }
                    >
                      {t("tools.lend")}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {dialog(
        {
          add: (
            <>
              <RequiredField name="code" label={t("tools.code")}>
                <Input maxLength={50} />
              </RequiredField>
              <RequiredField name="name" label={t("tools.name")}>
                <Input maxLength={200} />
              </RequiredField>
              <Form.Item name="holderId" label={t("tools.holder")}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
                />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item name="checkIntervalDays" label={t("tools.interval")}>
                  <InputNumber min={1} max={3650} precision={0} />
                </Form.Item>
                <Form.Item name="lastCheckedOn" label={t("tools.lastChecked")}>
                  <DatePicker />
                </Form.Item>
              </Space>
            </>
          ),
          check: (
            <RequiredField name="checkedOn" label={t("tools.checkedOn")}>
              <DatePicker />
            </RequiredField>
          ),
          lend: (
            <>
              <RequiredField name="customerId" label={t("ticket.customer")}>
                <CustomerSelect />
              </RequiredField>
              <RequiredField name="dueBackOn" label={t("tools.dueBackOn")}>
                <DatePicker />
              </RequiredField>
            </>
          ),
        }[fields],
      )}
    </Card>
  );
}
