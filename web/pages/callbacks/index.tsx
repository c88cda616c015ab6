import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Card, Empty, Form, Input, Radio, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SatisfactionCallInput } from "../../../common/schemas/callbacks";
import type { CallbackTask } from "../../../common/schemas/field-service";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { answersOf, SurveyQuestionField } from "../../components/survey-question";
import { PriorityTag } from "../../components/ticket-tags";
import { get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";
import { CallResult, FilterSwitch, Reporter } from "./call-parts";
import CustomerCallbacks from "./customer-lists";
import FollowUps from "./follow-ups";
import CallbackReconciliation from "./reconciliation";
import CallbackSamples from "./samples";

const PAGE_SIZE = 20;

type View = "tasks" | "customers" | "followUps" | "samples" | "reconciliation";

/** 回访: the calls due about tickets, the customer lists, and — for managers — the draws and the reconciliation. */
export default function CallbacksPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [view, setView] = useState<View>("tasks");
  const views: View[] = hasCapability(me, "report.view")
    ? ["tasks", "customers", "followUps", "samples", "reconciliation"]
    : ["tasks", "customers"];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {/* Five views do not fit a phone's width: they scroll sideways instead of widening the page. */}
      <div style={{ overflowX: "auto", maxWidth: "100%" }} data-testid="callback-views">
        <Segmented
          value={view}
          onChange={(v) => setView(v as View)}
          options={views.map((v) => ({ value: v, label: t(`callbacks.view_${v}`) }))}
        />
      </div>
      {view === "tasks" && <CallbackTasks />}
      {view === "customers" && <CustomerCallbacks />}
      {view === "followUps" && <FollowUps />}
      {view === "samples" && <CallbackSamples />}
      {view === "reconciliation" && <CallbackReconciliation />}
    </Space>
  );
}

/**
 * The closing callbacks (C085) are recorded on their ticket; the sampled satisfaction callbacks (C086)
 * here, by the QA desk agent, with the questionnaire the customer answers on the phone.
 */
function CallbackTasks() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  // The outcome, then one answer per question of the questionnaire (keyed by the question's id).
  const { setOpen, dialog, form } = useFormDialog<
    { outcome: SatisfactionCallInput["outcome"]; note?: string } & Record<string, unknown>
  >();
  const outcome = Form.useWatch("outcome", form);
  const [scope, setScope] = useState<"mine" | "all">("mine");
  const [status, setStatus] = useState<"open" | "done">("open");
  const [page, setPage] = useState(1);
  const [calling, setCalling] = useState<CallbackTask | null>(null);
  const list = useQuery({
    queryKey: ["tickets", "callbacks", scope, status, page],
    queryFn: () =>
      get<{ items: CallbackTask[]; total: number }>(
        `/api/callback-tasks${qs({ scope, status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  const canCall = hasCapability(me, "survey.callback");
  const questionnaire = useQuery({
    queryKey: ["survey-templates", "default"],
    queryFn: () => get<{ name: string; questions: SurveyQuestion[] }>("/api/survey-templates/default"),
    enabled: canCall,
  });
  const call = (task: CallbackTask) => {
    setCalling(task);
    setOpen({
      title: t("callbacks.callTitle", { number: task.number }),
      width: 640,
      initial: { outcome: "answered" },
      save: async ({ outcome, note, ...answers }) => {
        const done = await post<{ followUpTicketId: string | null }>(`/api/callback-tasks/${task.id}/call`, {
          outcome,
          note: note || undefined,
          answers: outcome === "answered" ? answersOf(answers) : undefined,
        } satisfies SatisfactionCallInput);
        message.success(done.followUpTicketId ? t("callbacks.followUpOpened") : t("callbacks.recorded"));
        await queryClient.invalidateQueries({ queryKey: ["tickets"] });
      },
    });
  };
  return (
    <Card
      title={t("menu.callbacks")}
      extra={
        <Space wrap>
          <FilterSwitch
            value={scope}
            onChange={setScope}
            setPage={setPage}
            options={[
              ["mine", t("callbacks.mine")],
              ["all", t("callbacks.all")],
            ]}
          />
          <FilterSwitch
            value={status}
            onChange={setStatus}
            setPage={setPage}
            options={[
              ["open", t("callbacks.open")],
              ["done", t("callbacks.done")],
            ]}
          />
        </Space>
      }
    >
      <ResponsiveTable<CallbackTask>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("callbacks.empty")} />}
        scrollX={960}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("callbacks.dueOn"),
            render: (_, r) => <span data-testid="callback-due">{r.dueOn}</span>,
          },
          {
            title: t("ticket.number"),
            render: (_, r) => <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>,
          },
          { title: t("ticket.title"), render: (_, r) => r.title, ellipsis: true },
          { title: t("ticket.priority"), render: (_, r) => <PriorityTag priority={r.priority} /> },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          { title: t("callbacks.reporter"), render: (_, r) => r.contact ?? "—" },
          { title: t("callbacks.reason"), render: (_, r) => t(`callbacks.reason_${r.reason}`) },
          {
            title: t("callbacks.result"),
            render: (_, r) => (
              <CallResult
                call={r}
                onCall={canCall && r.reason === "satisfaction_sample" ? () => call(r) : undefined}
              />
            ),
          },
        ]}
      />
      {dialog(
        calling && (
          <>
            <Typography.Paragraph>
              <Space direction="vertical" size={4}>
                <span>
                  {calling.number} {calling.title} · {calling.customer ?? "—"}
                </span>
                <span>
                  {t("callbacks.reporter")}:{" "}
                  <Reporter name={calling.contact} revealUrl={`/api/callback-tasks/${calling.id}/contact`} />
                </span>
                <Typography.Text type="secondary">{t("callbacks.callHelp")}</Typography.Text>
              </Space>
            </Typography.Paragraph>
            <Form.Item name="outcome" label={t("callbacks.outcome")}>
              <Radio.Group
                options={[
                  { value: "answered", label: t("callbacks.answered") },
                  { value: "unreachable", label: t("callbacks.unreachable") },
                ]}
              />
            </Form.Item>
            {outcome === "answered" &&
              questionnaire.data?.questions.map((q) => <SurveyQuestionField key={q.id} q={q} />)}
            <Form.Item
              name="note"
              label={t("callbacks.note")}
              rules={
                outcome === "unreachable" ? [{ required: true, message: t("callbacks.noteRequired") }] : []
              }
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ),
      )}
    </Card>
  );
}
