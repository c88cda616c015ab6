import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { and, asc, eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import type { z } from "zod";
import { FORM_BOXES, FORM_KINDS, type FormBox, type FormKind } from "../../../common/enums";
import { settlementTotal } from "../../../common/field-service";
import { formatFen } from "../../../common/format";
import {
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STEP_LABELS,
  WORK_ORDER_KIND_LABELS,
} from "../../../common/labels";
import type { FormSetting, formSettingInput, StandardForm } from "../../../common/schemas/records";
import type { Executor } from "../../db/client";
import { attachments, formScans, formSettings, organizations, users } from "../../db/schema";
import { diff, writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { assertNotArchived, notFound } from "../../lib/errors";
import { officeCalendar } from "../../lib/periods";
import { getComplaint } from "../complaints/queries";
import { getWorkOrder } from "../field-service/queries";
import { getRepairReturn } from "../field-service/repair-returns";
import { assertAttachable, filePath, insertAttachment } from "../tickets/attachments";
import { loadTicketBehind } from "../tickets/load-ticket";
import { getTicketDetail } from "../tickets/queries";

// The company's standard forms (C154, seed 004 第五章 4: 所有流程需使用公司统一表单): the service report,
// the take-back receipt, the complaint record and the callback form, each with the form number, version
// and 制表/审查/核准 boxes the organisation set, shown in the console, printed, or rendered here as PDF
// from the same rows; the signed paper original is scanned and attached to the record's ticket.

const BOX_LABELS: Record<FormBox, string> = { prepared: "制表", reviewed: "审查", approved: "核准" };
const DEFAULTS: Record<FormKind, { title: string; formNo: string }> = {
  service_report: { title: "售后服务记录", formNo: "KF-JL-001" },
  return_receipt: { title: "客户产品返修收据", formNo: "KF-JL-002" },
  complaint_record: { title: "客户抱怨处理表", formNo: "KF-JL-003" },
  callback_form: { title: "客户回访记录表", formNo: "KF-JL-004" },
};

export async function insertFormDefaults(tx: Executor, orgId: string) {
  await tx.insert(formSettings).values(
    FORM_KINDS.map((kind) => ({
      orgId,
      kind,
      formNo: DEFAULTS[kind].formNo,
      version: "A/0",
      boxes: [...FORM_BOXES],
    })),
  );
}

export async function listFormSettings(ctx: Ctx): Promise<FormSetting[]> {
  requireCapability(ctx.actor, "records.manage");
  const rows = await ctx.db
    .select({ f: formSettings, updatedBy: users.displayName })
    .from(formSettings)
    .leftJoin(users, and(eq(users.orgId, formSettings.orgId), eq(users.id, formSettings.updatedBy)))
    .where(eq(formSettings.orgId, ctx.actor.orgId));
  return FORM_KINDS.flatMap((kind) => {
    const row = rows.find((r) => r.f.kind === kind);
    return row
      ? [
          {
            kind,
            formNo: row.f.formNo,
            version: row.f.version,
            boxes: FORM_BOXES.filter((b) => row.f.boxes.includes(b)),
            updatedBy: row.updatedBy,
            updatedAt: row.f.updatedAt.toISOString(),
          },
        ]
      : [];
  });
}

/** A new number or version of a form (a revised paper form is a new version), or other boxes; audited. */
export async function saveFormSetting(ctx: Ctx, kind: FormKind, input: z.output<typeof formSettingInput>) {
  requireCapability(ctx.actor, "records.manage");
  await ctx.db.transaction(async (tx) => {
    const where = and(eq(formSettings.orgId, ctx.actor.orgId), eq(formSettings.kind, kind));
    const [before] = await tx.select().from(formSettings).where(where).for("update");
    if (!before) throw notFound();
    const next = { ...input, boxes: FORM_BOXES.filter((b) => input.boxes.includes(b)) };
    const change = diff(before, next);
    if (!change.changed) return;
    await tx
      .update(formSettings)
      .set({ ...next, updatedBy: actorUserId(ctx.actor), updatedAt: new Date() })
      .where(where);
    await writeAudit(tx, ctx, {
      action: "records.form_changed",
      entityType: "form_setting",
      entityId: before.id,
      before: { kind, ...change.before },
      after: { kind, ...change.after },
    });
  });
}

type Row = StandardForm["rows"][number];
/** A form's content from its record, read through the record's own (access-checked) query. */
type Content = {
  title: string;
  rows: Row[];
  footer?: string;
  ticketId: string;
  workOrderId: string | null;
  /** 制表: who made the record. */
  preparedBy: string | null;
  back: string;
};
const row = (label: string, value: string | null | undefined, signatureId: string | null = null): Row => ({
  label,
  value: value || "—",
  signatureId,
});

async function content(
  ctx: Ctx,
  kind: FormKind,
  id: string,
  at: (iso: string | null) => string,
): Promise<Content> {
  switch (kind) {
    case "service_report": {
      const w = await getWorkOrder(ctx, id);
      const used = w.parts.filter((p) => p.used);
      const rows = [
        row("派工单号", w.number),
        row("服务单号", w.ticketNumber),
        row("客户", w.customer),
        row("联系人", [w.contactName, w.contactPhone].filter(Boolean).join(" ")),
        row("服务地址", w.siteAddress),
        row("服务类别", WORK_ORDER_KIND_LABELS[w.kind]["zh-CN"]),
        row("产品 / 型号 / 序列号", [w.product, w.model, w.serialNo].filter(Boolean).join(" / ")),
        row(
          "保修",
          `${w.inWarranty ? "保修期内" : "保修期外"}${w.warrantyEndsOn ? `（至 ${w.warrantyEndsOn}）` : ""}，${w.chargeable ? "收费" : "免费"}`,
        ),
        row("故障现象", w.fault),
        row("服务工程师", w.engineer),
        row("预约时间", at(w.appointmentAt)),
        row(
          "出发 / 到达",
          `${at(w.departedAt)} / ${at(w.arrivedAt)}${w.lateMinutes ? `（迟到 ${w.lateMinutes} 分钟）` : ""}`,
        ),
        row("完工时间", at(w.completedAt)),
        row("故障诊断", w.diagnosis),
        row("故障原因", w.faultCause),
        row("维修处理", w.workDone),
        row("修后测试", w.testResult),
        row("维护保养建议", w.maintenanceAdvice),
        row(
          "使用备件",
          used.length ? used.map((p) => `${p.code} ${p.name} × ${p.used}${p.unit}`).join("；") : "无",
        ),
      ];
      if (w.chargeable)
        rows.push(
          row(
            "费用",
            `人工 ${formatFen(w.labourFen)}，备件 ${formatFen(w.partsFen)}，差旅 ${formatFen(w.travelFen)}，合计 ${formatFen(settlementTotal(w))}`,
          ),
        );
      const opinion = w.customerSatisfied === false ? "不满意" : w.customerSatisfied ? "满意" : "—";
      rows.push(row("客户意见", `${opinion}${w.customerOpinion ? `：${w.customerOpinion}` : ""}`));
      rows.push(
        w.signatureAttachmentId
          ? row("客户签字", `${w.signerName ?? ""} ${at(w.signedAt)}`, w.signatureAttachmentId)
          : row("客户签字", `未签字：${w.noSignatureReason ?? "—"}`),
      );
      return {
        title: DEFAULTS.service_report.title,
        rows,
        ticketId: w.ticketId,
        workOrderId: w.id,
        preparedBy: w.engineer,
        back: `/work-orders/${w.id}`,
      };
    }
    case "return_receipt": {
      const r = await getRepairReturn(ctx, id);
      const rows = [
        row("收据编号", r.number),
        row("派工单号 / 服务单号", `${r.workOrderNumber} / ${r.ticketNumber}`),
        row("客户", r.customer),
        row("联系人", r.contactName),
        row("产品 / 型号 / 序列号", [r.product, r.model, r.serialNo].filter(Boolean).join(" / ")),
        row("随机附件", r.accessories ?? "无"),
        row("外观状况", r.condition),
        row("故障描述", r.fault),
        row("带回时间", at(r.receivedAt)),
        row("收件工程师", r.receivedByName),
        row("预计送还日期", r.expectedBackOn),
        row("客户签字", `${r.signerName} ${at(r.receivedAt)}`, r.signatureAttachmentId),
      ];
      if (r.returnedAt)
        rows.push(
          row(
            "送还",
            `${at(r.returnedAt)}，${r.receiptTakenBack ? "收据已收回" : `收据未收回：${r.returnNote ?? "—"}`}`,
          ),
        );
      return {
        title: DEFAULTS.return_receipt.title,
        rows,
        footer: "本收据是客户取回产品的凭证，请妥善保管；产品修复送还时请将本收据交回工程师。",
        ticketId: r.ticketId,
        workOrderId: r.workOrderId,
        preparedBy: r.receivedByName,
        back: `/work-orders/${r.workOrderId}`,
      };
    }
    case "complaint_record": {
      const t = await getTicketDetail(ctx, id);
      const c = await getComplaint(ctx, id);
      if (!c) throw notFound();
      const rows = [
        row("客诉编号", t.number),
        row("客户", t.customer?.name),
        row("主题", t.title),
        row(
          "类别 / 严重程度",
          `${COMPLAINT_CLASS_LABELS[c.classification]["zh-CN"]} · ${c.category?.name ?? "—"} · ${COMPLAINT_SEVERITY_LABELS[c.severity]["zh-CN"]}`,
        ),
        row("订单编号 / 料号", [c.orderNo, c.partNo].filter(Boolean).join(" / ")),
        row("交运日期", c.deliveryDate),
        row("数量 / 不良数量", c.quantity == null ? null : `${c.quantity} / ${c.defectiveQuantity ?? "—"}`),
        row("客户要求", c.customerRequest),
        row("客户原话", c.customerWords ?? t.description),
        row("责任部门", c.responsibleDepartment?.name),
        ...c.steps
          .filter((s) => s.status === "done")
          .map((s) =>
            row(
              COMPLAINT_STEP_LABELS[s.step]["zh-CN"],
              [
                ...Object.values(s.record).filter((v): v is string => typeof v === "string" && Boolean(v)),
                [s.completedBy?.name, at(s.completedAt)].filter(Boolean).join(" "),
              ].join("\n"),
            ),
          ),
      ];
      return {
        title: DEFAULTS.complaint_record.title,
        rows,
        ticketId: t.id,
        workOrderId: null,
        preparedBy: t.firstResponder?.name ?? null,
        back: `/tickets/${t.id}`,
      };
    }
    case "callback_form": {
      const t = await getTicketDetail(ctx, id);
      const callbacks = t.timeline.filter((e) => e.kind === "status" && e.data.action === "record_callback");
      const resolved = t.timeline.filter((e) => e.kind === "status" && e.data.action === "resolve").at(-1);
      const rows = [
        row("服务单号", t.number),
        row("客户", t.customer?.name),
        row("联系人", [t.contact?.name, t.contact?.mobile ?? t.customerPhone].filter(Boolean).join(" ")),
        row("服务事项", t.title),
        row("处理结果", t.resolution),
        row(
          "处理人 / 解决时间",
          [t.assignee?.name, resolved ? at(resolved.createdAt) : null].filter(Boolean).join(" "),
        ),
        // Printed before the call, the callback's lines are left to fill in by hand.
        ...(callbacks.length
          ? callbacks.flatMap((e, i) => [
              row(
                callbacks.length > 1 ? `回访（第 ${i + 1} 次）` : "回访",
                `${e.actorName} ${at(e.createdAt)}`,
              ),
              row("客户意见", e.body),
              row("满意程度", e.data.satisfied === false ? "不满意" : "满意"),
            ])
          : [
              row("回访人 / 时间", " "),
              row("客户意见", " "),
              row("满意程度", "□ 满意  □ 基本满意  □ 不满意"),
            ]),
      ];
      return {
        title: DEFAULTS.callback_form.title,
        rows,
        ticketId: t.id,
        workOrderId: null,
        preparedBy: callbacks.at(-1)?.actorName ?? t.firstResponder?.name ?? null,
        back: `/tickets/${t.id}`,
      };
    }
  }
}

/** A record as its standard form, for whoever may read the record. */
export async function standardForm(
  ctx: Ctx,
  kind: FormKind,
  id: string,
): Promise<StandardForm & { ticketId: string; workOrderId: string | null }> {
  const { orgId } = ctx.actor;
  const { timeZone } = await officeCalendar(ctx.db, orgId);
  const at = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat("sv-SE", {
          timeZone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        }).format(new Date(iso))
      : "—";
  const c = await content(ctx, kind, id, at);
  const [[setting], [org], scans] = await Promise.all([
    ctx.db
      .select()
      .from(formSettings)
      .where(and(eq(formSettings.orgId, orgId), eq(formSettings.kind, kind))),
    ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)),
    ctx.db
      .select({ id: attachments.id, fileName: attachments.fileName, createdAt: attachments.createdAt })
      .from(formScans)
      .innerJoin(
        attachments,
        and(eq(attachments.orgId, formScans.orgId), eq(attachments.id, formScans.attachmentId)),
      )
      .where(and(eq(formScans.orgId, orgId), eq(formScans.kind, kind), eq(formScans.recordId, id)))
      .orderBy(asc(formScans.createdAt)),
  ]);
  return {
    kind,
    organization: org.name,
    title: c.title,
    formNo: setting.formNo,
    version: setting.version,
    rows: c.rows,
    footer: c.footer ?? null,
    boxes: FORM_BOXES.filter((b) => setting.boxes.includes(b)).map((box) => ({
      box,
      label: BOX_LABELS[box],
      name: box === "prepared" ? c.preparedBy : null,
    })),
    scans: scans.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    back: c.back,
    ticketId: c.ticketId,
    workOrderId: c.workOrderId,
  };
}

const FONT = createRequire(import.meta.url).resolve(
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);
let font: Promise<Buffer> | undefined;

/** The form on A4 paper, as PDF: heading, form number and version, the rows, signatures, the boxes. */
export async function formPdf(ctx: Ctx, kind: FormKind, id: string): Promise<{ name: string; pdf: Buffer }> {
  const form = await standardForm(ctx, kind, id);
  font ??= readFile(FONT);
  const images = new Map<string, Buffer>();
  for (const r of form.rows)
    if (r.signatureId) {
      const [a] = await ctx.db
        .select({ sha256: attachments.sha256 })
        .from(attachments)
        .where(and(eq(attachments.orgId, ctx.actor.orgId), eq(attachments.id, r.signatureId)));
      const image = a && (await readFile(filePath(ctx.filesDir, a.sha256)).catch(() => null));
      if (image) images.set(r.signatureId, image);
    }
  const doc = new PDFDocument({
    size: "A4",
    margin: 40,
    info: {
      Title: `${form.organization} ${form.title}`,
      Subject: `${form.formNo} ${form.version}`,
      Author: form.organization,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on("end", resolve));
  doc.registerFont("cjk", await font);
  doc.font("cjk");
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc
    .fontSize(9)
    .text(`表单编号：${form.formNo}    版本：${form.version}`, left, 30, { width, align: "right" });
  doc.fontSize(16).text(`${form.organization} ${form.title}`, left, 56, { width, align: "center" });
  let y = doc.y + 12;
  const labelWidth = width * 0.26;
  const pad = 5;
  doc.fontSize(10.5);
  for (const r of form.rows) {
    const image = r.signatureId ? images.get(r.signatureId) : undefined;
    const textHeight = doc.heightOfString(r.value, { width: width - labelWidth - pad * 2 });
    const height =
      Math.max(textHeight, doc.heightOfString(r.label, { width: labelWidth - pad * 2 })) +
      pad * 2 +
      (image ? 56 : 0);
    if (y + height > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.rect(left, y, labelWidth, height).fillAndStroke("#f5f5f5", "#333");
    doc.rect(left + labelWidth, y, width - labelWidth, height).stroke("#333");
    doc.fillColor("#000").text(r.label, left + pad, y + pad, { width: labelWidth - pad * 2 });
    if (image) doc.image(image, left + labelWidth + pad, y + pad, { height: 50 });
    doc.text(r.value, left + labelWidth + pad, y + pad + (image ? 56 : 0), {
      width: width - labelWidth - pad * 2,
    });
    y += height;
  }
  if (form.footer) {
    doc.fontSize(9.5).text(form.footer, left, y + 8, { width });
    y = doc.y;
  }
  if (form.boxes.length) {
    const boxHeight = 44;
    if (y + 16 + boxHeight > bottom()) {
      doc.addPage();
      y = doc.page.margins.top - 16;
    }
    const boxWidth = width / form.boxes.length;
    doc.fontSize(10.5);
    form.boxes.forEach((b, i) => {
      const x = left + i * boxWidth;
      doc.rect(x, y + 16, boxWidth, boxHeight).stroke("#333");
      doc.text(`${b.label}：${b.name ?? ""}`, x + pad, y + 16 + pad, { width: boxWidth - pad * 2 });
      doc
        .fontSize(8.5)
        .fillColor("#666")
        .text("日期：", x + pad, y + 16 + boxHeight - 16, { width: boxWidth - pad * 2 });
      doc.fontSize(10.5).fillColor("#000");
    });
  }
  doc.end();
  await ended;
  await writeAudit(ctx.db, ctx, {
    action: "records.form_printed",
    entityType: "ticket",
    entityId: form.ticketId,
    after: { kind, recordId: id, formNo: form.formNo, version: form.version },
  });
  const number = form.rows[0]?.value ?? id;
  return { name: `${form.title}-${number}.pdf`, pdf: Buffer.concat(chunks) };
}

/** Scans of signed paper forms: PDF or an image, checked as other attachments. */
const SCAN_TYPES = ["application/pdf", "image/jpeg", "image/png"];

/** Attaches the signed paper original of a form, scanned, to the record's ticket (C154). */
export async function attachFormScan(
  ctx: Ctx,
  kind: FormKind,
  id: string,
  file: { fileName: string; mimeType: string; content: Buffer; maxBytes: number },
) {
  if (!can(ctx.actor, "ticket.handle") && !can(ctx.actor, "records.manage"))
    requireCapability(ctx.actor, "ticket.handle");
  assertAttachable(file, SCAN_TYPES);
  const form = await standardForm(ctx, kind, id);
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicketBehind(tx, ctx, form.ticketId);
    assertNotArchived(ticket);
    const attachment = await insertAttachment(tx, ctx, ticket, file, form.workOrderId);
    await tx.insert(formScans).values({
      orgId: ctx.actor.orgId,
      kind,
      recordId: id,
      attachmentId: attachment.id,
      createdBy: actorUserId(ctx.actor),
    });
    return attachment;
  });
}
