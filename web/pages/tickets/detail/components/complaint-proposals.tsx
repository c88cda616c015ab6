import { Button, DatePicker, Form, Input, List, Radio, Select, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { CHANNELS } from "../../../../../common/enums";
import type {
  ComplaintDto,
  ProposalAnswerInput,
  ProposalInput,
} from "../../../../../common/schemas/complaints";
import { useFormDialog } from "../../../../components/form-dialog";
import { RequiredField } from "../../../../components/required-field";
import { post } from "../../../../lib/api";
import { formatTime } from "../../../../lib/format";

const STATUS_COLOR = { offered: "blue", accepted: "green", objected: "red" } as const;

/**
 * 解决方案与客户确认 (C057): solutions put to the customer, each with their acceptance or objection —
 * who, when, by which channel. Execution waits for an accepted one.
 */
export function ComplaintProposals({ complaint, onDone }: { complaint: ComplaintDto; onDone: () => void }) {
  const { t } = useTranslation();
  const offer = useFormDialog<ProposalInput>();
  const answer = useFormDialog<Omit<ProposalAnswerInput, "respondedAt"> & { respondedAt: Dayjs }>();
  const accepted = complaint.proposals.some((p) => p.status === "accepted");
  const canHandle = complaint.abilities.handle;
  const askAnswer = (p: ComplaintDto["proposals"][number]) =>
    answer.setOpen({
      title: t("proposal.answer"),
      initial: { accepted: true, channel: "phone", respondedAt: dayjs() },
      save: async (v) => {
        await post(`/api/proposals/${p.id}/answer`, {
          accepted: v.accepted,
          respondent: v.respondent,
          channel: v.channel,
          respondedAt: v.respondedAt.toISOString(),
          response: v.response ?? null,
        } satisfies ProposalAnswerInput);
        onDone();
      },
    });
  return (
    <div data-testid="complaint-proposals">
      <List
        size="small"
        dataSource={complaint.proposals}
        locale={{ emptyText: t("proposal.none") }}
        renderItem={(p) => (
          <List.Item
            actions={
              canHandle && p.status === "offered" && !accepted
                ? [
                    <Button key="answer" size="small" onClick={() => askAnswer(p)}>
                      {t("proposal.answer")}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={STATUS_COLOR[p.status]}>{t(`proposal.status_${p.status}`)}</Tag>
                  <span style={{ whiteSpace: "pre-wrap" }}>{p.body}</span>
                </Space>
              }
              description={
                <>
                  <div>
                    {t("proposal.offered", { who: p.offeredBy?.name ?? "—", at: formatTime(p.offeredAt) })}
                  </div>
                  {p.respondedAt && (
                    <div>
                      {t("proposal.responded", {
                        who: p.respondent,
                        channel: t(`channel.${p.channel}`),
                        at: formatTime(p.respondedAt),
                      })}
                      {p.response && `：${p.response}`}
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {canHandle && !accepted && (
        <Button
          style={{ marginTop: 8 }}
          onClick={() =>
            offer.setOpen({
              title: t("proposal.offer"),
              save: async (v) => {
                await post(`/api/complaints/${complaint.id}/proposals`, {
                  body: v.body,
                } satisfies ProposalInput);
                onDone();
              },
            })
          }
        >
          {t("proposal.offer")}
        </Button>
      )}
      {!accepted && complaint.currentStep === "execution" && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
          {t("proposal.executionWaits")}
        </Typography.Paragraph>
      )}
      {offer.dialog(
        <RequiredField name="body" label={t("proposal.body")}>
          <Input.TextArea rows={4} maxLength={4000} />
        </RequiredField>,
      )}
      {answer.dialog(
        <>
          <Form.Item name="accepted" label={t("proposal.customerSays")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t("proposal.status_accepted") },
                { value: false, label: t("proposal.status_objected") },
              ]}
            />
          </Form.Item>
          <RequiredField name="respondent" label={t("proposal.respondent")}>
            <Input maxLength={100} />
          </RequiredField>
          <Space wrap>
            <RequiredField name="channel" label={t("ticket.channel")}>
              <Select
                style={{ width: 160 }}
                options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              />
            </RequiredField>
            <RequiredField name="respondedAt" label={t("proposal.respondedAt")}>
              <DatePicker showTime={{ format: "HH:mm" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
            </RequiredField>
          </Space>
          <Form.Item noStyle shouldUpdate={(a, b) => a.accepted !== b.accepted}>
            {({ getFieldValue }) =>
              getFieldValue("accepted") === false ? (
                <RequiredField name="response" label={t("proposal.objection")}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </RequiredField>
              ) : (
                <Form.Item name="response" label={t("proposal.customerWords")}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>,
      )}
    </div>
  );
}
