import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SurveyResponseRow, ValidityInput } from "../../../common/schemas/surveys";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, qs } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

type Validity = "all" | "valid" | "invalid";
const PAGE_SIZE = 20;

/**
 * 调查答卷 (C105, C107): every answered questionnaire, question by question, for the custodians of
 * survey material; QA sets aside what is not genuine (with the reason) so it counts nowhere.
 */
export default function SurveyResponsesPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<{ reason: string }>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf("month"), dayjs()]);
  const [validity, setValidity] = useState<Validity>("all");
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<SurveyResponseRow | null>(null);
  const query = qs({
    from: range[0].format("YYYY-MM-DD"),
    to: range[1].format("YYYY-MM-DD"),
    validity,
    page,
    pageSize: PAGE_SIZE,
  });
  const list = useQuery({
    queryKey: ["survey-responses", query],
    queryFn: () => get<{ items: SurveyResponseRow[]; total: number }>(`/api/survey-responses${query}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["survey-responses"] });
  const setAside = (r: SurveyResponseRow) =>
    setOpen({
      title: t("responses.setAside"),
      save: (v) =>
        api("PUT", `/api/survey-responses/${r.id}/validity`, {
          valid: false,
          reason: v.reason,
        } satisfies ValidityInput).then(refresh),
    });
  const restore = (r: SurveyResponseRow) =>
    modal.confirm({
      title: t("responses.restoreConfirm"),
      onOk: () =>
        api("PUT", `/api/survey-responses/${r.id}/validity`, { valid: true } satisfies ValidityInput).then(
          refresh,
          showError,
        ),
    });
  return (
    <Card
      title={t("menu.surveyResponses")}
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              setPage(1);
            }}
            disabledDate={(d) => d.isAfter(dayjs(), "day")}
          />
          <Segmented
            value={validity}
            onChange={(v) => {
              setValidity(v as Validity);
              setPage(1);
            }}
            options={(["all", "valid", "invalid"] as const).map((v) => ({
              value: v,
              label: t(`responses.${v}`),
            }))}
          />
        </Space>
      }
    >
      <ResponsiveTable<SurveyResponseRow>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("responses.empty")} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t("responses.submittedAt"), render: (_, r) => formatTime(r.submittedAt) },
          {
            title: t("ticket.number"),
            render: (_, r) =>
              r.ticketId ? <Link to={`/tickets/${r.ticketId}`}>{r.ticketNumber}</Link> : "—",
          },
          { title: t("ticket.customer"), render: (_, r) => r.customer ?? "—" },
          {
            title: t("responses.channel"),
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag>{t(`responses.channel_${r.channel}`)}</Tag>
                {r.source}
                {r.campaign && <Tag color="blue">{r.campaign}</Tag>}
                {r.enteredBy && t("responses.enteredBy", { name: r.enteredBy })}
              </Space>
            ),
          },
          {
            title: t("responses.score"),
            align: "right",
            render: (_, r) =>
              r.score === null ? "—" : `${r.score.toFixed(1)} · ${r.total}${r.band ? ` ${r.band}` : ""}`,
          },
          {
            title: t("responses.followUp"),
            render: (_, r) =>
              r.followUpTicketId ? (
                <Link to={`/tickets/${r.followUpTicketId}`}>{r.followUpNumber}</Link>
              ) : (
                "—"
              ),
          },
          {
            title: t("responses.validity"),
            render: (_, r) =>
              r.valid ? (
                <Tag color="green">{t("responses.valid")}</Tag>
              ) : (
                <Tag color="red">
                  {t("responses.invalid")}：{r.invalidReason}
                </Tag>
              ),
          },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space wrap>
                <Button size="small" onClick={() => setShown(r)}>
                  {t("responses.view")}
                </Button>
                {r.valid ? (
                  <Button size="small" danger onClick={() => setAside(r)}>
                    {t("responses.setAside")}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => restore(r)}>
                    {t("responses.restore")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(shown)}
        title={shown?.ticketNumber ?? t("menu.surveyResponses")}
        footer={null}
        onCancel={() => setShown(null)}
      >
        {shown && (
          <Descriptions column={1} size="small" bordered>
            {shown.answers.map((a) => (
              <Descriptions.Item key={a.question} label={a.question}>
                {a.answer}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Modal>
      {dialog(
        <Form.Item
          name="reason"
          label={t("responses.reason")}
          rules={[{ required: true, message: t("responses.reasonRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>,
      )}
    </Card>
  );
}
