import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Calendar,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type BusinessCalendar, DEFAULT_CALENDAR, type WorkPeriod } from "../../../common/business-time";
import type { CalendarImportInput, CalendarInput } from "../../../common/schemas/service-time";
import { ApiError, api, get, post } from "../../lib/api";
import { useShowError } from "../../lib/feedback";
import { formatTime } from "../../lib/format";

type CalendarRow = BusinessCalendar & { id: string; name: string; isDefault: boolean };

const pad = (n: number) => String(n).padStart(2, "0");
const showPeriods = (periods: WorkPeriod[]) =>
  periods
    .map(
      (p) =>
        `${pad(Math.floor(p.start / 60))}:${pad(p.start % 60)}-${pad(Math.floor(p.end / 60))}:${pad(p.end % 60)}`,
    )
    .join(", ");

/** "09:00-12:00, 13:30-18:00" → periods; null when the text is not of that shape. */
function readPeriods(text: string): WorkPeriod[] | null {
  const periods: WorkPeriod[] = [];
  for (const part of text
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = part.match(/^(\d{1,2}):(\d{2})\s*[-~～]\s*(\d{1,2}):(\d{2})$/);
    if (!m) return null;
    periods.push({ start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) });
  }
  return periods;
}

const ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Urumqi",
  "Asia/Singapore",
  "Europe/Berlin",
  "America/New_York",
  "UTC",
];
const NEXT: Record<string, "holiday" | "workday" | undefined> = {
  none: "holiday",
  holiday: "workday",
  workday: undefined,
};

/** 工作日历: weekly hours, a month view of holidays and 调休 days, list import and a deadline preview. */
export function Calendars() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const calendars = useQuery({
    queryKey: ["calendars"],
    queryFn: () => get<CalendarRow[]>("/api/calendars"),
  });
  const [selectedId, setSelectedId] = useState<string>();
  const [draft, setDraft] = useState<CalendarRow | null>(null);
  const [hours, setHours] = useState<string[]>([]);
  const [importText, setImportText] = useState("");
  const [preview, setPreview] = useState<{ start: Dayjs | null; minutes: number; result?: string }>({
    start: dayjs(),
    minutes: 30,
  });
  const weekdays = t("calendar.weekdays").split(",");

  const selected = calendars.data?.find((c) => c.id === selectedId) ?? calendars.data?.[0];
  useEffect(() => {
    if (!selected) {
      setHours(DEFAULT_CALENDAR.weeklyHours.map(showPeriods));
      return;
    }
    setDraft(selected);
    setHours(selected.weeklyHours.map(showPeriods));
  }, [selected]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["calendars"] });

  const save = async () => {
    if (!draft) return;
    const weeklyHours = hours.map(readPeriods);
    const bad = weeklyHours.indexOf(null);
    if (bad >= 0) return message.error(t("calendar.badHours", { day: weekdays[bad] }));
    const body = {
      name: draft.name,
      timeZone: draft.timeZone,
      is24x7: draft.is24x7,
      // Every day read (a day that could not be read returned above).
      weeklyHours: weeklyHours as WorkPeriod[][],
      exceptions: draft.exceptions,
    } satisfies CalendarInput;
    try {
      const saved = await (draft.id
        ? api<CalendarRow>("PUT", `/api/calendars/${draft.id}`, body)
        : post<CalendarRow>("/api/calendars", body));
      message.success(t("common.saved"));
      setSelectedId(saved.id);
      await refresh();
    } catch (error) {
      showError(error);
    }
  };
  const importList = async () => {
    if (!draft?.id) return;
    try {
      const result = await post<{ imported: number }>(`/api/calendars/${draft.id}/import`, {
        text: importText,
      } satisfies CalendarImportInput);
      message.success(t("calendar.imported", { count: result.imported }));
      setImportText("");
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.details)) {
        message.error(
          (error.details as { row: number; message: string }[])
            .map((d) => `#${d.row} ${d.message}`)
            .join("；"),
        );
      } else showError(error);
    }
  };
  const runPreview = async () => {
    if (!draft?.id || !preview.start) return;
    try {
      const result = await get<{ deadline: string }>(
        `/api/calendars/${draft.id}/deadline?start=${encodeURIComponent(preview.start.toISOString())}&minutes=${preview.minutes}`,
      );
      setPreview({ ...preview, result: result.deadline });
    } catch (error) {
      showError(error);
    }
  };
  const toggle = (date: Dayjs) => {
    if (!draft) return;
    const key = date.format("YYYY-MM-DD");
    const next = NEXT[draft.exceptions[key] ?? "none"];
    const exceptions = { ...draft.exceptions };
    if (next) exceptions[key] = next;
    else delete exceptions[key];
    setDraft({ ...draft, exceptions });
  };

  if (calendars.isLoading) return <Card loading />;
  if (!draft) {
    return (
      <Empty description={t("common.empty")}>
        <Button
          type="primary"
          onClick={() => setDraft({ ...DEFAULT_CALENDAR, id: "", name: t("calendar.new"), isDefault: false })}
        >
          {t("calendar.new")}
        </Button>
      </Empty>
    );
  }
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={16}>
      <Space wrap>
        <Select
          style={{ width: 220 }}
          value={draft.id || undefined}
          onChange={setSelectedId}
          options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Button
          onClick={() => {
            setDraft({ ...draft, id: "", name: t("calendar.new"), isDefault: false, exceptions: {} });
          }}
        >
          {t("calendar.new")}
        </Button>
        <Button type="primary" onClick={save}>
          {t("common.save")}
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Form layout="vertical">
            <Form.Item label={t("calendar.name")}>
              <Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </Form.Item>
            <Space wrap>
              <Form.Item label={t("calendar.timeZone")}>
                <Select
                  style={{ width: 200 }}
                  value={draft.timeZone}
                  onChange={(timeZone) => setDraft({ ...draft, timeZone })}
                  options={ZONES.map((z) => ({ value: z, label: z }))}
                />
              </Form.Item>
              <Form.Item label={t("calendar.is24x7")}>
                <Switch checked={draft.is24x7} onChange={(is24x7) => setDraft({ ...draft, is24x7 })} />
              </Form.Item>
            </Space>
            <Form.Item label={t("calendar.weeklyHours")} extra={t("calendar.hoursHint")}>
              {[1, 2, 3, 4, 5, 6, 0].map((day) => (
                <Space.Compact key={day} style={{ width: "100%", marginBottom: 4 }}>
                  <Button disabled style={{ width: 64 }}>
                    {weekdays[day]}
                  </Button>
                  <Input
                    aria-label={weekdays[day]}
                    status={readPeriods(hours[day] ?? "") ? undefined : "error"}
                    value={hours[day]}
                    disabled={draft.is24x7}
                    onChange={(e) => setHours(hours.map((h, i) => (i === day ? e.target.value : h)))}
                  />
                </Space.Compact>
              ))}
            </Form.Item>
            {draft.id && (
              <Form.Item label={t("calendar.import")} extra={t("calendar.importHint")}>
                <Input.TextArea rows={3} value={importText} onChange={(e) => setImportText(e.target.value)} />
                <Button style={{ marginTop: 8 }} disabled={!importText.trim()} onClick={importList}>
                  {t("calendar.import")}
                </Button>
              </Form.Item>
            )}
            {draft.id && (
              <Form.Item label={t("calendar.preview")}>
                <Space wrap>
                  <DatePicker
                    showTime
                    format="YYYY-MM-DD HH:mm"
                    value={preview.start}
                    onChange={(start) => setPreview({ ...preview, start })}
                  />
                  <InputNumber
                    aria-label={t("calendar.minutes")}
                    min={0}
                    value={preview.minutes}
                    addonAfter={t("calendar.minutes")}
                    onChange={(minutes) => setPreview({ ...preview, minutes: minutes ?? 0 })}
                  />
                  <Button onClick={runPreview}>{t("calendar.preview")}</Button>
                </Space>
                {preview.result && (
                  <Typography.Paragraph strong style={{ marginTop: 8 }} data-testid="deadline-preview">
                    {t("calendar.deadline", { time: formatTime(preview.result, draft.timeZone) })}
                  </Typography.Paragraph>
                )}
              </Form.Item>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text type="secondary">{t("calendar.monthHint")}</Typography.Text>
          <Calendar
            fullscreen={false}
            onSelect={(date, info) => {
              if (info.source === "date") toggle(date);
            }}
            fullCellRender={(date, info) => {
              if (info.type !== "date") return info.originNode;
              const kind = draft.exceptions[date.format("YYYY-MM-DD")];
              return (
                <div style={{ textAlign: "center", padding: 2 }}>
                  <div>{date.date()}</div>
                  {kind && (
                    <Tag color={kind === "holiday" ? "red" : "blue"} style={{ marginInlineEnd: 0 }}>
                      {t(`calendar.${kind}`)}
                    </Tag>
                  )}
                </div>
              );
            }}
          />
        </Col>
      </Row>
    </Space>
  );
}
