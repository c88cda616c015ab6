import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PENALTY_TYPES, REWARD_TYPES, SANCTION_STATUSES, type SanctionStatus } from "../../../common/enums";
import { formatFen, yuanToFen } from "../../../common/format";
import type { Sanction, SanctionDecisionInput, SanctionInput } from "../../../common/schemas/sanctions";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<SanctionStatus, string> = {
  proposed: "orange",
  approved: "blue",
  rejected: "default",
  published: "green",
};

/** What a reward or penalty comes to: an amount, a share of the bonus, a termination. */
function Measure({ s }: { s: Sanction }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={s.kind === "reward" ? "green" : "red"}>{t(`sanction.type_${s.type}`)}</Tag>
      {s.amountFen !== null && formatFen(s.amountFen)}
      {s.bonusShare !== null && `${Math.round(s.bonusShare * 1000) / 10}%`}
      {s.terminate && <Tag color="red">{t("sanction.terminate")}</Tag>}
    </Space>
  );
}

function SanctionList({ view }: { view: "all" | "mine" }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SanctionStatus | undefined>();
  const [page, setPage] = useState(1);
  const decide = useFormDialog<SanctionDecisionInput>();
  const query = qs({ view, status, page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["sanctions", query],
    queryFn: () => get<{ items: Sanction[]; total: number }>(`/api/sanctions${query}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sanctions"] });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {view === "all" && (
        <Select
          allowClear
          placeholder={t("ticket.status")}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={SANCTION_STATUSES.map((s) => ({ value: s, label: t(`sanction.status_${s}`) }))}
        />
      )}
      <ResponsiveTable<Sanction>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t(view === "all" ? "sanction.empty" : "sanction.emptyMine")} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("sanction.subject"),
            render: (_, s) => [s.person, s.department].filter(Boolean).join(" · "),
          },
          { title: t("sanction.type"), render: (_, s) => <Measure s={s} /> },
          {
            title: t("sanction.reason"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                {s.reason}
                {s.evidence && <Typography.Text type="secondary">{s.evidence}</Typography.Text>}
                {s.auditIds.length > 0 && (
                  <Typography.Text type="secondary">
                    {t("sanction.auditIds")}：{s.auditIds.join(", ")}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("sanction.source"),
            render: (_, s) =>
              s.proposedBy
                ? `${t(`sanction.source_${s.source}`)} · ${s.proposedBy}`
                : t(`sanction.source_${s.source}`),
          },
          {
            title: t("ticket.status"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[s.status]}>{t(`sanction.status_${s.status}`)}</Tag>
                {s.decisionNote && (
                  <Typography.Text type="secondary">
                    {s.decidedBy}：{s.decisionNote}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t("sanction.time"), render: (_, s) => formatTime(s.publishedAt ?? s.createdAt) },
          ...(view === "mine"
            ? []
            : [
                {
                  title: t("common.actions"),
                  render: (_: unknown, s: Sanction) => (
                    <Space wrap>
                      {s.may.decide && (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() =>
                            decide.setOpen({
                              title: t("sanction.approve"),
                              initial: { approve: true },
                              save: (v) => post(`/api/sanctions/${s.id}/decision`, v).then(refresh),
                            })
                          }
                        >
                          {t("sanction.approve")}
                        </Button>
                      )}
                      {s.may.publish && (
                        <Button
                          size="small"
                          onClick={() =>
                            modal.confirm({
                              title: t("sanction.publishConfirm"),
                              onOk: () => post(`/api/sanctions/${s.id}/publish`).then(refresh, showError),
                            })
                          }
                        >
                          {t("sanction.publish")}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      {decide.dialog(
        <>
          <Form.Item name="approve">
            <Radio.Group
              options={[
                { value: true, label: t("sanction.approveYes") },
                { value: false, label: t("sanction.approveNo") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("sanction.decision")}
            rules={[{ required: true, whitespace: true, message: t("sanction.decisionRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}

/** 提出奖惩 (C119, C122): for a person or a team, with the reason and evidence. */
/** What the proposal form holds: amounts in yuan, the bonus share in percent, audit ids as typed. */
type ProposalForm = Pick<
  SanctionInput,
  "kind" | "type" | "userId" | "departmentId" | "terminate" | "reason" | "evidence"
> & {
  subject: "person" | "team";
  amount?: number;
  bonusShare?: number;
  auditIds?: string;
};

function ProposeButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const { setOpen, dialog, form } = useFormDialog<ProposalForm>();
  const kind = Form.useWatch("kind", form);
  const type = Form.useWatch("type", form);
  const subject = Form.useWatch("subject", form);
  const types = kind === "penalty" ? PENALTY_TYPES : REWARD_TYPES;
  return (
    <>
      <Button
        type="primary"
        onClick={() =>
          setOpen({
            title: t("sanction.propose"),
            width: 560,
            initial: { kind: "reward", type: "commendation", subject: "person", terminate: false },
            save: (v) =>
              post("/api/sanctions", {
                kind: v.kind,
                type: v.type,
                userId: v.subject === "person" ? v.userId : undefined,
                departmentId: v.subject === "team" ? v.departmentId : undefined,
                amountFen: yuanToFen(v.amount) ?? undefined,
                bonusShare: typeof v.bonusShare === "number" ? v.bonusShare / 100 : undefined,
                terminate: v.terminate,
                reason: v.reason,
                evidence: v.evidence || undefined,
                auditIds: String(v.auditIds ?? "")
                  .split(/[,，\s]+/)
                  .filter(Boolean)
                  .map(Number),
              } satisfies SanctionInput).then(() =>
                queryClient.invalidateQueries({ queryKey: ["sanctions"] }),
              ),
          })
        }
      >
        {t("sanction.propose")}
      </Button>
      {dialog(
        <>
          <Form.Item name="kind" label={t("sanction.kind")}>
            <Radio.Group
              onChange={(e) =>
                form.setFieldValue("type", e.target.value === "reward" ? "commendation" : "warning")
              }
              options={(["reward", "penalty"] as const).map((k) => ({
                value: k,
                label: t(`sanction.kind_${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="type" label={t("sanction.type")} rules={[{ required: true }]}>
            <Select options={types.map((x) => ({ value: x, label: t(`sanction.type_${x}`) }))} />
          </Form.Item>
          <Form.Item name="subject" label={t("sanction.subject")}>
            <Radio.Group
              options={[
                { value: "person", label: t("sanction.person") },
                { value: "team", label: t("sanction.team") },
              ]}
            />
          </Form.Item>
          {subject === "team" ? (
            <Form.Item name="departmentId" label={t("sanction.team")} rules={[{ required: true }]}>
              <Select
                options={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          ) : (
            <Form.Item name="userId" label={t("appraisal.name")} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="amount" label={t("sanction.amount")}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
            {type === "deduction" && (
              <Form.Item name="bonusShare" label={t("sanction.bonusShare")}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            )}
          </Space>
          {kind === "penalty" && (
            <Form.Item name="terminate" valuePropName="checked">
              <Checkbox>{t("sanction.terminate")}</Checkbox>
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t("sanction.reason")}
            rules={[{ required: true, whitespace: true, message: t("sanction.reasonRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="evidence" label={t("sanction.evidence")}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="auditIds"
            label={t("sanction.auditIds")}
            extra={t("sanction.auditIdsHelp")}
            rules={type === "data_leak" ? [{ required: true, message: t("sanction.auditIdsHelp") }] : []}
          >
            <Input />
          </Form.Item>
        </>,
      )}
    </>
  );
}

/** 奖惩管理 (SPEC M8, C119–C122): proposals by supervisors and by the rules, approved, published. */
export default function SanctionsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const manages = hasCapability(me, "appraisal.manage") || hasCapability(me, "sanction.approve");
  const tabs = [
    manages && { key: "all", label: t("sanction.tabAll"), children: <SanctionList view="all" /> },
    { key: "mine", label: t("sanction.tabMine"), children: <SanctionList view="mine" /> },
  ].filter((x) => x !== false);
  const active = tabs.some((x) => x.key === params.get("view")) ? params.get("view")! : tabs[0].key;
  return (
    <Card title={t("menu.sanctions")} extra={hasCapability(me, "appraisal.manage") && <ProposeButton />}>
      <Tabs
        activeKey={active}
        onChange={(view) => setParams({ view }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
