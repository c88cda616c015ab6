import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { QaRecordInput, QaScorecard } from "../../../common/schemas/quality";
import { useFormDialog } from "../../components/form-dialog";
import { get, post } from "../../lib/api";
import { useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";
import { ScoreFields, type ScoreValues, scorePayload } from "./score-fields";

/** The work an inspection starts from (质检此工单), with whose work it is. */
export type InspectedWork = {
  ticketId?: string;
  workOrderId?: string;
  number: string;
  agentId: string | null;
};

/**
 * 登记质检 (C111): a mystery-customer contact, an observation or an ad-hoc check, scored as recorded —
 * or, given `work`, an inspection of that ticket or work order. Saved, it opens the inspection.
 */
export function RecordInspection({ work }: { work?: InspectedWork }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const directory = useDirectory();
  const cards = useQuery({
    queryKey: ["qa-scorecards"],
    queryFn: () => get<QaScorecard[]>("/api/qa-scorecards"),
  });
  const { setOpen, dialog, form } = useFormDialog();
  const cardId = Form.useWatch("scorecardId", form);
  const card = cards.data?.find((c) => c.id === cardId);
  // Service and supervision on separate lines (C114): nobody of one's own department.
  const people = (directory.data?.users ?? []).filter(
    (u) => u.id !== me?.id && !(me?.departmentId && u.departmentId === me.departmentId),
  );
  return (
    <>
      <Button
        type={work ? "default" : "primary"}
        data-testid="record-inspection"
        onClick={() =>
          setOpen({
            title: work ? `${t("quality.inspectThis")} · ${work.number}` : t("quality.record"),
            width: 640,
            initial: {
              method: work ? "form_check" : "mystery",
              scorecardId: cards.data?.[0]?.id,
              agentId: people.some((u) => u.id === work?.agentId) ? work?.agentId : undefined,
            },
            save: async (v) => {
              const values = v as ScoreValues & { agentId: string; scorecardId: string };
              const { id } = await post<{ id: string }>("/api/qa-inspections", {
                ...scorePayload(values),
                // Required by the form; the server says so too if it is ever missing.
                findings: values.findings ?? "",
                agentId: values.agentId,
                scorecardId: values.scorecardId,
                ticketId: work?.ticketId,
                workOrderId: work?.workOrderId,
              } satisfies QaRecordInput);
              await queryClient.invalidateQueries({ queryKey: ["qa-inspections"] });
              message.success(t("quality.recorded"));
              navigate(`/quality/${id}`);
            },
          })
        }
      >
        {work ? t("quality.inspectThis") : t("quality.record")}
      </Button>
      {dialog(
        <>
          <Alert
            type="info"
            showIcon
            message={t(work ? "quality.inspectThisHelp" : "quality.recordHelp")}
            style={{ marginBottom: 16 }}
          />
          <Form.Item name="agentId" label={t("quality.agent")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={people.map((u) => ({
                value: u.id,
                label: [u.displayName, directory.data?.departments.find((d) => d.id === u.departmentId)?.name]
                  .filter(Boolean)
                  .join(" · "),
              }))}
            />
          </Form.Item>
          <Form.Item name="scorecardId" label={t("quality.scorecard")} rules={[{ required: true }]}>
            <Select options={(cards.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          {card && <ScoreFields criteria={card.criteria} passMark={card.passMark} findingsRequired />}
        </>,
      )}
    </>
  );
}
