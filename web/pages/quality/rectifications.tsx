import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Radio,
  Segmented,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RectificationStatus } from "../../../common/enums";
import type {
  RectificationRow as Rectification,
  RectificationCheckInput,
  RectificationSubmitInput,
} from "../../../common/schemas/quality";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<RectificationStatus, string> = {
  open: "blue",
  submitted: "orange",
  passed: "green",
  retraining: "red",
  withdrawn: "default",
};

/** 整改跟踪 (C112): what is to be put right, by when; the person reports it, the inspector re-checks. */
export function RectificationsTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const seesAll = hasCapability(me, "qa.inspect") || hasCapability(me, "qa.manage");
  const [view, setView] = useState<"mine" | "all">(seesAll ? "all" : "mine");
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const submit = useFormDialog<RectificationSubmitInput>();
  const check = useFormDialog<Omit<RectificationCheckInput, "dueOn"> & { dueOn?: Dayjs }>();
  const query = qs({ view, overdue: overdue ? "true" : undefined, page, pageSize: PAGE_SIZE });
  const list = useQuery({
    queryKey: ["qa-rectifications", query],
    queryFn: () => get<{ items: Rectification[]; total: number }>(`/api/qa-rectifications${query}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["qa-rectifications"] });
  const passed = Form.useWatch("passed", check.form);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {seesAll && (
          <Segmented
            value={view}
            onChange={(v) => {
              setView(v as "mine" | "all");
              setPage(1);
            }}
            options={[
              { value: "all", label: t("quality.rectAll") },
              { value: "mine", label: t("quality.rectMine") },
            ]}
          />
        )}
        <Checkbox
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setPage(1);
          }}
        >
          {t("quality.overdueOnly")}
        </Checkbox>
      </Space>
      <ResponsiveTable<Rectification>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("quality.emptyRectifications")} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          {
            title: t("quality.agent"),
            render: (_, r) => [r.assignee, r.department].filter(Boolean).join(" · "),
          },
          {
            title: t("quality.findings"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/quality/${r.inspectionId}`}>
                  {r.ticketNumber ?? t("quality.view")} · {r.total}
                </Link>
                <Typography.Text type="secondary">{r.findings}</Typography.Text>
              </Space>
            ),
          },
          { title: t("quality.requirement"), render: (_, r) => r.requirement },
          {
            title: t("quality.dueOn"),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.dueOn}
                {r.overdue && <Tag color="red">{t("quality.overdue")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("ticket.status"),
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[r.status]}>{t(`quality.rect_${r.status}`)}</Tag>
                {r.failedChecks > 0 && <Tag>{t("quality.failedChecks", { count: r.failedChecks })}</Tag>}
              </Space>
            ),
          },
          {
            title: t("quality.response"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {r.response ?? "—"}
                {r.checkNote && <Typography.Text type="secondary">{r.checkNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space wrap>
                {r.may.submit && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      submit.setOpen({
                        title: t("quality.submit"),
                        save: (v) => post(`/api/qa-rectifications/${r.id}/submit`, v).then(refresh),
                      })
                    }
                  >
                    {t("quality.submit")}
                  </Button>
                )}
                {r.may.check && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      check.setOpen({
                        title: t("quality.recheck"),
                        initial: { passed: true },
                        save: (v) =>
                          post(`/api/qa-rectifications/${r.id}/check`, {
                            passed: v.passed,
                            note: v.note,
                            dueOn: v.dueOn?.format("YYYY-MM-DD"),
                          } satisfies RectificationCheckInput).then(refresh),
                      })
                    }
                  >
                    {t("quality.recheck")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {submit.dialog(
        <Form.Item
          name="response"
          label={t("quality.response")}
          rules={[{ required: true, whitespace: true, message: t("quality.responseRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>,
      )}
      {check.dialog(
        <>
          <Form.Item name="passed" label={t("quality.recheckResult")}>
            <Radio.Group
              options={[
                { value: true, label: t("quality.recheckPassed") },
                { value: false, label: t("quality.recheckFailed") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("quality.checkNote")}
            rules={[{ required: true, whitespace: true, message: t("quality.checkNoteRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {passed === false && (
            <Form.Item
              name="dueOn"
              label={t("quality.newDueOn")}
              rules={[{ required: true, message: t("quality.dueOnRequired") }]}
            >
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
            </Form.Item>
          )}
        </>,
      )}
    </Space>
  );
}
