import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, DatePicker, Empty, Form, Input, InputNumber, Radio, Select, Space, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { AgreementInput } from "../../../common/schemas/agreements";
import { CustomerSelect } from "../../components/customer-select";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";

export type AgreementState = "upcoming" | "active" | "ended" | "terminated";
export type Agreement = {
  id: string;
  contractNo: string;
  customerId: string;
  customer: string;
  title: string;
  startsOn: string;
  endsOn: string;
  warrantyMonths: number | null;
  responseHours: number | null;
  arrivalHours: number | null;
  visitKind: "maintenance" | "inspection";
  visitsPerYear: number;
  leadDays: number;
  siteAddress: string;
  priceTerms: string | null;
  ownerId: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  state: AgreementState;
};
const STATE_COLOR: Record<AgreementState, string> = {
  upcoming: "blue",
  active: "green",
  ended: "default",
  terminated: "red",
};
const PAGE_SIZE = 20;

export function AgreementStateTag({ state }: { state: AgreementState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`agreement.state_${state}`)}</Tag>;
}

/**
 * 售后服务协定 (C080, C082): the organisation's agreements, or one customer's, with a button for the
 * after-sales staff to record a new one (its visits are scheduled from it).
 */
export function AgreementsTable({ customerId }: { customerId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const directory = useDirectory();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<
    Omit<AgreementInput, "startsOn" | "endsOn"> & { term: [Dayjs, Dayjs] }
  >();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["agreements", customerId, page],
    queryFn: () =>
      get<{ items: Agreement[]; total: number }>(
        `/api/agreements${qs({ customerId, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  const create = () =>
    setOpen({
      title: t("agreement.create"),
      width: 640,
      initial: { customerId, visitKind: "maintenance", visitsPerYear: 4, leadDays: 7 },
      save: async (v) => {
        const { term, ...rest } = v;
        const [startsOn, endsOn] = term;
        const created = await post<{ id: string }>("/api/agreements", {
          ...rest,
          startsOn: startsOn.format("YYYY-MM-DD"),
          endsOn: endsOn.format("YYYY-MM-DD"),
        } satisfies AgreementInput);
        await queryClient.invalidateQueries({ queryKey: ["agreements"] });
        navigate(`/agreements/${created.id}`);
      },
    });
  const number = (name: string, label: string, max: number) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} max={max} precision={0} style={{ width: "100%" }} />
    </Form.Item>
  );
  return (
    <>
      {hasCapability(me, "workorder.dispatch") && (
        <Button type="primary" onClick={create} style={{ marginBottom: 12 }}>
          {t("agreement.create")}
        </Button>
      )}
      <ResponsiveTable<Agreement>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("agreement.empty")} />}
        scrollX={900}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("agreement.contractNo"),
            render: (_, a) => <Link to={`/agreements/${a.id}`}>{a.contractNo}</Link>,
          },
          ...(customerId
            ? []
            : [{ title: t("ticket.customer"), render: (_: unknown, a: Agreement) => a.customer }]),
          { title: t("agreement.title"), render: (_, a) => a.title, ellipsis: true },
          { title: t("agreement.term"), render: (_, a) => `${a.startsOn} ~ ${a.endsOn}` },
          {
            title: t("agreement.visits"),
            render: (_, a) =>
              a.visitsPerYear
                ? t("agreement.visitsPerYearN", {
                    n: a.visitsPerYear,
                    kind: t(`workOrderKind.${a.visitKind}`),
                  })
                : "—",
          },
          { title: t("agreement.state"), render: (_, a) => <AgreementStateTag state={a.state} /> },
        ]}
      />
      {dialog(
        <>
          <Space wrap style={{ width: "100%" }} align="start">
            <RequiredField name="contractNo" label={t("agreement.contractNo")}>
              <Input maxLength={50} />
            </RequiredField>
            <RequiredField name="term" label={t("agreement.term")}>
              <DatePicker.RangePicker />
            </RequiredField>
          </Space>
          {!customerId && (
            <RequiredField name="customerId" label={t("ticket.customer")}>
              <CustomerSelect />
            </RequiredField>
          )}
          <RequiredField name="title" label={t("agreement.title")}>
            <Input maxLength={200} placeholder={t("agreement.titlePlaceholder")} />
          </RequiredField>
          <RequiredField name="siteAddress" label={t("workOrder.siteAddress")}>
            <Input maxLength={500} />
          </RequiredField>
          <Form.Item name="visitKind" label={t("agreement.visitKind")}>
            <Radio.Group
              options={(["maintenance", "inspection"] as const).map((k) => ({
                value: k,
                label: t(`workOrderKind.${k}`),
              }))}
            />
          </Form.Item>
          <Space wrap align="start">
            {number("visitsPerYear", t("agreement.visitsPerYear"), 52)}
            {number("leadDays", t("agreement.leadDays"), 60)}
            {number("warrantyMonths", t("agreement.warrantyMonths"), 240)}
            {number("responseHours", t("agreement.responseHours"), 720)}
            {number("arrivalHours", t("agreement.arrivalHours"), 720)}
          </Space>
          <Form.Item name="ownerId" label={t("agreement.owner")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item name="priceTerms" label={t("agreement.priceTerms")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>,
      )}
    </>
  );
}
