import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Card, Form, Result, Space, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { AnswerInput, OpenSurvey } from "../../../common/schemas/surveys";
import { answersOf, SurveyQuestionField } from "../../components/survey-question";
import { ApiError, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

const Page = ({ children }: { children: ReactNode }) => (
  <div style={{ maxWidth: 640, margin: "0 auto", padding: 16 }}>{children}</div>
);

/**
 * 满意度调查 by link (SPEC M6): the customer answers on any phone without signing in; the link
 * answers once and closes when it expires.
 */
export default function SurveyPage() {
  const { token } = useParams<{ token: string }>();
  const { t } = useTranslation();
  const showError = useShowError();
  const survey = useQuery({
    queryKey: ["survey", token],
    queryFn: () => get<OpenSurvey>(`/api/surveys/${token}`),
  });
  const submit = useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      post(`/api/surveys/${token}`, {
        answers: answersOf(answers),
      } satisfies AnswerInput),
    onError: showError,
  });
  if (survey.isLoading)
    return (
      <Page>
        <Spin style={{ display: "block", margin: "20vh auto" }} />
      </Page>
    );
  if (survey.error)
    return (
      <Page>
        <Result
          status={survey.error instanceof ApiError && survey.error.status === 404 ? "404" : "error"}
          title={survey.error.message}
        />
      </Page>
    );
  const s = survey.data!;
  if (submit.isSuccess || s.state === "answered")
    return (
      <Page>
        <Result status="success" title={t("survey.thanks")} subTitle={s.organization} />
      </Page>
    );
  if (s.state === "expired")
    return (
      <Page>
        <Result status="warning" title={t("survey.expired")} />
      </Page>
    );
  return (
    <Page>
      <Card>
        <Space direction="vertical" size={4} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{s.organization}</Typography.Text>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {s.name}
          </Typography.Title>
          {s.subject && <Typography.Text>{t("survey.about", { subject: s.subject })}</Typography.Text>}
        </Space>
        <Form layout="vertical" onFinish={(v) => submit.mutate(v)}>
          {s.questions.map((q) => (
            <SurveyQuestionField key={q.id} q={q} />
          ))}
          <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
            {t("survey.submit")}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
