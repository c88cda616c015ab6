import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Card, Empty, Form, Input, Radio, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localIsoDate } from "../../../common/business-time";
import { CUSTOMER_CALLBACK_LISTS, type CustomerCallbackList } from "../../../common/enums";
import type { CustomerCallback, CustomerCallInput } from "../../../common/schemas/callbacks";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { answersOf, SurveyQuestionField } from "../../components/survey-question";
import { get, post, qs } from "../../lib/api";
import { useMe } from "../../lib/session";
import { CallResult, FilterSwitch, Reporter } from "./call-parts";

const PAGE_SIZE = 20;

/** Why the customer is on the list, in the reader's language. */
function CallbackDetailText({ entry }: { entry: CustomerCallback }) {
  const { t } = useTranslation();
  const d = entry.detail;
  const units = d.units?.length
    ? d.units.join(t("customerCallbacks.unitSeparator")) +
      ((d.unitCount ?? 0) > d.units.length ? t("customerCallbacks.moreUnits", { count: d.unitCount }) : "")
    : "";
  if (entry.list === "project")
    return t("customerCallbacks.detail_project", {
      what: d.orderNo ? t("customerCallbacks.order", { orderNo: d.orderNo }) : units,
      after: d.monthAfter,
      cadence: t((d.monthAfter ?? 0) <= 12 ? "customerCallbacks.firstYear" : "customerCallbacks.quarterly"),
    });
  return t(`customerCallbacks.detail_${entry.list}`, { ...d, units });
}

/**
 * 客户回访名单 (C089–C092): customers to call that no ticket asks for — the month's sample (with the
 * questionnaire), customers silent for months, warranties about to end, delivered projects.
 */
export default function CustomerCallbacks() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The outcome, then one answer per question of the questionnaire (keyed by the question's id).
  const { setOpen, dialog, form } = useFormDialog<
    { outcome: CustomerCallInput["outcome"]; note?: string; satisfied?: boolean } & Record<string, unknown>
  >();
  const outcome = Form.useWatch("outcome", form);
  const [list, setList] = useState<CustomerCallbackList | undefined>();
  const [scope, setScope] = useState<"mine" | "all">("mine");
  const [status, setStatus] = useState<"open" | "done">("open");
  const [page, setPage] = useState(1);
  const [calling, setCalling] = useState<CustomerCallback | null>(null);
  const { data: me } = useMe();
  const today = localIsoDate(new Date(), me?.org.timeZone ?? "Asia/Shanghai");
  const entries = useQuery({
    queryKey: ["customer-callbacks", list, scope, status, page],
    queryFn: () =>
      get<{ items: CustomerCallback[]; total: number }>(
        `/api/customer-callbacks${qs({ list, scope, status, page, pageSize: PAGE_SIZE })}`,
      ),
  });
  const questionnaire = useQuery({
    queryKey: ["survey-templates", "default"],
    queryFn: () => get<{ name: string; questions: SurveyQuestion[] }>("/api/survey-templates/default"),
  });
  const withQuestionnaire = Boolean(calling?.questionnaire);
  const call = (entry: CustomerCallback) => {
    setCalling(entry);
    setOpen({
      title: t("customerCallbacks.callTitle", { customer: entry.customer }),
      width: 640,
      initial: { outcome: "answered" },
      save: async ({ outcome, note, satisfied, ...answers }) => {
        const answered = outcome === "answered";
        const done = await post<{ followUpTicketId: string | null }>(
          `/api/customer-callbacks/${entry.id}/call`,
          {
            outcome,
            note: note || undefined,
            satisfied: answered && !entry.questionnaire ? satisfied : undefined,
            answers: answered && entry.questionnaire ? answersOf(answers) : undefined,
          } satisfies CustomerCallInput,
        );
        message.success(
          done.followUpTicketId ? t("customerCallbacks.followUpOpened") : t("callbacks.recorded"),
        );
        await queryClient.invalidateQueries({ queryKey: ["customer-callbacks"] });
      },
    });
  };
  return (
    <Card
      title={t("callbacks.view_customers")}
      extra={
        <Space wrap>
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder={t("customerCallbacks.allLists")}
            value={list}
            onChange={(v) => {
              setList(v);
              setPage(1);
            }}
            options={CUSTOMER_CALLBACK_LISTS.map((l) => ({
              value: l,
              label: t(`customerCallbacks.list_${l}`),
            }))}
            data-testid="customer-callback-list"
          />
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
      <Typography.Paragraph type="secondary">{t("customerCallbacks.help")}</Typography.Paragraph>
      <ResponsiveTable<CustomerCallback>
        dataSource={entries.data?.items}
        loading={entries.isLoading}
        emptyText={<Empty description={t("customerCallbacks.empty")} />}
        scrollX={960}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: entries.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("callbacks.dueOn"),
            render: (_, r) => (
              <Space size={4}>
                {r.dueOn}
                {r.status === "open" && r.dueOn < today && (
                  <Tag color="red">{t("customerCallbacks.late")}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t("customerCallbacks.list"),
            render: (_, r) => <Tag color="blue">{t(`customerCallbacks.list_${r.list}`)}</Tag>,
          },
          {
            title: t("ticket.customer"),
            render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customer}</Link>,
          },
          { title: t("customerCallbacks.detail"), render: (_, r) => <CallbackDetailText entry={r} /> },
          {
            title: t("customerCallbacks.assignee"),
            render: (_, r) => r.assignee ?? t("customerCallbacks.desk"),
          },
          {
            title: t("callbacks.result"),
            render: (_, r) => (
              <CallResult
                call={r}
                onCall={r.may.record ? () => call(r) : undefined}
                extra={
                  <>
                    {r.followUpTicketId && (
                      <Link to={`/tickets/${r.followUpTicketId}`}>
                        {t("customerCallbacks.followUp", { number: r.followUpNumber })}
                      </Link>
                    )}
                    {r.doneBy}
                  </>
                }
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
                  {t(`customerCallbacks.list_${calling.list}`)} · <CallbackDetailText entry={calling} />
                </span>
                <span>
                  {t("customerCallbacks.contact")}:{" "}
                  <Reporter
                    name={calling.contact}
                    revealUrl={`/api/customer-callbacks/${calling.id}/contact`}
                  />
                </span>
                <Typography.Text type="secondary">
                  {withQuestionnaire ? t("callbacks.callHelp") : t("customerCallbacks.callHelp")}
                </Typography.Text>
              </Space>
            </Typography.Paragraph>
            <Form.Item name="outcome" label={t("callbacks.outcome")}>
              <Radio.Group
                options={[
                  { value: "answered", label: t("customerCallbacks.reached") },
                  { value: "unreachable", label: t("callbacks.unreachable") },
                ]}
              />
            </Form.Item>
            {outcome === "answered" &&
              (withQuestionnaire ? (
                questionnaire.data?.questions.map((q) => <SurveyQuestionField key={q.id} q={q} />)
              ) : (
                <Form.Item
                  name="satisfied"
                  label={t("customerCallbacks.satisfied")}
                  rules={[{ required: true, message: t("customerCallbacks.satisfiedRequired") }]}
                >
                  <Radio.Group
                    options={[
                      { value: true, label: t("workOrder.satisfiedYes") },
                      { value: false, label: t("workOrder.satisfiedNo") },
                    ]}
                  />
                </Form.Item>
              ))}
            <Form.Item
              name="note"
              label={t("callbacks.note")}
              rules={
                outcome === "unreachable" || !withQuestionnaire
                  ? [{ required: true, message: t("customerCallbacks.noteRequired") }]
                  : []
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
