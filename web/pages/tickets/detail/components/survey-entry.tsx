import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { STAFF_CHANNELS } from "../../../../../common/enums";
import type { StaffAnswerInput, SurveyQuestion } from "../../../../../common/schemas/surveys";
import { useFormDialog } from "../../../../components/form-dialog";
import { answersOf, SurveyQuestionField } from "../../../../components/survey-question";
import { get, post } from "../../../../lib/api";

/**
 * 登记满意度 (C101): the customer answered on site, at a sales visit, on paper or on the phone; a handler
 * or the QA desk enters it. The same questionnaire and figures as the link.
 */
export function SurveyEntryButton({ ticketId, number }: { ticketId: string; number: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The channel, then one answer per question (keyed by the question's id).
  const { setOpen, dialog } = useFormDialog<
    { channel: StaffAnswerInput["channel"] } & Record<string, unknown>
  >();
  const questionnaire = useQuery({
    queryKey: ["survey-templates", "default"],
    queryFn: () => get<{ questions: SurveyQuestion[] }>("/api/survey-templates/default"),
  });
  return (
    <>
      <Button
        onClick={() =>
          setOpen({
            title: t("surveyEntry.title", { number }),
            width: 640,
            initial: { channel: "on_site" },
            save: async ({ channel, ...answers }) => {
              const done = await post<{ followUpTicketId: string | null }>(
                `/api/tickets/${ticketId}/survey`,
                {
                  channel,
                  answers: answersOf(answers),
                } satisfies StaffAnswerInput,
              );
              message.success(done.followUpTicketId ? t("callbacks.followUpOpened") : t("surveyEntry.saved"));
              await queryClient.invalidateQueries({ queryKey: ["tickets"] });
            },
          })
        }
      >
        {t("surveyEntry.button")}
      </Button>
      {dialog(
        <>
          <Form.Item name="channel" label={t("responses.channel")}>
            <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`responses.channel_${c}`) }))} />
          </Form.Item>
          {questionnaire.data?.questions.map((q) => (
            <SurveyQuestionField key={q.id} q={q} />
          ))}
        </>,
      )}
    </>
  );
}
