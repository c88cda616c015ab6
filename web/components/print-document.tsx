import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { StandardForm } from "../../common/schemas/records";
import { formatTime } from "../lib/format";
import { useMe } from "../lib/session";
import { UploadButton } from "./upload-button";

const cell = {
  border: "1px solid #333",
  padding: "6px 8px",
  verticalAlign: "top" as const,
  wordBreak: "break-word" as const,
};
const head = { ...cell, width: "26%", background: "#f5f5f5" };

/** A time as Chinese paper forms write it: 2026-11-23 09:30. */
const paperTime = (value: string | null | undefined) => formatTime(value).replace(/\//g, "-");

/**
 * A record as the company's standard form (C154): the form number and version, the rows the server
 * made of the record, the customer's signature, the 制表/审查/核准 boxes — printed from the browser or
 * downloaded as the server's PDF of the same rows. Signed paper originals are scanned and attached.
 */
export function PrintDocument({
  form,
  formUrl,
  testId,
}: {
  form: StandardForm;
  formUrl: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        <PrintButton primary />
        <Button href={`${formUrl}/pdf`} target="_blank">
          {t("form.pdf")}
        </Button>
        <UploadButton
          url={`${formUrl}/scans`}
          accept="application/pdf,image/jpeg,image/png"
          onDone={() => {
            message.success(t("form.scanAttached"));
            void queryClient.invalidateQueries({ queryKey: ["form"] });
          }}
        >
          <Button>{t("form.attachScan")}</Button>
        </UploadButton>
        <Link to={form.back}>{t("common.back")}</Link>
      </Space>
      {form.scans.length > 0 && (
        <div className="no-print" style={{ marginBottom: 12 }} data-testid="form-scans">
          {t("form.scans")}：
          {form.scans.map((scan) => (
            <a key={scan.id} href={`/api/attachments/${scan.id}`} style={{ marginInlineEnd: 12 }}>
              {scan.fileName}（{formatTime(scan.createdAt)}）
            </a>
          ))}
        </div>
      )}
      <div
        style={{ background: "#fff", padding: "16px 8px", maxWidth: 820, margin: "0 auto", color: "#000" }}
      >
        <div style={{ textAlign: "right", fontSize: 12 }}>
          表单编号：{form.formNo}　版本：{form.version}
        </div>
        <h2 style={{ textAlign: "center", letterSpacing: 4 }}>
          {form.organization} {form.title}
        </h2>
        <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 14 }} data-testid={testId}>
          <tbody>
            {form.rows.map((r) => (
              <tr key={r.label}>
                <th style={head}>{r.label}</th>
                <td style={{ ...cell, whiteSpace: "pre-wrap" }}>
                  {r.signatureId && (
                    <img
                      src={`/api/attachments/${r.signatureId}`}
                      alt="客户签字"
                      style={{ height: 80, display: "block" }}
                    />
                  )}
                  {r.value}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {form.footer && <p style={{ marginTop: 12, fontSize: 13 }}>{form.footer}</p>}
        {form.boxes.length > 0 && (
          <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 14, marginTop: 16 }}>
            <tbody>
              <tr>
                {form.boxes.map((b) => (
                  <td key={b.box} style={{ ...cell, height: 56 }}>
                    {b.label}：{b.name}
                    <div style={{ fontSize: 11, color: "#666", marginTop: 8 }}>日期：</div>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** Prints the page, or saves it as PDF from the browser's print dialog (the console is left out). */
export function PrintButton({ primary }: { primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button type={primary ? "primary" : "default"} onClick={() => window.print()}>
      {t("common.print")}
    </Button>
  );
}

/**
 * A report's heading on paper only: the organisation, the report and its period, and when it was
 * printed — what the console's header and menu said on screen.
 */
export function PrintTitle({ title, period }: { title: string; period: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <div className="print-only" style={{ textAlign: "center", marginBottom: 12 }}>
      <h2 style={{ margin: 0, letterSpacing: 2 }}>
        {me?.org.name} {title}
      </h2>
      <div>
        {period} · {t("common.printedAt", { at: paperTime(new Date().toISOString()) })}
      </div>
    </div>
  );
}
