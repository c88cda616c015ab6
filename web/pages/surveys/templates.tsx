import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Checkbox,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SURVEY_QUESTION_KINDS } from "../../../common/enums";
import { SCALE_LABELS } from "../../../common/satisfaction";
import type {
  SurveyQuestion,
  SurveyTemplateInputBody,
  SurveyTemplateRow,
} from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { SurveyQuestionField } from "../../components/survey-question";
import { api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

export const useTemplates = () =>
  useQuery({
    queryKey: ["survey-templates"],
    queryFn: () => get<SurveyTemplateRow[]>("/api/survey-templates"),
  });

/** A new question's id: kept through later versions, so its answers compare across them. */
const newQuestionId = () => `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** The editor's questions back to the server's shape: options only for choices, labels only when all five are set. */
function toQuestions(raw: Record<string, unknown>[]): SurveyQuestion[] {
  return raw.map((q) => {
    const kind = q.kind as SurveyQuestion["kind"];
    const labels = (q.labels as string[] | undefined)?.filter(Boolean) ?? [];
    return {
      id: String(q.id),
      kind,
      text: String(q.text),
      required: Boolean(q.required),
      ...(kind === "single" || kind === "multiple" ? { options: (q.options as string[]) ?? [] } : {}),
      ...(kind === "scale" && labels.length === 5 ? { labels } : {}),
    };
  });
}

/** The questions of a questionnaire, edited as a list: kind, wording, options or the scale's five labels. */
function QuestionFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const questions = Form.useWatch<Record<string, unknown>[] | undefined>("questions", form) ?? [];
  return (
    <Form.List name="questions">
      {(fields, { add, remove, move }) => (
        <>
          {fields.map((field, i) => {
            const kind = questions[i]?.kind;
            return (
              <div key={field.key} style={{ borderBottom: "1px solid #f0f0f0", marginBottom: 12 }}>
                <Form.Item name={[field.name, "id"]} hidden>
                  <Input />
                </Form.Item>
                <Space align="baseline" wrap>
                  <Typography.Text strong>{i + 1}.</Typography.Text>
                  <Form.Item name={[field.name, "kind"]} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 120 }}
                      options={SURVEY_QUESTION_KINDS.map((k) => ({
                        value: k,
                        label: t(`surveys.kind_${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "text"]}
                    rules={[{ required: true, whitespace: true, message: t("surveys.questionRequired") }]}
                  >
                    <Input placeholder={t("surveys.questionText")} style={{ width: 340 }} maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[field.name, "required"]} valuePropName="checked">
                    <Checkbox>{t("surveys.required")}</Checkbox>
                  </Form.Item>
                  <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    ↑
                  </Button>
                  <Button size="small" danger onClick={() => remove(field.name)}>
                    {t("common.delete")}
                  </Button>
                </Space>
                {(kind === "single" || kind === "multiple") && (
                  <Form.Item
                    name={[field.name, "options"]}
                    label={t("surveys.options")}
                    rules={[{ type: "array", min: 2, message: t("surveys.optionsRequired") }]}
                  >
                    <Select mode="tags" open={false} placeholder={t("surveys.optionsHelp")} />
                  </Form.Item>
                )}
                {kind === "scale" && (
                  <Form.Item
                    name={[field.name, "labels"]}
                    label={t("surveys.labels")}
                    extra={t("surveys.labelsHelp")}
                  >
                    <Select mode="tags" open={false} maxCount={5} placeholder={SCALE_LABELS.join(" / ")} />
                  </Form.Item>
                )}
              </div>
            );
          })}
          <Button onClick={() => add({ id: newQuestionId(), kind: "scale", required: true })}>
            {t("surveys.addQuestion")}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Total-score bands (C096): from a minimum total, a label. */
function BandFields() {
  const { t } = useTranslation();
  return (
    <Form.List name="bands">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline">
              <Form.Item name={[field.name, "min"]} rules={[{ required: true }]}>
                <InputNumber min={0} precision={0} addonBefore="≥" style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name={[field.name, "label"]} rules={[{ required: true, whitespace: true }]}>
                <Input placeholder={t("surveys.bandLabel")} style={{ width: 160 }} maxLength={20} />
              </Form.Item>
              <Button size="small" danger onClick={() => remove(field.name)}>
                {t("common.delete")}
              </Button>
            </Space>
          ))}
          <div>
            <Button size="small" onClick={() => add({})}>
              {t("surveys.addBand")}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}

/** How the questionnaire being edited looks to the person answering it. */
function Preview() {
  const form = Form.useFormInstance();
  const raw = Form.useWatch<Record<string, unknown>[] | undefined>("questions", form) ?? [];
  const questions = toQuestions(raw.filter((q) => q?.text && q.kind));
  return (
    <Form layout="vertical" disabled component={false}>
      {questions.map((q) => (
        <SurveyQuestionField key={q.id} q={q} />
      ))}
    </Form>
  );
}

function Versions({ familyId, onClose }: { familyId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: ["survey-templates", familyId, "versions"],
    queryFn: () => get<SurveyTemplateRow[]>(`/api/survey-templates/${familyId}/versions`),
    enabled: Boolean(familyId),
  });
  return (
    <Modal
      open={Boolean(familyId)}
      title={t("surveys.versions")}
      footer={null}
      onCancel={onClose}
      width={720}
    >
      <ResponsiveTable<SurveyTemplateRow>
        dataSource={versions.data}
        loading={versions.isLoading}
        emptyText={null}
        scrollX={700}
        columns={[
          {
            title: t("surveys.version"),
            render: (_, v) => `v${v.version}${v.isCurrent ? ` · ${t("surveys.current")}` : ""}`,
          },
          { title: t("surveys.name"), render: (_, r) => r.name },
          { title: t("surveys.questions"), render: (_, v) => v.questions.map((q) => q.text).join("；") },
          { title: t("surveys.sent"), render: (_, r) => r.sent, align: "right" },
          {
            title: t("surveys.savedBy"),
            render: (_, v) => `${v.createdBy ?? "—"} · ${formatTime(v.createdAt)}`,
          },
        ]}
      />
    </Modal>
  );
}

/**
 * 问卷 (C096, C100): every questionnaire with its current version; editing one that was sent makes a
 * new version (what was sent keeps its own); one of them is the default sent after service.
 */
export function TemplateList() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const templates = useTemplates();
  const editor = useFormDialog<
    Pick<SurveyTemplateInputBody, "name" | "validDays" | "bands"> & { questions?: Record<string, unknown>[] }
  >();
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["survey-templates"] });
  const open = (row: SurveyTemplateRow | null) =>
    editor.setOpen({
      title: row ? t("surveys.editTemplate", { name: row.name }) : t("surveys.newTemplate"),
      width: 860,
      initial: row
        ? { ...row, questions: row.questions.map((q) => ({ ...q, labels: q.labels ?? [] })) }
        : {
            name: "",
            validDays: 14,
            bands: [],
            questions: [{ id: newQuestionId(), kind: "scale", required: true }],
          },
      save: async (v) => {
        const body = {
          name: v.name,
          validDays: v.validDays,
          bands: v.bands ?? [],
          questions: toQuestions(v.questions ?? []),
        } satisfies SurveyTemplateInputBody;
        const saved = row
          ? await api<{ version: number }>("PUT", `/api/survey-templates/${row.familyId}`, body)
          : await post<{ version: number }>("/api/survey-templates", body);
        message.success(t("surveys.savedVersion", { version: saved.version }));
        await refresh();
      },
    });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Button type="primary" onClick={() => open(null)}>
          {t("surveys.newTemplate")}
        </Button>
        <Typography.Text type="secondary">{t("surveys.versionHelp")}</Typography.Text>
      </Space>
      <ResponsiveTable<SurveyTemplateRow>
        dataSource={templates.data}
        loading={templates.isLoading}
        emptyText={<Empty description={t("surveys.noTemplates")} />}
        scrollX={900}
        columns={[
          {
            title: t("surveys.name"),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.name}
                {r.isDefault && <Tag color="green">{t("surveys.default")}</Tag>}
              </Space>
            ),
          },
          { title: t("surveys.version"), render: (_, r) => `v${r.version}` },
          { title: t("surveys.questions"), render: (_, r) => r.questions.length, align: "right" },
          {
            title: t("surveys.bands"),
            render: (_, r) => r.bands.map((b) => `≥${b.min} ${b.label}`).join("；") || "—",
          },
          { title: t("surveys.validDays"), render: (_, r) => t("surveys.days", { count: r.validDays }) },
          { title: t("surveys.sent"), render: (_, r) => r.sent, align: "right" },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space wrap>
                <Button size="small" onClick={() => open(r)}>
                  {t("common.edit")}
                </Button>
                {r.versions > 1 && (
                  <Button size="small" onClick={() => setVersionsOf(r.familyId)}>
                    {t("surveys.versionsCount", { count: r.versions })}
                  </Button>
                )}
                {!r.isDefault && (
                  <Button
                    size="small"
                    onClick={() =>
                      modal.confirm({
                        title: t("surveys.makeDefaultConfirm", { name: r.name }),
                        onOk: () =>
                          post(`/api/survey-templates/${r.familyId}/default`).then(refresh, showError),
                      })
                    }
                  >
                    {t("surveys.makeDefault")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Versions familyId={versionsOf} onClose={() => setVersionsOf(null)} />
      {editor.dialog(
        <>
          <Space wrap align="start">
            <Form.Item
              name="name"
              label={t("surveys.name")}
              rules={[{ required: true, whitespace: true, message: t("surveys.nameRequired") }]}
            >
              <Input style={{ width: 320 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="validDays" label={t("surveys.validDays")} rules={[{ required: true }]}>
              <InputNumber min={1} max={180} precision={0} addonAfter={t("surveys.daysUnit")} />
            </Form.Item>
          </Space>
          <Divider titlePlacement="start" plain>
            {t("surveys.questions")}
            <Button type="link" size="small" onClick={() => setPreview(!preview)}>
              {preview ? t("surveys.hidePreview") : t("surveys.preview")}
            </Button>
          </Divider>
          {preview ? <Preview /> : null}
          <div style={{ display: preview ? "none" : undefined }}>
            <QuestionFields />
          </div>
          <Divider titlePlacement="start" plain>
            {t("surveys.bands")}
          </Divider>
          <Typography.Paragraph type="secondary">{t("surveys.bandsHelp")}</Typography.Paragraph>
          <BandFields />
        </>,
      )}
    </Space>
  );
}
