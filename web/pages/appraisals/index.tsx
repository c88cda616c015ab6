import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Form, Select, Space, Tabs, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  APPRAISAL_CADENCES,
  type AppraisalPeriod,
  type AppraisalResult,
  type OpenAppraisalInput,
} from "../../../common/schemas/appraisal";
import { useFormDialog } from "../../components/form-dialog";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { AppraisalStatus, resultColumns } from "./parts";

function Periods() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<{ cadence: OpenAppraisalInput["cadence"]; day: Dayjs }>();
  const list = useQuery({
    queryKey: ["appraisals"],
    queryFn: () => get<AppraisalPeriod[]>("/api/appraisals"),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Button
        type="primary"
        onClick={() =>
          setOpen({
            title: t("appraisal.open"),
            initial: { cadence: "month", day: dayjs().subtract(1, "month") },
            save: (v) =>
              post<{ id: string }>("/api/appraisals", {
                cadence: v.cadence,
                day: v.day.format("YYYY-MM-DD"),
              } satisfies OpenAppraisalInput).then((created) => {
                queryClient.invalidateQueries({ queryKey: ["appraisals"] });
                navigate(`/appraisals/${created.id}`);
              }),
          })
        }
      >
        {t("appraisal.open")}
      </Button>
      <ResponsiveTable<AppraisalPeriod>
        dataSource={list.data}
        loading={list.isLoading}
        emptyText={<Empty description={t("appraisal.emptyPeriods")} />}
        scrollX={800}
        columns={[
          {
            title: t("appraisal.period"),
            render: (_, p) => (
              <Space size={4}>
                {p.period}
                <Tag>{t(`appraisal.cadence_${p.cadence}`)}</Tag>
              </Space>
            ),
          },
          { title: t("ticket.status"), render: (_, p) => <AppraisalStatus status={p.status} /> },
          { title: t("appraisal.scored"), align: "right", render: (_, p) => `${p.scored} / ${p.people}` },
          {
            title: t("appraisal.pendingAppeals"),
            align: "right",
            render: (_, p) => (p.appeals ? <Tag color="orange">{p.appeals}</Tag> : 0),
          },
          { title: t("appraisal.publish"), render: (_, p) => formatTime(p.publishedAt) },
          {
            title: t("common.actions"),
            render: (_, p) => (
              <Link to={`/appraisals/${p.id}`}>
                <Button size="small">{t("appraisal.view")}</Button>
              </Link>
            ),
          },
        ]}
      />
      {dialog(
        <>
          <Form.Item name="cadence" label={t("appraisal.cadence")} rules={[{ required: true }]}>
            <Select
              options={APPRAISAL_CADENCES.map((c) => ({ value: c, label: t(`appraisal.cadence_${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="day" label={t("appraisal.day")} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
        </>,
      )}
    </Space>
  );
}

function Mine() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ["appraisals", "mine"],
    queryFn: () => get<AppraisalResult[]>("/api/appraisals/mine"),
  });
  return (
    <ResponsiveTable<AppraisalResult>
      dataSource={list.data}
      loading={list.isLoading}
      emptyText={<Empty description={t("appraisal.emptyMine")} />}
      scrollX={800}
      columns={[{ title: t("appraisal.period"), render: (_, r) => r.period }, ...resultColumns(t)]}
    />
  );
}

/** 考核评定 (SPEC M8, C117): periods to score and publish; one's own results, with the right to appeal. */
export default function AppraisalsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const tabs = [
    hasCapability(me, "appraisal.manage") && {
      key: "periods",
      label: t("appraisal.tabPeriods"),
      children: <Periods />,
    },
    { key: "mine", label: t("appraisal.tabMine"), children: <Mine /> },
  ].filter((x) => x !== false);
  const active = tabs.some((x) => x.key === params.get("tab")) ? params.get("tab")! : tabs[0].key;
  return (
    <Card title={t("menu.appraisals")}>
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} />
    </Card>
  );
}
