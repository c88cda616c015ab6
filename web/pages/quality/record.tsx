import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { QaScorecard } from "../../../common/schemas/quality";
import { useFormDialog } from "../../components/form-dialog";
import { get, post } from "../../lib/api";
import { useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";
import { ScoreFields, type ScoreValues, scorePayload } from "./score-fields";

/** 登记质检 (C111): a mystery-customer contact, an observation or an ad-hoc check, scored as recorded. */
export function RecordInspection() {
  const { t } = useTranslation();
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
        type="primary"
        onClick={() =>
          setOpen({
            title: t("quality.record"),
            width: 640,
            initial: { method: "mystery", scorecardId: cards.data?.[0]?.id },
            save: (v) => {
              const values = v as ScoreValues & { agentId: string; scorecardId: string };
              return post("/api/qa-inspections", {
                ...scorePayload(values),
                agentId: values.agentId,
                scorecardId: values.scorecardId,
              }).then(() => queryClient.invalidateQueries({ queryKey: ["qa-inspections"] }));
            },
          })
        }
      >
        {t("quality.record")}
      </Button>
      {dialog(
        <>
          <Alert type="info" showIcon message={t("quality.recordHelp")} style={{ marginBottom: 16 }} />
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
