import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { useParams } from "react-router";
import type { StandardForm } from "../../../common/schemas/records";
import { PrintDocument } from "../../components/print-document";
import { get } from "../../lib/api";

/**
 * A record as the company's standard form (C154) — 售后服务记录, 客户产品返修收据, 客户抱怨处理表,
 * 客户回访记录表 — as the server makes it: on screen, printed, or as PDF; with its signed scans.
 */
export default function StandardFormPage() {
  const { kind, id } = useParams<{ kind: string; id: string }>();
  const formUrl = `/api/forms/${kind}/${id}`;
  const form = useQuery({ queryKey: ["form", kind, id], queryFn: () => get<StandardForm>(formUrl) });
  if (!form.data) return <Card loading />;
  return <PrintDocument form={form.data} formUrl={formUrl} testId={`form-${kind}`} />;
}
