import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import {
  CAMPAIGN_CADENCES,
  CAMPAIGN_STATUSES,
  type CampaignStatus,
  CUSTOMER_GRADES,
  RESPONDENT_KINDS,
} from "../../../common/enums";
import type { Campaign, CampaignInput } from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post, qs } from "../../lib/api";
import { useDirectory } from "../tickets/detail/api";
import { useTemplates } from "./templates";

const PAGE_SIZE = 20;
export const CAMPAIGN_COLOR: Record<CampaignStatus, string> = {
  draft: "default",
  pending: "orange",
  approved: "green",
  rejected: "red",
  cancelled: "default",
};

/** Answered (by link or imported) out of asked, over every round so far. */
export function CampaignProgress({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const invited = c.rounds.reduce((s, r) => s + r.invited, 0);
  const answered = c.rounds.reduce((s, r) => s + r.answered, 0);
  if (!invited) return <Typography.Text type="secondary">{t("surveys.notLaunched")}</Typography.Text>;
  return (
    <Space direction="vertical" size={0} style={{ minWidth: 140 }}>
      <Progress percent={Math.round((answered / invited) * 100)} size="small" />
      <Typography.Text type="secondary">{t("surveys.answeredOf", { answered, invited })}</Typography.Text>
    </Space>
  );
}

/** The plan's form values back to what the server takes: dates as days, a share from a percentage, recipients from lines. */
function toInput(v: Record<string, unknown>): CampaignInput {
  const dates = v.dates as [dayjs.Dayjs, dayjs.Dayjs];
  return {
    name: String(v.name),
    templateId: String(v.templateId),
    departmentId: String(v.departmentId),
    respondents: v.respondents as CampaignInput["respondents"],
    grades: (v.grades as CampaignInput["grades"]) ?? [],
    share: Number(v.sharePercent ?? 100) / 100,
    recipients: String(v.recipients ?? "")
      .split("\n")
      .map((line) => line.split(/[,，\t]/).map((x) => x.trim()))
      .filter(([name, address]) => name && address)
      .map(([name, address]) => ({ name, address })),
    anonymous: Boolean(v.anonymous),
    cadence: v.cadence as CampaignInput["cadence"],
    startOn: dates[0].format("YYYY-MM-DD"),
    closeOn: dates[1].format("YYYY-MM-DD"),
  };
}

/** A plan as the form shows it. */
export function toFormValues(c: Campaign | null) {
  if (!c)
    return {
      respondents: "customer",
      grades: [],
      sharePercent: 100,
      anonymous: false,
      cadence: "once",
      dates: [dayjs(), dayjs().add(14, "day")],
    };
  return {
    ...c,
    sharePercent: Math.round(c.share * 1000) / 10,
    recipients: c.recipients.map((r) => `${r.name}，${r.address}`).join("\n"),
    dates: [dayjs(c.startOn), dayjs(c.closeOn)],
  };
}

/** 调查计划 form (C102–C104, C107): questionnaire version, who is asked, how often, from when until when. */
export function useCampaignForm(onSaved: (id: string) => void) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const directory = useDirectory();
  const { setOpen, dialog, form } = useFormDialog();
  const respondents = Form.useWatch("respondents", form);
  const open = (c: Campaign | null) =>
    setOpen({
      title: c ? t("surveys.editCampaign") : t("surveys.newCampaign"),
      width: 640,
      initial: toFormValues(c),
      save: async (v) => {
        const body = toInput(v);
        const saved = c
          ? await api<{ id: string }>("PUT", `/api/survey-campaigns/${c.id}`, body)
          : await post<{ id: string }>("/api/survey-campaigns", body);
        onSaved(saved.id);
      },
    });
  const listed = respondents === "supplier" || respondents === "partner";
  const fields = dialog(
    <>
      <Form.Item
        name="name"
        label={t("surveys.campaignName")}
        rules={[{ required: true, whitespace: true, message: t("surveys.nameRequired") }]}
      >
        <Input maxLength={100} placeholder={t("surveys.campaignNameHelp")} />
      </Form.Item>
      <Form.Item name="templateId" label={t("surveys.template")} rules={[{ required: true }]}>
        <Select
          options={(templates.data ?? []).map((x) => ({ value: x.id, label: `${x.name} v${x.version}` }))}
        />
      </Form.Item>
      <Form.Item
        name="departmentId"
        label={t("surveys.department")}
        extra={t("surveys.departmentHelp")}
        rules={[{ required: true }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          options={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="respondents" label={t("surveys.respondents")}>
        <Radio.Group
          options={RESPONDENT_KINDS.map((k) => ({ value: k, label: t(`surveys.respondent_${k}`) }))}
        />
      </Form.Item>
      {respondents === "customer" && (
        <Space wrap align="start">
          <Form.Item name="grades" label={t("surveys.grades")} extra={t("surveys.gradesHelp")}>
            <Checkbox.Group options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
          </Form.Item>
          <Form.Item name="sharePercent" label={t("surveys.share")} rules={[{ required: true }]}>
            <InputNumber min={0.1} max={100} step={5} addonAfter="%" />
          </Form.Item>
        </Space>
      )}
      {listed && (
        <Form.Item
          name="recipients"
          label={t("surveys.recipients")}
          extra={t("surveys.recipientsHelp")}
          rules={[{ required: true, whitespace: true, message: t("surveys.recipientsHelp") }]}
        >
          <Input.TextArea
            rows={4}
            placeholder={"华明灯饰，13600001111\n北方电子，purchase@north.example.com"}
          />
        </Form.Item>
      )}
      <Form.Item
        name="anonymous"
        label={t("surveys.anonymous")}
        extra={t("surveys.anonymousHelp")}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="cadence" label={t("surveys.cadence")}>
          <Select
            style={{ width: 140 }}
            options={CAMPAIGN_CADENCES.map((c) => ({ value: c, label: t(`surveys.cadence_${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t("surveys.dates")}
          extra={t("surveys.datesHelp")}
          rules={[{ required: true, message: t("surveys.datesRequired") }]}
        >
          <DatePicker.RangePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
      </Space>
    </>,
  );
  return { open, fields };
}

/** 调查计划: every campaign with its status, next round and progress; a new plan opens its page. */
export function CampaignList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const [page, setPage] = useState(1);
  const query = qs({ status, page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["survey-campaigns", query],
    queryFn: () => get<{ items: Campaign[]; total: number }>(`/api/survey-campaigns${query}`),
  });
  const form = useCampaignForm((id) => {
    void queryClient.invalidateQueries({ queryKey: ["survey-campaigns"] });
    navigate(`/surveys/campaigns/${id}`);
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Button type="primary" onClick={() => form.open(null)}>
          {t("surveys.newCampaign")}
        </Button>
        <Select
          allowClear
          placeholder={t("ticket.status")}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`surveys.status_${s}`) }))}
        />
      </Space>
      <ResponsiveTable<Campaign>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("surveys.noCampaigns")} />}
        scrollX={900}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("surveys.campaignName"),
            render: (_, c) => <Link to={`/surveys/campaigns/${c.id}`}>{c.name}</Link>,
          },
          {
            title: t("surveys.respondents"),
            render: (_, c) => (
              <Space size={4} wrap>
                {t(`surveys.respondent_${c.respondents}`)}
                {c.anonymous && <Tag>{t("surveys.anonymous")}</Tag>}
              </Space>
            ),
          },
          { title: t("surveys.template"), render: (_, c) => `${c.template} v${c.templateVersion}` },
          {
            title: t("surveys.cadence"),
            render: (_, c) => `${t(`surveys.cadence_${c.cadence}`)} · ${c.startOn} ~ ${c.closeOn}`,
          },
          {
            title: t("ticket.status"),
            render: (_, c) => (
              <Space size={4} wrap>
                <Tag color={CAMPAIGN_COLOR[c.status]}>{t(`surveys.status_${c.status}`)}</Tag>
                {c.status === "approved" && t(`surveys.phase_${c.phase}`)}
              </Space>
            ),
          },
          { title: t("surveys.progress"), render: (_, c) => <CampaignProgress c={c} /> },
        ]}
      />
      {form.fields}
    </Space>
  );
}
