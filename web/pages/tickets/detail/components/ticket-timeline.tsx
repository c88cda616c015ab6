import { Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../../../common/enums";
import { type ErrorCode, errorMessage, type MessageParam } from "../../../../../common/errors";
import { formatFen } from "../../../../../common/format";
import type { TimelineEntry } from "../../../../../common/schemas/tickets";
import { formatTime } from "../../../../lib/format";

/** The ticket's chronological record (客户服务登记表). */
export function TicketTimeline({ entries, timeZone }: { entries: TimelineEntry[]; timeZone?: string }) {
  const { t, i18n } = useTranslation();
  const describe = (e: TimelineEntry) => {
    const d = e.data as Record<string, string | undefined>;
    if (e.kind === "status") return `${t(`action.${d.action}`)} → ${t(`ticketStatus.${d.to}`)}`;
    if (e.kind === "transfer" || e.kind === "routed") {
      // To a deputy while the person it was meant for is away (C029).
      const to =
        d.toAssignee && d.deputyOf
          ? t("ticket.deputyOf", { name: d.toAssignee, away: d.deputyOf })
          : d.toAssignee;
      return [d.toDepartment, to].filter(Boolean).join(" / ");
    }
    if (e.kind === "rule_fired") return d.rule;
    if (e.kind === "rule_refused") {
      const refused = e.data as { rule: string; code: ErrorCode; params?: Record<string, MessageParam> };
      return `${refused.rule} · ${errorMessage(refused.code, i18n.language as Locale, refused.params)}`;
    }
    if (e.kind === "promise" || e.kind === "promise_broken") return formatTime(d.promisedAt, timeZone);
    if (e.kind === "attachment")
      return (
        <a href={`/api/attachments/${d.attachmentId}`} target="_blank" rel="noreferrer">
          {d.fileName}
        </a>
      );
    if (e.kind === "assist_requested") return [d.department, d.owner].filter(Boolean).join(" / ");
    if (e.kind === "complaint_opened")
      return [t(`complaintSeverity.${d.severity}`), t(`complaintClass.${d.classification}`), d.category].join(
        " · ",
      );
    if (e.kind === "complaint_step_done" || e.kind === "complaint_step_skipped")
      return t(`complaintStep.${d.step}`);
    if (e.kind === "complaint_step_rejected")
      return `${t(`complaintStep.${d.step}`)} → ${t(`complaintStep.${d.backTo}`)}`;
    if (e.kind === "compensation_proposed")
      return `${t(`compensationKind.${d.kind}`)} ${formatFen(Number(e.data.amountFen))}`;
    if (e.kind === "proposal_accepted" || e.kind === "proposal_objected")
      return `${d.respondent} · ${t(`channel.${d.channel}`)}`;
    if (e.kind === "countersign_signed" || e.kind === "countersign_refused") return d.department;
    if (e.kind === "approval_approved" || e.kind === "approval_rejected")
      return t("complaint.levelOf", { level: d.level, of: d.of });
    if (e.kind.startsWith("work_order_")) {
      const wo = e.data as {
        number?: string;
        workOrderId?: string;
        engineer?: string;
        appointmentAt?: string;
        expectedAt?: string;
      };
      const extra =
        e.kind === "work_order_dispatched" || e.kind === "work_order_no_show"
          ? ` · ${wo.engineer} · ${formatTime(wo.appointmentAt, timeZone)}`
          : e.kind === "work_order_delay_notified"
            ? ` · ${formatTime(wo.expectedAt, timeZone)}`
            : "";
      return `${wo.number ?? ""}${extra}`;
    }
    if (e.kind === "sla_applied")
      return [d.policy ?? t("sla.noPolicy"), d.agreement && t("sla.byAgreement", { contractNo: d.agreement })]
        .filter(Boolean)
        .join(" · ");
    if (e.kind === "sla_breached")
      return `${t(`slaMetric.${d.metric}`)} · ${t("sla.due")} ${formatTime(d.dueAt, timeZone)}`;
    if (e.kind === "sla_escalated") {
      const to = (e.data.to as string[] | undefined)?.join("、") || "—";
      return `${t(`slaMetric.${d.metric}`)} · ${t("sla.level", { level: d.level })} → ${to}`;
    }
    if (e.kind === "tagged") {
      const { added = [], removed = [] } = e.data as { added?: string[]; removed?: string[] };
      return [...added.map((x) => `+${x}`), ...removed.map((x) => `−${x}`)].join(" ");
    }
    if (e.kind === "classified") {
      const c = e.data as Record<"from" | "to", { type: string; priority: string; isGreenChannel: boolean }>;
      const show = (x: typeof c.from) =>
        `${t(`ticketType.${x.type}`)} ${x.priority}${x.isGreenChannel ? ` ${t("ticket.greenChannel")}` : ""}`;
      return `${show(c.from)} → ${show(c.to)}`;
    }
    return null;
  };
  const color = (kind: string) =>
    ({
      reply: "blue",
      customer_reply: "green",
      note: "gray",
      promise_broken: "red",
      transfer: "orange",
      rule_refused: "orange",
      sla_breached: "red",
      sla_escalated: "red",
      complaint_step_rejected: "red",
      approval_rejected: "red",
      approval_approved: "green",
      work_order_declined: "orange",
      work_order_delay_notified: "orange",
      work_order_no_show: "red",
      work_order_completed: "green",
    })[kind] ?? "blue";
  return (
    <Timeline
      items={entries.map((e) => ({
        color: color(e.kind),
        content: (
          <div data-testid={`timeline-${e.kind}`}>
            <Typography.Text strong>{t(`timelineKind.${e.kind}`)}</Typography.Text>{" "}
            <Typography.Text type="secondary">{e.actorName}</Typography.Text>{" "}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(e.createdAt, timeZone)}
            </Typography.Text>
            {e.kind === "note" && <Tag style={{ marginLeft: 8 }}>{t("ticket.notePlaceholder")}</Tag>}
            <div>{describe(e)}</div>
            {e.body && (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                {e.body}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
