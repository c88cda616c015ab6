import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QA_CADENCES, QA_METHODS, QA_SUBJECTS } from "../../../common/enums";
import type { QaPlan, QaPlanInput, QaScorecard, QaScorecardInput } from "../../../common/schemas/quality";
import { CriteriaFields } from "../../components/criteria-fields";
import { useFormDialog } from "../../components/form-dialog";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

const nameRule = (message: string) => [{ required: true, whitespace: true, message }];

/** 质检计划 (C109): what is sampled, how often, how many per person, scored on which scorecard. */
function Plans({ cards }: { cards: QaScorecard[] }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<QaPlanInput>();
  const plans = useQuery({ queryKey: ["qa-plans"], queryFn: () => get<QaPlan[]>("/api/qa-plans") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["qa-plans"] });
  const edit = (plan: QaPlan | null) =>
    setOpen({
      title: plan ? plan.name : t("common.add"),
      initial: plan ?? {
        subject: "ticket",
        cadence: "month",
        perAgent: 3,
        method: "form_check",
        scorecardId: cards[0]?.id,
        isActive: true,
      },
      save: (v) =>
        (plan ? api("PUT", `/api/qa-plans/${plan.id}`, v) : post("/api/qa-plans", v)).then(refresh),
    });
  const draw = (plan: QaPlan) =>
    modal.confirm({
      title: t("qaSettings.drawConfirm", { name: plan.name }),
      onOk: () =>
        post<{ period: string; drawn: number; population: number }>(`/api/qa-plans/${plan.id}/draw`).then(
          (d) => {
            message.success(t("qaSettings.drawn", d));
            refresh();
            queryClient.invalidateQueries({ queryKey: ["qa-inspections"] });
          },
          showError,
        ),
    });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("qaSettings.plans")}
        </Typography.Title>
        <Button onClick={() => edit(null)}>{t("common.add")}</Button>
      </Space>
      <Table<QaPlan>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        loading={plans.isLoading}
        dataSource={plans.data}
        columns={[
          { title: t("qaSettings.name"), dataIndex: "name" },
          { title: t("qaSettings.subject"), render: (_, p) => t(`quality.subject_${p.subject}`) },
          { title: t("qaSettings.cadence"), render: (_, p) => t(`qaSettings.cadence_${p.cadence}`) },
          { title: t("qaSettings.perAgent"), dataIndex: "perAgent", align: "right" },
          { title: t("quality.method"), render: (_, p) => t(`quality.method_${p.method}`) },
          { title: t("quality.scorecard"), dataIndex: "scorecard" },
          {
            title: t("qaSettings.active"),
            render: (_, p) =>
              p.isActive ? <Tag color="green">{t("common.yes")}</Tag> : <Tag>{t("common.no")}</Tag>,
          },
          { title: t("qaSettings.lastPeriod"), render: (_, p) => p.lastPeriod ?? "—" },
          {
            title: t("common.actions"),
            render: (_, p) => (
              <Space wrap>
                <Button size="small" onClick={() => edit(p)}>
                  {t("common.edit")}
                </Button>
                <Button size="small" onClick={() => draw(p)}>
                  {t("qaSettings.drawNow")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <Form.Item name="name" label={t("qaSettings.name")} rules={nameRule(t("qaSettings.nameRequired"))}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="subject" label={t("qaSettings.subject")} rules={[{ required: true }]}>
            <Select options={QA_SUBJECTS.map((s) => ({ value: s, label: t(`quality.subject_${s}`) }))} />
          </Form.Item>
          <Form.Item name="cadence" label={t("qaSettings.cadence")} rules={[{ required: true }]}>
            <Select options={QA_CADENCES.map((c) => ({ value: c, label: t(`qaSettings.cadence_${c}`) }))} />
          </Form.Item>
          <Form.Item name="perAgent" label={t("qaSettings.perAgent")} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} precision={0} />
          </Form.Item>
          <Form.Item name="method" label={t("quality.method")} rules={[{ required: true }]}>
            <Select options={QA_METHODS.map((m) => ({ value: m, label: t(`quality.method_${m}`) }))} />
          </Form.Item>
          <Form.Item name="scorecardId" label={t("quality.scorecard")} rules={[{ required: true }]}>
            <Select options={cards.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="isActive" label={t("qaSettings.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>,
      )}
    </>
  );
}

/** 质检评分表 and the inspection plans: the quality-inspection settings (SPEC M7). */
export function QualitySettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<QaScorecardInput>();
  const cards = useQuery({
    queryKey: ["qa-scorecards"],
    queryFn: () => get<QaScorecard[]>("/api/qa-scorecards"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["qa-scorecards"] });
  const edit = (card: QaScorecard | null) =>
    setOpen({
      title: card ? card.name : t("common.add"),
      width: 720,
      initial: card ?? { passMark: 80, appealDays: 7, criteria: [] },
      save: (v) =>
        (card ? api("PUT", `/api/qa-scorecards/${card.id}`, v) : post("/api/qa-scorecards", v)).then(refresh),
    });
  return (
    <Space direction="vertical" size={24} style={{ width: "100%" }}>
      <Plans cards={cards.data ?? []} />
      <div>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t("qaSettings.scorecards")}
          </Typography.Title>
          <Button onClick={() => edit(null)}>{t("common.add")}</Button>
        </Space>
        <Table<QaScorecard>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          loading={cards.isLoading}
          dataSource={cards.data}
          columns={[
            { title: t("qaSettings.name"), dataIndex: "name" },
            {
              title: t("qaSettings.criteria"),
              render: (_, c) => c.criteria.map((x) => `${x.label} ${x.weight}`).join("；"),
            },
            { title: t("qaSettings.passMark"), dataIndex: "passMark", align: "right" },
            { title: t("qaSettings.appealDays"), dataIndex: "appealDays", align: "right" },
            {
              title: t("common.actions"),
              render: (_, c) => (
                <Button size="small" onClick={() => edit(c)}>
                  {t("common.edit")}
                </Button>
              ),
            },
          ]}
        />
      </div>
      {dialog(
        <>
          <Form.Item name="name" label={t("qaSettings.name")} rules={nameRule(t("qaSettings.nameRequired"))}>
            <Input maxLength={100} />
          </Form.Item>
          <Typography.Paragraph strong>{t("qaSettings.criteria")}</Typography.Paragraph>
          <CriteriaFields />
          <Space wrap>
            <Form.Item name="passMark" label={t("qaSettings.passMark")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="appealDays" label={t("qaSettings.appealDays")} rules={[{ required: true }]}>
              <InputNumber min={1} max={60} precision={0} />
            </Form.Item>
          </Space>
        </>,
      )}
    </Space>
  );
}
