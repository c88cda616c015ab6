import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Space,
  Tag,
  Typography,
} from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type {
  QaAppealInput,
  QaDecisionInput,
  QaInspection,
  QaScoreInput,
} from "../../../common/schemas/quality";
import { useFormDialog } from "../../components/form-dialog";
import { get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";
import { ScoreFields, type ScoreValues, scorePayload } from "./score-fields";
import { InspectionStatus, InspectionSubject } from "./tags";

/** What the record inspected is, with its link. */
function SubjectLink({ inspection: i }: { inspection: QaInspection }) {
  if (i.workOrderId)
    return (
      <Link to={`/work-orders/${i.workOrderId}`}>
        <InspectionSubject row={i} />
      </Link>
    );
  if (i.ticketId)
    return (
      <Link to={`/tickets/${i.ticketId}`}>
        <InspectionSubject row={i} />
      </Link>
    );
  return <InspectionSubject row={i} />;
}

/** The score, criterion by criterion, with what was found, the appeal and its decision, the rectification. */
function Outcome({ inspection: i }: { inspection: QaInspection }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered>
      {i.criteria.map((c) => (
        <Descriptions.Item key={c.id} label={`${c.label}（${t("quality.weight", { weight: c.weight })}）`}>
          {i.scores?.[c.id] ?? "—"}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t("quality.total")}>
        <Space wrap>
          <Typography.Text strong data-testid="qa-final-total">
            {i.finalTotal}
          </Typography.Text>
          {i.decision === "revised" && <Typography.Text delete>{i.total}</Typography.Text>}
          <Tag color={i.passed ? "green" : "red"}>{i.passed ? t("quality.passed") : t("quality.failed")}</Tag>
          <Typography.Text type="secondary">{t("quality.passMark", { mark: i.passMark })}</Typography.Text>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t("quality.findings")}>{i.findings ?? "—"}</Descriptions.Item>
      {i.appealReason && (
        <Descriptions.Item label={t("quality.appealed")}>
          {i.appealReason}（{formatTime(i.appealedAt)}）
        </Descriptions.Item>
      )}
      {i.decision && (
        <Descriptions.Item label={t("quality.decide")}>
          {t(`quality.decision_${i.decision}`)}：{i.decisionNote}
        </Descriptions.Item>
      )}
      {i.rectification && (
        <Descriptions.Item label={t("quality.rectification")}>
          <Space direction="vertical" size={0}>
            <span>
              <Tag>{t(`quality.rect_${i.rectification.status}`)}</Tag>
              {t("quality.dueOn")} {i.rectification.dueOn}
            </span>
            <span>{i.rectification.requirement}</span>
            {i.rectification.response && (
              <Typography.Text type="secondary">
                {t("quality.response")}：{i.rectification.response}
              </Typography.Text>
            )}
            {i.rectification.checkNote && (
              <Typography.Text type="secondary">
                {t("quality.checkNote")}：{i.rectification.checkNote}
              </Typography.Text>
            )}
          </Space>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 质检记录: the record inspected and its completeness; scored here by its inspector; appealed and decided here. */
export default function InspectionPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ScoreValues>();
  const appeal = useFormDialog<QaAppealInput>();
  const decide = useFormDialog<QaDecisionInput>();
  const decision = Form.useWatch("decision", decide.form);
  const query = useQuery({
    queryKey: ["qa-inspections", id],
    queryFn: () => get<QaInspection>(`/api/qa-inspections/${id}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["qa-inspections"] });
  const i = query.data;
  if (query.error) return <Result status="warning" title={(query.error as Error).message} />;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        loading={query.isLoading}
        title={
          <Space wrap>
            <Link to="/quality">{t("quality.back")}</Link>
            {i && <InspectionStatus row={i} />}
          </Space>
        }
        extra={
          i && (
            <Space wrap>
              {i.may.appeal && (
                <Button
                  onClick={() =>
                    appeal.setOpen({
                      title: t("quality.appeal"),
                      save: (v) => post(`/api/qa-inspections/${i.id}/appeal`, v).then(refresh),
                    })
                  }
                >
                  {t("quality.appeal")}
                </Button>
              )}
              {i.may.decide && (
                <Button
                  type="primary"
                  onClick={() =>
                    decide.setOpen({
                      title: t("quality.decide"),
                      initial: { decision: "upheld" },
                      save: (v) => post(`/api/qa-inspections/${i.id}/decision`, v).then(refresh),
                    })
                  }
                >
                  {t("quality.decide")}
                </Button>
              )}
            </Space>
          )
        }
      >
        {i && (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t("quality.subject")}>
                <SubjectLink inspection={i} />
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.agent")}>
                {[i.agent, i.department].filter(Boolean).join(" · ")}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.plan")}>
                {i.plan ? `${i.plan} ${i.period}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.inspector")}>
                {i.inspector ?? t("quality.unassigned")}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.method")}>
                {t(`quality.method_${i.method}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.observedAt")}>
                {formatTime(i.observedAt ?? i.scoredAt)}
              </Descriptions.Item>
            </Descriptions>
            {i.appealBy && i.may.appeal && (
              <Alert type="info" showIcon message={t("quality.appealBy", { date: formatTime(i.appealBy) })} />
            )}
            <div>
              <Typography.Title level={5}>{t("quality.completeness")}</Typography.Title>
              {i.completeness.length ? (
                <Space size={4} wrap data-testid="qa-completeness">
                  {i.completeness.map((c) => (
                    <Tag key={c.key} color={c.ok ? "green" : "red"}>
                      {c.ok ? "✓" : "✗"} {t(`quality.check_${c.key}`)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("quality.noCompleteness")}</Typography.Text>
              )}
            </div>
            {i.forbiddenHits.length > 0 && (
              <Alert
                type="warning"
                showIcon
                message={t("quality.forbiddenHits")}
                description={i.forbiddenHits.map((h) => (
                  <div key={h.at}>
                    「{h.phrase}」{h.text}（{formatTime(h.at)}）
                  </div>
                ))}
              />
            )}
          </Space>
        )}
      </Card>
      {i?.status === "open" && i.may.score && (
        <Card title={t("quality.score")}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ method: i.method }}
            onFinish={(v) =>
              post(`/api/qa-inspections/${i.id}/score`, scorePayload(v) satisfies QaScoreInput).then(
                refresh,
                showError,
              )
            }
          >
            <ScoreFields criteria={i.criteria} passMark={i.passMark} />
            <Button type="primary" htmlType="submit">
              {t("common.submit")}
            </Button>
          </Form>
        </Card>
      )}
      {i && i.status !== "open" && (
        <Card title={t("quality.total")}>
          <Outcome inspection={i} />
        </Card>
      )}
      {appeal.dialog(
        <Form.Item
          name="reason"
          label={t("quality.appealReason")}
          rules={[{ required: true, whitespace: true, message: t("quality.appealReasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>,
      )}
      {decide.dialog(
        <>
          <Form.Item name="decision">
            <Radio.Group
              options={(["upheld", "revised"] as const).map((d) => ({
                value: d,
                label: t(`quality.decision_${d}`),
              }))}
            />
          </Form.Item>
          {decision === "revised" && (
            <Form.Item name="total" label={t("quality.revisedTotal")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={1} />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t("quality.decisionNote")}
            rules={[{ required: true, whitespace: true, message: t("quality.decisionNoteRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}
