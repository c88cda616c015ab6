import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Campaign, CampaignDecisionInput, CampaignResults } from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { StatTiles } from "../../components/stat-tiles";
import { useXlsxImport } from "../../components/xlsx-import";
import { get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { CAMPAIGN_COLOR, useCampaignForm } from "./campaigns";

type Round = Campaign["rounds"][number];
const rate = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : "—");

/** A campaign's answers to its scale questions (C095): index and rate per question and overall. */
function Results({ id }: { id: string }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: ["survey-campaigns", id, "results"],
    queryFn: () => get<CampaignResults>(`/api/survey-campaigns/${id}/results`),
  });
  const r = results.data;
  if (!r) return <Spin />;
  if (!r.responses) return <Empty description={t("surveys.noResponses")} />;
  const rows = [
    { ...r.overall, id: "overall", name: t("surveys.overall") },
    ...r.questions.map((q) => ({ ...q, id: q.key ?? "" })),
  ];
  return (
    <ResponsiveTable<(typeof rows)[number]>
      dataSource={rows}
      emptyText={null}
      scrollX={600}
      columns={[
        { title: t("surveys.question"), render: (_, r) => r.name },
        { title: t("satisfaction.answers"), render: (_, r) => r.n, align: "right" },
        { title: t("satisfaction.index"), render: (_, x) => x.index ?? "—", align: "right" },
        {
          title: t("satisfaction.rate"),
          align: "right",
          render: (_, x) =>
            x.rate === null ? (
              "—"
            ) : (
              <Typography.Text type={x.belowTarget ? "danger" : undefined}>
                {rate(x.counts[4] + x.counts[5], x.n)}
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}

/** 导入第三方结果 (C108): the sheet's template, the source named, the file uploaded. */
function ImportResults({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [source, setSource] = useState("");
  const importer = useXlsxImport(
    `/api/survey-campaigns/${c.id}/import?source=${encodeURIComponent(source)}`,
    "surveys.importedDone",
    () => queryClient.invalidateQueries({ queryKey: ["survey-campaigns"] }),
  );
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t("surveys.importHelp")}</Typography.Text>
      <Space wrap>
        <Input
          style={{ width: 240 }}
          placeholder={t("surveys.source")}
          value={source}
          maxLength={100}
          onChange={(e) => setSource(e.target.value)}
        />
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={!source.trim()}
          beforeUpload={(file) => {
            void importer.upload(file);
            return false;
          }}
        >
          <Button disabled={!source.trim()}>{t("surveys.import")}</Button>
        </Upload>
        <Button href={`/api/survey-campaigns/${c.id}/import-template`}>{t("customer.template")}</Button>
      </Space>
      {importer.report}
    </Space>
  );
}

/** 调查计划 (C102–C104, C107, C108): the plan, its approval, its rounds' progress and its results. */
export default function CampaignPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const decide = useFormDialog<CampaignDecisionInput>();
  const campaign = useQuery({
    queryKey: ["survey-campaigns", id],
    queryFn: () => get<Campaign>(`/api/survey-campaigns/${id}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["survey-campaigns"] });
  const edit = useCampaignForm(() => void refresh());
  if (campaign.error) return <Result status="warning" title={campaign.error.message} />;
  const c = campaign.data;
  if (!c) return <Spin style={{ display: "block", margin: "20vh auto" }} />;
  const asked = c.rounds.reduce((s, r) => s + r.invited, 0);
  const answered = c.rounds.reduce((s, r) => s + r.answered, 0);
  const action = (path: string) => () =>
    post(`/api/survey-campaigns/${c.id}/${path}`).then(refresh, showError);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <Link to="/surveys">{t("menu.surveys")}</Link>/{c.name}
            <Tag color={CAMPAIGN_COLOR[c.status]}>{t(`surveys.status_${c.status}`)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {c.may.edit && <Button onClick={() => edit.open(c)}>{t("common.edit")}</Button>}
            {c.may.edit && c.status === "draft" && (
              <Button
                type="primary"
                onClick={() => modal.confirm({ title: t("surveys.submitConfirm"), onOk: action("submit") })}
              >
                {t("surveys.submit")}
              </Button>
            )}
            {c.may.decide && (
              <Button
                type="primary"
                onClick={() =>
                  decide.setOpen({
                    title: t("surveys.decide"),
                    initial: { approve: true },
                    save: (v) => post(`/api/survey-campaigns/${c.id}/decision`, v).then(refresh),
                  })
                }
              >
                {t("surveys.decide")}
              </Button>
            )}
            {c.may.cancel && (
              <Button
                danger
                onClick={() => modal.confirm({ title: t("surveys.cancelConfirm"), onOk: action("cancel") })}
              >
                {t("surveys.cancel")}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t("surveys.template")}>
            {c.template} v{c.templateVersion}
          </Descriptions.Item>
          <Descriptions.Item label={t("surveys.department")}>{c.department}</Descriptions.Item>
          <Descriptions.Item label={t("surveys.respondents")}>
            <Space size={4} wrap>
              {t(`surveys.respondent_${c.respondents}`)}
              {c.respondents === "customer" &&
                `${c.grades.length ? c.grades.map((g) => t(`grade.${g}`)).join("、") : t("surveys.allGrades")} · ${t("surveys.shareOf", { share: Math.round(c.share * 1000) / 10 })}`}
              {c.recipients.length > 0 && t("surveys.recipientCount", { count: c.recipients.length })}
              {c.anonymous && <Tag>{t("surveys.anonymous")}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("surveys.cadence")}>
            {t(`surveys.cadence_${c.cadence}`)} · {c.startOn} ~ {c.closeOn}
          </Descriptions.Item>
          {c.nextRoundOn && (
            <Descriptions.Item label={t("surveys.nextRound")}>{c.nextRoundOn}</Descriptions.Item>
          )}
          <Descriptions.Item label={t("surveys.plannedBy")}>{c.plannedBy ?? "—"}</Descriptions.Item>
          {c.status === "pending" && (
            <Descriptions.Item label={t("surveys.approvers")}>
              {c.approvers.join("、") || "—"}
            </Descriptions.Item>
          )}
          {c.decidedBy && (
            <Descriptions.Item label={t("surveys.decision")}>
              {c.decidedBy} · {formatTime(c.decidedAt)}：{c.decisionNote}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("surveys.seed")}>
            <Typography.Text code copyable>
              {c.seed}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("surveys.progress")}>
        <StatTiles
          items={[
            { title: t("surveys.asked"), value: asked },
            { title: t("surveys.answered"), value: answered },
            { title: t("surveys.responseRate"), value: rate(answered, asked) },
          ]}
        />
        <ResponsiveTable<Round & { id: string }>
          dataSource={c.rounds.map((r) => ({ ...r, id: String(r.round) }))}
          scrollX={800}
          emptyText={
            <Empty
              description={t(c.status === "approved" ? "surveys.waitingLaunch" : "surveys.notLaunched")}
            />
          }
          columns={[
            {
              title: t("surveys.round"),
              render: (_, r) => `${t("surveys.roundN", { n: r.round + 1 })} · ${r.startOn} ~ ${r.closeOn}`,
            },
            { title: t("surveys.asked"), render: (_, r) => r.invited, align: "right" },
            { title: t("surveys.sentCount"), render: (_, r) => r.sent, align: "right" },
            {
              title: t("surveys.answered"),
              render: (_, r) =>
                `${r.answered}${r.imported ? ` (${t("surveys.importedN", { n: r.imported })})` : ""}`,
              align: "right",
            },
            { title: t("surveys.expired"), render: (_, r) => r.expired, align: "right" },
            { title: t("surveys.unreachable"), render: (_, r) => r.unreachable, align: "right" },
          ]}
        />
        {c.rounds.some((r) => r.unreachable > 0) && (
          <Typography.Paragraph type="secondary">{t("surveys.unreachableHelp")}</Typography.Paragraph>
        )}
      </Card>
      {hasCapability(me, "survey.manage") && (
        <Card title={t("surveys.results")}>
          <Results id={c.id} />
        </Card>
      )}
      {c.may.import && (
        <Card title={t("surveys.importTitle")}>
          <ImportResults c={c} />
        </Card>
      )}
      {edit.fields}
      {decide.dialog(
        <>
          <Form.Item name="approve">
            <Radio.Group
              options={[
                { value: true, label: t("surveys.approve") },
                { value: false, label: t("surveys.reject") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("surveys.decisionNote")}
            rules={[{ required: true, whitespace: true, message: t("surveys.decisionNoteRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}
