import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { API_TOKEN_DAYS, CAPABILITIES, type Capability } from "../../../common/capabilities";
import { DATA_SCOPES, type Locale, WORK_ORDER_KINDS } from "../../../common/enums";
import { CAPABILITY_LABELS } from "../../../common/labels";
import type {
  ApiTokenInput,
  DepartmentInput,
  RoleInput,
  ServicePointInput,
  UserDto,
  UserInputBody,
  UserUpdate,
} from "../../../common/schemas/identity";
import type { ForbiddenPhraseInput, StandardAnswerInput } from "../../../common/schemas/tickets";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { type ServicePoint, type StandardAnswer, useDirectory } from "../tickets/detail/api";
import { AppraisalSchemeForm, SanctionRulesForm } from "./appraisal-scheme";
import { Calendars } from "./calendars";
import { ComplaintSettings } from "./complaint-settings";
import { DispatchApprovalSettings } from "./dispatch-approval";
import { QualitySettings } from "./quality-settings";
import { SlaPolicies } from "./sla-policies";
import { SurveySettingsForm } from "./survey-settings";
import { WorkOrderKindSettings } from "./work-order-kinds";

type Role = { id: string; key: string; name: string; capabilities: string[]; dataScope: string };
type User = UserDto;

function Departments() {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["directory"] });
  const { setOpen, dialog } = useFormDialog<DepartmentInput>();
  const deps = directory.data?.departments ?? [];
  const name = (id: string | null) => deps.find((d) => d.id === id)?.name ?? "—";
  return (
    <>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() =>
          setOpen({ title: t("common.add"), save: (v) => post("/api/departments", v).then(refresh) })
        }
      >
        {t("common.add")}
      </Button>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={deps}
        columns={[
          { title: t("settings.departmentName"), dataIndex: "name" },
          { title: t("settings.parent"), dataIndex: "parentId", render: name },
          {
            title: t("common.actions"),
            render: (_, d) => (
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    setOpen({
                      title: t("common.edit"),
                      initial: d,
                      save: (v) => api("PATCH", `/api/departments/${d.id}`, v).then(refresh),
                    })
                  }
                >
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("common.confirmDelete")}
                  onConfirm={() => api("DELETE", `/api/departments/${d.id}`).then(refresh, showError)}
                >
                  <Button size="small" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("settings.departmentName")} />
          <Form.Item name="parentId" label={t("settings.parent")}>
            <Select allowClear options={deps.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </>,
      )}
    </>
  );
}

function Users() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const users = useQuery({ queryKey: ["users"], queryFn: () => get<User[]>("/api/users") });
  const setDisabled = (u: User, isDisabled: boolean) =>
    api("PATCH", `/api/users/${u.id}`, { isDisabled } satisfies UserUpdate).then(() => {
      message.success(
        t(isDisabled ? "settings.disabledDone" : "settings.enabledDone", { name: u.displayName }),
      );
      return queryClient.invalidateQueries({ queryKey: ["users"] });
    }, showError);
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => get<Role[]>("/api/roles") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const { setOpen, dialog } = useFormDialog<UserInputBody & { isDisabled?: boolean }>();
  const showPassword = (password: string) => {
    modal.info({ title: t("settings.oneTimePassword", { password }) });
  };
  const deps = directory.data?.departments ?? [];
  return (
    <>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() =>
          setOpen({
            title: t("common.add"),
            save: (v) =>
              post<{ oneTimePassword: string }>("/api/users", v).then((r) => {
                showPassword(r.oneTimePassword);
                return refresh();
              }),
          })
        }
      >
        {t("common.add")}
      </Button>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data}
        scroll={{ x: 700 }}
        columns={[
          { title: t("settings.username"), dataIndex: "username" },
          {
            title: t("settings.displayName"),
            dataIndex: "displayName",
            render: (name: string, u) => (
              <Space size={4} wrap>
                {name}
                {u.absence && (
                  <Tag color={u.absence.away ? "orange" : "default"} data-testid={`absence-${u.username}`}>
                    {t(u.absence.away ? "absence.userAway" : "absence.userPlanned", {
                      from: formatTime(u.absence.from),
                      until: formatTime(u.absence.until),
                      deputy: users.data?.find((x) => x.id === u.absence?.deputyId)?.displayName ?? "—",
                    })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t("ticket.department"),
            dataIndex: "departmentId",
            render: (id: string | null) => deps.find((d) => d.id === id)?.name ?? "—",
          },
          {
            title: t("settings.roles_"),
            dataIndex: "roleIds",
            render: (ids: string[]) =>
              ids.map((id) => <Tag key={id}>{roles.data?.find((r) => r.id === id)?.name}</Tag>),
          },
          {
            title: t("ticket.status"),
            dataIndex: "isDisabled",
            render: (off: boolean) =>
              off ? <Tag>{t("settings.disabled")}</Tag> : <Tag color="green">{t("settings.active")}</Tag>,
          },
          {
            title: t("common.actions"),
            render: (_, u) => (
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    setOpen({
                      title: u.displayName,
                      initial: u,
                      save: (v) =>
                        // The user name is fixed once made: everything else may change.
                        api("PATCH", `/api/users/${u.id}`, {
                          ...v,
                          username: undefined,
                        } satisfies UserUpdate & { username: undefined }).then(refresh),
                    })
                  }
                >
                  {t("common.edit")}
                </Button>
                {u.isDisabled ? (
                  <Button size="small" onClick={() => setDisabled(u, false)}>
                    {t("settings.enable")}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t("settings.disableConfirm", { name: u.displayName })}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => setDisabled(u, true)}
                  >
                    <Button size="small" danger>
                      {t("settings.disable")}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={t("settings.resetPassword")}
                  onConfirm={() =>
                    post<{ oneTimePassword: string }>(`/api/users/${u.id}/reset-password`).then(
                      (r) => showPassword(r.oneTimePassword),
                      showError,
                    )
                  }
                >
                  <Button size="small">{t("settings.resetPassword")}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="username" label={t("settings.username")} />
          <RequiredField name="displayName" label={t("settings.displayName")} />
          <Form.Item name="departmentId" label={t("ticket.department")}>
            <Select allowClear options={deps.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="servicePointId" label={t("settings.servicePoint")}>
            <Select
              allowClear
              options={(directory.data?.servicePoints ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="skills" label={t("settings.skills")} extra={t("settings.skillsHelp")}>
            <Select
              mode="tags"
              options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`workOrderKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="roleIds"
            label={t("settings.roles_")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Select
              mode="multiple"
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
        </>,
      )}
    </>
  );
}

function Roles() {
  const { t, i18n } = useTranslation();
  const capabilityLabel = (c: Capability) => CAPABILITY_LABELS[c][i18n.language as Locale] ?? c;
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => get<Role[]>("/api/roles") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["roles"] });
  const { setOpen, dialog } = useFormDialog<RoleInput>();
  return (
    <>
      <Table<Role>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={roles.data}
        columns={[
          { title: t("settings.roles_"), dataIndex: "name", width: 140 },
          {
            title: t("settings.dataScope"),
            dataIndex: "dataScope",
            width: 100,
            render: (s: string) => t(`settings.scope_${s}`),
          },
          {
            title: t("settings.capabilities"),
            dataIndex: "capabilities",
            render: (caps: Capability[]) => caps.map((c) => <Tag key={c}>{capabilityLabel(c)}</Tag>),
          },
          {
            title: t("common.actions"),
            width: 90,
            render: (_, role) => (
              <Button
                size="small"
                onClick={() =>
                  setOpen({
                    title: t("settings.editRole"),
                    initial: role,
                    save: (v) => api("PUT", `/api/roles/${role.id}`, v).then(refresh),
                  })
                }
              >
                {t("common.edit")}
              </Button>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("settings.roles_")} />
          <Form.Item name="dataScope" label={t("settings.dataScope")}>
            <Select options={DATA_SCOPES.map((s) => ({ value: s, label: t(`settings.scope_${s}`) }))} />
          </Form.Item>
          <Form.Item name="capabilities" label={t("settings.capabilities")}>
            <Checkbox.Group options={CAPABILITIES.map((c) => ({ value: c, label: capabilityLabel(c) }))} />
          </Form.Item>
        </>,
      )}
    </>
  );
}

function ServicePoints() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["directory"] });
  const { setOpen, dialog } = useFormDialog<ServicePointInput>();
  return (
    <>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() =>
          setOpen({ title: t("common.add"), save: (v) => post("/api/service-points", v).then(refresh) })
        }
      >
        {t("common.add")}
      </Button>
      <Table<ServicePoint>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={directory.data?.servicePoints}
        columns={[
          {
            title: t("settings.servicePoints"),
            dataIndex: "name",
            width: 160,
            render: (name: string, p) =>
              p.isHeadquarters ? (
                <Space>
                  {name}
                  <Tag color="blue">{t("settings.headquarters")}</Tag>
                </Space>
              ) : (
                name
              ),
          },
          {
            title: t("settings.regions"),
            dataIndex: "regions",
            render: (regions: string[]) => regions.map((r) => <Tag key={r}>{r}</Tag>),
          },
          {
            title: t("common.actions"),
            width: 90,
            render: (_, p) => (
              <Button
                size="small"
                onClick={() =>
                  setOpen({
                    title: t("common.edit"),
                    initial: p,
                    save: (v) => api("PUT", `/api/service-points/${p.id}`, v).then(refresh),
                  })
                }
              >
                {t("common.edit")}
              </Button>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("settings.servicePoints")} />
          <Form.Item name="regions" label={t("settings.regions")}>
            <Select mode="tags" />
          </Form.Item>
          <Form.Item name="isHeadquarters" label={t("settings.headquarters")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>,
      )}
    </>
  );
}

type ApiToken = {
  id: string;
  name: string;
  owner: string;
  readOnly: boolean;
  expiresAt: string;
  expired: boolean;
  lastUsedAt: string | null;
  createdAt: string;
};

/**
 * API tokens: those allowed make their own (shown once, read-only unless asked, always running
 * out); an administrator sees everybody's and revokes any.
 */
function ApiTokens() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useMe();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["api-tokens"], queryFn: () => get<ApiToken[]>("/api/api-tokens") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
  const { setOpen, dialog } = useFormDialog<{ name: string; days: ApiTokenInput["days"]; write?: boolean }>();
  const create = (values: { name: string; days: ApiTokenInput["days"]; write?: boolean }) =>
    post<{ token: string }>("/api/api-tokens", {
      name: values.name,
      days: values.days,
      readOnly: !values.write,
    } satisfies ApiTokenInput).then((r) => {
      modal.success({ title: t("settings.tokenCreated", { token: r.token }), width: 560 });
      return refresh();
    });
  return (
    <>
      {hasCapability(me.data, "apiToken.create") && (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          onClick={() => setOpen({ title: t("common.add"), save: create, initial: { days: 90 } })}
        >
          {t("common.add")}
        </Button>
      )}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={tokens.data}
        loading={tokens.isLoading}
        locale={{ emptyText: t("common.empty") }}
        columns={[
          { title: t("settings.tokenName"), dataIndex: "name" },
          ...(hasCapability(me.data, "user.manage")
            ? [{ title: t("settings.tokenOwner"), dataIndex: "owner" }]
            : []),
          {
            title: t("settings.tokenAccess"),
            dataIndex: "readOnly",
            render: (readOnly: boolean) =>
              readOnly ? (
                <Tag>{t("settings.readOnly")}</Tag>
              ) : (
                <Tag color="orange">{t("settings.readWrite")}</Tag>
              ),
          },
          {
            title: t("settings.tokenExpires"),
            dataIndex: "expiresAt",
            render: (v: string, token) =>
              token.expired ? <Tag color="red">{t("settings.tokenExpired")}</Tag> : formatTime(v),
          },
          {
            title: t("settings.lastUsed"),
            dataIndex: "lastUsedAt",
            render: (v: string | null) => formatTime(v),
          },
          { title: t("settings.createdAt"), dataIndex: "createdAt", render: (v: string) => formatTime(v) },
          {
            title: t("common.actions"),
            render: (_, token) => (
              <Popconfirm
                title={t("settings.confirmRevoke", { name: token.name })}
                onConfirm={() => api("DELETE", `/api/api-tokens/${token.id}`).then(refresh, showError)}
              >
                <Button size="small" danger>
                  {t("settings.revoke")}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="name" label={t("settings.tokenName")} />
          <Form.Item name="days" label={t("settings.tokenValidity")}>
            <Select
              options={API_TOKEN_DAYS.map((days) => ({
                value: days,
                label: t("settings.tokenDays", { days }),
              }))}
            />
          </Form.Item>
          <Form.Item name="write" valuePropName="checked" extra={t("settings.tokenWriteHint")}>
            <Checkbox>{t("settings.tokenWrite")}</Checkbox>
          </Form.Item>
        </>,
      )}
    </>
  );
}

function StandardAnswers() {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const answers = useQuery({
    queryKey: ["standard-answers"],
    queryFn: () => get<StandardAnswer[]>("/api/standard-answers"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["standard-answers"] });
  const { setOpen, dialog } = useFormDialog<StandardAnswerInput>();
  return (
    <>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() =>
          setOpen({ title: t("common.add"), save: (v) => post("/api/standard-answers", v).then(refresh) })
        }
      >
        {t("common.add")}
      </Button>
      <Table<StandardAnswer>
        rowKey="id"
        size="small"
        dataSource={answers.data}
        columns={[
          { title: t("settings.category"), dataIndex: "category", width: 120 },
          { title: t("settings.answerTitle"), dataIndex: "title", width: 160 },
          { title: t("settings.answerBody"), dataIndex: "body", ellipsis: true },
          {
            title: t("common.actions"),
            width: 160,
            render: (_, a) => (
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    setOpen({
                      title: t("common.edit"),
                      initial: a,
                      save: (v) => api("PUT", `/api/standard-answers/${a.id}`, v).then(refresh),
                    })
                  }
                >
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("common.confirmDelete")}
                  onConfirm={() => api("DELETE", `/api/standard-answers/${a.id}`).then(refresh, showError)}
                >
                  <Button size="small" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <RequiredField name="category" label={t("settings.category")} />
          <RequiredField name="title" label={t("settings.answerTitle")} />
          <RequiredField name="body" label={t("settings.answerBody")}>
            <Input.TextArea rows={4} />
          </RequiredField>
        </>,
      )}
    </>
  );
}

function ForbiddenPhrases() {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [phrase, setPhrase] = useState("");
  const phrases = useQuery({
    queryKey: ["forbidden-phrases"],
    queryFn: () => get<{ id: string; phrase: string }[]>("/api/forbidden-phrases"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["forbidden-phrases"] });
  return (
    <>
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input
          placeholder={t("settings.phrase")}
          value={phrase}
          onChange={(e) => setPhrase(e.target.value)}
        />
        <Button
          type="primary"
          disabled={!phrase.trim()}
          onClick={() =>
            post("/api/forbidden-phrases", { phrase } satisfies ForbiddenPhraseInput).then(() => {
              setPhrase("");
              return refresh();
            }, showError)
          }
        >
          {t("common.add")}
        </Button>
      </Space.Compact>
      <div>
        {(phrases.data ?? []).map((p) => (
          <Tag
            key={p.id}
            closable
            onClose={(e) => {
              e.preventDefault();
              void api("DELETE", `/api/forbidden-phrases/${p.id}`).then(refresh, showError);
            }}
            style={{ marginBottom: 8 }}
          >
            {p.phrase}
          </Tag>
        ))}
      </div>
    </>
  );
}

export default function Settings() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const tabs = [
    hasCapability(me, "org.manage") && {
      key: "departments",
      label: t("settings.departments"),
      children: <Departments />,
    },
    hasCapability(me, "org.manage") && {
      key: "service-points",
      label: t("settings.servicePoints"),
      children: <ServicePoints />,
    },
    hasCapability(me, "user.manage") && { key: "users", label: t("settings.users"), children: <Users /> },
    hasCapability(me, "user.manage") && { key: "roles", label: t("settings.roles"), children: <Roles /> },
    hasCapability(me, "settings.manage") && {
      key: "answers",
      label: t("settings.standardAnswers"),
      children: <StandardAnswers />,
    },
    hasCapability(me, "settings.manage") && {
      key: "phrases",
      label: t("settings.forbiddenPhrases"),
      children: <ForbiddenPhrases />,
    },
    hasCapability(me, "settings.manage") && {
      key: "calendars",
      label: t("calendar.title"),
      children: <Calendars />,
    },
    hasCapability(me, "settings.manage") && {
      key: "sla-policies",
      label: t("sla.policies"),
      children: <SlaPolicies />,
    },
    hasCapability(me, "settings.manage") && {
      key: "complaints",
      label: t("complaintSettings.title"),
      children: <ComplaintSettings />,
    },
    hasCapability(me, "settings.manage") && {
      key: "dispatch-approval",
      label: t("approvalRules.title"),
      children: <DispatchApprovalSettings />,
    },
    hasCapability(me, "settings.manage") && {
      key: "work-order-kinds",
      label: t("kindSettings.title"),
      children: <WorkOrderKindSettings />,
    },
    hasCapability(me, "settings.manage") && {
      key: "surveys",
      label: t("surveySettings.title"),
      children: <SurveySettingsForm />,
    },
    hasCapability(me, "settings.manage") && {
      key: "quality",
      label: t("qaSettings.title"),
      children: <QualitySettings />,
    },
    hasCapability(me, "settings.manage") && {
      key: "appraisal",
      label: t("appraisal.scheme"),
      children: (
        <Space direction="vertical" size={32} style={{ width: "100%" }}>
          <AppraisalSchemeForm />
          <SanctionRulesForm />
        </Space>
      ),
    },
    (hasCapability(me, "apiToken.create") || hasCapability(me, "user.manage")) && {
      key: "api-tokens",
      label: t("settings.apiTokens"),
      children: <ApiTokens />,
    },
  ].filter((x) => x !== false);
  return (
    <Card>
      <Tabs items={tabs} />
    </Card>
  );
}
