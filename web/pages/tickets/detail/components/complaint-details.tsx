import { Button, DatePicker, Descriptions, Form, Input, Select, Space, Switch, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { ComplaintDetailsInput, ComplaintDto } from "../../../../../common/schemas/complaints";
import { useFormDialog } from "../../../../components/form-dialog";
import { api } from "../../../../lib/api";
import { useDirectory } from "../api";

/**
 * 制造追溯 (C053), 争议 (C060) and 被投诉人 (C063): shown with the record when filled in, edited in
 * one dialog. A dispute needs its coordinator and the contract clause relied on.
 */
export function ComplaintDetails({ complaint: c, onDone }: { complaint: ComplaintDto; onDone: () => void }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const { setOpen, dialog } = useFormDialog<
    Omit<ComplaintDetailsInput, "productionDate"> & { productionDate?: Dayjs | null }
  >();
  const people = (directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const traced = c.productionUnit || c.machineShift || c.operatorName || c.productionDate;
  const edit = () =>
    setOpen({
      title: t("complaintDetails.edit"),
      initial: {
        productionUnit: c.productionUnit,
        machineShift: c.machineShift,
        operatorName: c.operatorName,
        productionDate: c.productionDate ? dayjs(c.productionDate) : null,
        disputed: c.disputed,
        coordinatorId: c.coordinator?.id,
        contractClause: c.contractClause,
        accusedUserId: c.accused?.id,
      },
      save: async (v) => {
        await api("PATCH", `/api/complaints/${c.id}`, {
          productionUnit: v.productionUnit || null,
          machineShift: v.machineShift || null,
          operatorName: v.operatorName || null,
          productionDate: v.productionDate ? v.productionDate.format("YYYY-MM-DD") : null,
          disputed: Boolean(v.disputed),
          coordinatorId: v.coordinatorId ?? null,
          contractClause: v.contractClause || null,
          accusedUserId: v.accusedUserId ?? null,
        } satisfies ComplaintDetailsInput);
        onDone();
      },
    });
  return (
    <div data-testid="complaint-details">
      {(traced || c.disputed || c.accused) && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          {traced && (
            <Descriptions.Item label={t("complaintDetails.traceability")} span={3}>
              {[c.productionUnit, c.machineShift, c.operatorName, c.productionDate]
                .filter(Boolean)
                .join(" · ")}
            </Descriptions.Item>
          )}
          {c.disputed && (
            <Descriptions.Item label={<Tag color="volcano">{t("complaintDetails.disputed")}</Tag>} span={3}>
              {t("complaintDetails.coordinatedBy", { name: c.coordinator?.name ?? "—" })}
              {c.contractClause && ` · ${c.contractClause}`}
            </Descriptions.Item>
          )}
          {c.accused && (
            <Descriptions.Item label={t("complaintDetails.accused")} span={3}>
              {c.accused.name}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {c.abilities.handle && (
        <Button size="small" onClick={edit}>
          {t("complaintDetails.edit")}
        </Button>
      )}
      {dialog(
        <>
          <Space wrap>
            <Form.Item name="productionUnit" label={t("complaintDetails.productionUnit")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="machineShift" label={t("complaintDetails.machineShift")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="operatorName" label={t("complaintDetails.operatorName")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="productionDate" label={t("complaintDetails.productionDate")}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="disputed" label={t("complaintDetails.disputed")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.disputed !== b.disputed}>
            {({ getFieldValue }) =>
              getFieldValue("disputed") && (
                <>
                  <Form.Item
                    name="coordinatorId"
                    label={t("complaintDetails.coordinator")}
                    rules={[{ required: true, message: t("common.required") }]}
                  >
                    <Select showSearch optionFilterProp="label" options={people} />
                  </Form.Item>
                  <Form.Item
                    name="contractClause"
                    label={t("complaintDetails.contractClause")}
                    rules={[{ required: true, message: t("common.required") }]}
                  >
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          <Form.Item
            name="accusedUserId"
            label={t("complaintDetails.accused")}
            extra={t("complaintDetails.accusedHint")}
          >
            <Select allowClear showSearch optionFilterProp="label" options={people} />
          </Form.Item>
        </>,
      )}
    </div>
  );
}
