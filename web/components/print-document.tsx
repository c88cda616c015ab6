import { Button, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatTime } from "../lib/format";
import { useMe } from "../lib/session";

const cell = {
  border: "1px solid #333",
  padding: "6px 8px",
  verticalAlign: "top" as const,
  wordBreak: "break-word" as const,
};
const head = { ...cell, width: "26%", background: "#f5f5f5" };

/** A time as Chinese paper forms write it: 2026-11-23 09:30. */
export const paperTime = (value: string | null | undefined) => formatTime(value).replace(/\//g, "-");

/**
 * A Chinese paper form (售后服务记录, 返修收据…) of labelled rows, printed or saved as PDF from the
 * browser's print dialog; the console around it is hidden in print.
 */
export function PrintDocument(props: {
  title: string;
  rows: [string, ReactNode][];
  back: string;
  testId: string;
  /** Below the table: signature lines, notes. */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <PrintButton primary />
        <Link to={props.back}>{t("common.back")}</Link>
      </Space>
      <div
        style={{ background: "#fff", padding: "16px 8px", maxWidth: 820, margin: "0 auto", color: "#000" }}
      >
        <h2 style={{ textAlign: "center", letterSpacing: 4 }}>{props.title}</h2>
        <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 14 }} data-testid={props.testId}>
          <tbody>
            {props.rows.map(([label, value]) => (
              <tr key={label}>
                <th style={head}>{label}</th>
                <td style={cell}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.footer}
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

/** A customer's signature drawn on screen, as a form shows it: the image, the name, the time. */
export function PaperSignature(props: { attachmentId: string; name: string | null; at: string | null }) {
  return (
    <Space direction="vertical" size={0}>
      <img src={`/api/attachments/${props.attachmentId}`} alt="客户签字" style={{ height: 80 }} />
      <span>
        {props.name} {paperTime(props.at)}
      </span>
    </Space>
  );
}
