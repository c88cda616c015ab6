import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  FORM_BOXES,
  MAX_RETENTION_YEARS,
  MIN_RETENTION_YEARS,
  PURGE_GRACE_DAYS,
  RECORD_TYPES,
} from "../../../common/enums";
import type {
  FormSetting,
  FormSettingInput,
  LegalHold,
  LegalHoldInput,
  ReleaseHoldInput,
  RetentionPolicy,
  RetentionPolicyInputBody,
  RetentionRun,
} from "../../../common/schemas/records";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post, qs } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { useDirectory } from "../tickets/detail/api";
import { DataRequests } from "./data-requests";

const PAGE_SIZE = 20;
type Page<T> = { items: T[]; total: number };

/** Each record type's period, custodian and purging (C151); what is archived and held now. */
function Retention() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const { setOpen, dialog } = useFormDialog<RetentionPolicyInputBody>();
  const list = useQuery({
    queryKey: ["records", "retention"],
    queryFn: () => get<RetentionPolicy[]>("/api/records/retention"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["records"] });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={t("records.intro")} />
      <ResponsiveTable<RetentionPolicy & { id: string }>
        dataSource={list.data?.map((p) => ({ ...p, id: p.recordType }))}
        loading={list.isLoading}
        emptyText={<Empty />}
        scrollX={900}
        columns={[
          {
            title: t("records.recordType"),
            render: (_, p) => <strong>{t(`records.typeShort.${p.recordType}`)}</strong>,
          },
          { title: t("records.custodian"), render: (_, p) => p.custodianDepartment ?? "—" },
          {
            title: t("records.years"),
            render: (_, p) => t("records.yearsValue", { count: p.retentionYears }),
          },
          {
            title: t("records.purge"),
            render: (_, p) => (
              <Tag color={p.purgeEnabled ? "red" : "default"}>
                {t(p.purgeEnabled ? "records.purgeOn" : "records.purgeOff")}
              </Tag>
            ),
          },
          {
            title: t("records.archived"),
            render: (_, p) => (
              <Space size={4}>
                {p.archived}
                {p.held > 0 && <Tag color="orange">{`${t("records.held")} ${p.held}`}</Tag>}
              </Space>
            ),
          },
          {
            title: t("records.updated"),
            render: (_, p) => [p.updatedBy, formatTime(p.updatedAt)].filter(Boolean).join(" · "),
          },
          {
            title: t("common.actions"),
            render: (_, p) => (
              <Button
                size="small"
                onClick={() =>
                  setOpen({
                    title: t("records.editTitle", { type: t(`records.typeShort.${p.recordType}`) }),
                    initial: p,
                    save: (v) =>
                      api("PUT", `/api/records/retention/${p.recordType}`, {
                        custodianDepartmentId: v.custodianDepartmentId ?? null,
                        retentionYears: v.retentionYears,
                        purgeEnabled: Boolean(v.purgeEnabled),
                      } satisfies RetentionPolicyInputBody).then(refresh),
                  })
                }
              >
                {t("records.edit")}
              </Button>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <Form.Item name="custodianDepartmentId" label={t("records.custodian")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          <Form.Item
            name="retentionYears"
            label={t("records.years")}
            rules={[{ required: true, message: t("common.required") }]}
            extra={t("records.minYears", { min: MIN_RETENTION_YEARS, max: MAX_RETENTION_YEARS })}
          >
            <InputNumber min={MIN_RETENTION_YEARS} max={MAX_RETENTION_YEARS} precision={0} />
          </Form.Item>
          <Form.Item
            name="purgeEnabled"
            label={t("records.purge")}
            valuePropName="checked"
            extra={
              <Typography.Text type="danger">
                {t("records.purgeHelp", { days: PURGE_GRACE_DAYS })}
              </Typography.Text>
            }
          >
            <Switch />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}

/** 法律保全 on cases: placed by ticket number with a reason, released with one; history kept. */
function Holds() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const place = useFormDialog<LegalHoldInput>();
  const release = useFormDialog<ReleaseHoldInput>();
  const query = qs({ page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["records", "holds", query],
    queryFn: () => get<Page<LegalHold>>(`/api/records/holds${query}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["records"] });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Button
        type="primary"
        onClick={() =>
          place.setOpen({
            title: t("records.holdTitle"),
            save: (v) => post("/api/records/holds", v).then(refresh),
          })
        }
      >
        {t("records.placeHold")}
      </Button>
      <ResponsiveTable<LegalHold>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("records.noHolds")} />}
        scrollX={900}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("records.ticketNumber"),
            render: (_, h) =>
              h.releasedAt ? h.ticketNumber : <Link to={`/tickets/${h.ticketId}`}>{h.ticketNumber}</Link>,
          },
          { title: t("records.reason"), render: (_, h) => h.reason },
          { title: t("records.placedBy"), render: (_, h) => `${h.placedBy} · ${formatTime(h.placedAt)}` },
          {
            title: t("records.status"),
            render: (_, h) =>
              h.releasedAt ? (
                <Space direction="vertical" size={0}>
                  <Tag>{t("records.released")}</Tag>
                  <Typography.Text type="secondary">
                    {`${h.releasedBy ?? ""} · ${formatTime(h.releasedAt)}：${h.releaseReason ?? ""}`}
                  </Typography.Text>
                </Space>
              ) : (
                <Tag color="orange">{t("records.standing")}</Tag>
              ),
          },
          {
            title: t("common.actions"),
            render: (_, h) =>
              !h.releasedAt && (
                <Button
                  size="small"
                  onClick={() =>
                    release.setOpen({
                      title: t("records.releaseTitle", { number: h.ticketNumber }),
                      save: (v) => post(`/api/records/holds/${h.id}/release`, v).then(refresh),
                    })
                  }
                >
                  {t("records.release")}
                </Button>
              ),
          },
        ]}
      />
      {place.dialog(
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t("records.holdHelp")} />
          <RequiredField name="ticketNumber" label={t("records.ticketNumber")}>
            <Input maxLength={64} placeholder="KS-202612-0001" />
          </RequiredField>
          <RequiredField name="reason" label={t("records.reason")}>
            <Input.TextArea maxLength={500} rows={3} />
          </RequiredField>
        </>,
      )}
      {release.dialog(
        <RequiredField name="reason" label={t("records.releaseReason")}>
          <Input.TextArea maxLength={500} rows={3} />
        </RequiredField>,
      )}
    </Space>
  );
}

/** The passes that archived or purged something, with their counts and the purged numbers. */
function Runs() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const query = qs({ page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["records", "runs", query],
    queryFn: () => get<Page<RetentionRun>>(`/api/records/retention/runs${query}`),
  });
  const total = (run: RetentionRun, key: "archived" | "purged" | "held") =>
    Object.values(run.counts).reduce((sum, c) => sum + (c?.[key] ?? 0), 0);
  const runNow = () =>
    modal.confirm({
      title: t("records.runNow"),
      content: t("records.runConfirm"),
      okButtonProps: { danger: true },
      onOk: () =>
        post<RetentionRun | null>("/api/records/retention/run")
          .then((run) => {
            message.success(
              run
                ? t("records.runDone", { archived: total(run, "archived"), purged: total(run, "purged") })
                : t("records.runNothing"),
            );
            return queryClient.invalidateQueries({ queryKey: ["records"] });
          })
          .catch(showError),
    });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Button danger onClick={runNow}>
        {t("records.runNow")}
      </Button>
      <ResponsiveTable<RetentionRun>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("records.noRuns")} />}
        scrollX={900}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t("records.ranAt"), render: (_, r) => formatTime(r.ranAt) },
          { title: t("records.ranBy"), render: (_, r) => r.ranBy ?? t("records.scheduled") },
          {
            title: t("records.counts"),
            render: (_, r) => {
              const done = RECORD_TYPES.filter((type) => {
                const c = r.counts[type];
                return c && c.archived + c.purged + c.held > 0;
              });
              if (!done.length) return t("records.nothingDue");
              return (
                <Space direction="vertical" size={0}>
                  {done.map((type) => (
                    <span key={type}>
                      {`${t(`records.typeShort.${type}`)}：${t("records.countsValue", r.counts[type])}`}
                    </span>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t("records.purgedNumbers"),
            render: (_, r) => (r.purgedNumbers.length ? r.purgedNumbers.join("、") : "—"),
          },
        ]}
      />
    </Space>
  );
}

/** Each standard form's number, version and signature boxes (C154). */
function Forms() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<FormSettingInput>();
  const list = useQuery({
    queryKey: ["records", "forms"],
    queryFn: () => get<FormSetting[]>("/api/records/forms"),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={t("form.intro")} />
      <ResponsiveTable<FormSetting & { id: string }>
        dataSource={list.data?.map((f) => ({ ...f, id: f.kind }))}
        loading={list.isLoading}
        emptyText={<Empty />}
        scrollX={800}
        columns={[
          { title: t("form.kindLabel"), render: (_, f) => <strong>{t(`form.kind.${f.kind}`)}</strong> },
          { title: t("form.formNo"), render: (_, f) => f.formNo },
          { title: t("form.version"), render: (_, f) => f.version },
          {
            title: t("form.boxesLabel"),
            render: (_, f) =>
              f.boxes.length ? f.boxes.map((b) => <Tag key={b}>{t(`form.box.${b}`)}</Tag>) : "—",
          },
          {
            title: t("records.updated"),
            render: (_, f) => [f.updatedBy, formatTime(f.updatedAt)].filter(Boolean).join(" · "),
          },
          {
            title: t("common.actions"),
            render: (_, f) => (
              <Button
                size="small"
                onClick={() =>
                  setOpen({
                    title: t("form.editTitle", { kind: t(`form.kind.${f.kind}`) }),
                    initial: f,
                    save: (v) =>
                      api("PUT", `/api/records/forms/${f.kind}`, {
                        ...v,
                        boxes: v.boxes ?? [],
                      } satisfies FormSettingInput).then(() =>
                        queryClient.invalidateQueries({ queryKey: ["records", "forms"] }),
                      ),
                  })
                }
              >
                {t("records.edit")}
              </Button>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="formNo" label={t("form.formNo")}>
            <Input maxLength={40} />
          </RequiredField>
          <RequiredField name="version" label={t("form.version")}>
            <Input maxLength={20} />
          </RequiredField>
          <Form.Item name="boxes" label={t("form.boxesLabel")}>
            <Checkbox.Group options={FORM_BOXES.map((b) => ({ value: b, label: t(`form.box.${b}`) }))} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}

/** 档案管理 (M14): retention and custody, legal holds, and the log of what was archived and purged. */
export default function RecordsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t("menu.records")}>
      <Tabs
        items={[
          { key: "retention", label: t("records.retention"), children: <Retention /> },
          { key: "holds", label: t("records.holds"), children: <Holds /> },
          { key: "runs", label: t("records.runs"), children: <Runs /> },
          { key: "data-requests", label: t("dataRequest.tab"), children: <DataRequests /> },
          { key: "forms", label: t("form.tab"), children: <Forms /> },
        ]}
      />
    </Card>
  );
}
