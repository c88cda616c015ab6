import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Empty, Form, Input, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CONSENT_SOURCES, DATA_REQUEST_KINDS, type DataRequestStatus } from "../../../common/enums";
import type { CloseDataRequestInput, DataRequest, DataRequestInput } from "../../../common/schemas/records";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { get, post, qs } from "../../lib/api";
import { formatTime } from "../../lib/format";

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<DataRequestStatus, string> = { open: "orange", done: "green", refused: "default" };
type Closing = { request: DataRequest; outcome: "done" | "refused" };

/**
 * A customer's correction and deletion requests (PIPL): on the customer's page, theirs, with a button
 * to log one; on the records page, everyone's. Closing is offered as the server allows it.
 */
export function DataRequests({ customerId, canLog }: { customerId?: string; canLog?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const log = useFormDialog<DataRequestInput>();
  const close = useFormDialog<{ note: string }>();
  const [closing, setClosing] = useState<Closing | null>(null);
  const query = qs({ page, pageSize: PAGE_SIZE });
  const url = customerId ? `/api/customers/${customerId}/data-requests` : "/api/records/data-requests";
  const list = useQuery({
    queryKey: ["data-requests", customerId ?? "all", query],
    queryFn: () => get<{ items: DataRequest[]; total: number }>(`${url}${query}`),
  });
  // Erasing changes the customer's page too.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["data-requests"] }),
      queryClient.invalidateQueries({ queryKey: ["customer"] }),
    ]);
  const openClose = (request: DataRequest, outcome: Closing["outcome"]) => {
    setClosing({ request, outcome });
    const erases = outcome === "done" && request.kind === "deletion";
    close.setOpen({
      title: t(`dataRequest.close.${outcome === "refused" ? "refused" : request.kind}`),
      ...(erases && { okText: t("dataRequest.done.deletion"), danger: true }),
      save: (v) =>
        post(`/api/records/data-requests/${request.id}/close`, {
          outcome,
          note: v.note,
        } satisfies CloseDataRequestInput).then(refresh),
    });
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {canLog && (
        <Button
          onClick={() =>
            log.setOpen({
              title: t("dataRequest.log"),
              initial: { kind: "correction", source: "phone" },
              save: (v) => post(`/api/customers/${customerId}/data-requests`, v).then(refresh),
            })
          }
        >
          {t("dataRequest.log")}
        </Button>
      )}
      <ResponsiveTable<DataRequest>
        dataSource={list.data?.items}
        loading={list.isLoading}
        emptyText={<Empty description={t("dataRequest.none")} />}
        scrollX={1000}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
        columns={[
          ...(customerId
            ? []
            : [
                {
                  title: t("ticket.customer"),
                  render: (_: unknown, r: DataRequest) => (
                    <Link to={`/customers/${r.customerId}`}>{r.customer}</Link>
                  ),
                },
              ]),
          {
            title: t("dataRequest.kindLabel"),
            render: (_, r) => (
              <Tag color={r.kind === "deletion" ? "red" : "blue"}>{t(`dataRequest.kind.${r.kind}`)}</Tag>
            ),
          },
          { title: t("dataRequest.details"), render: (_, r) => r.details },
          {
            title: t("dataRequest.received"),
            render: (_, r) =>
              `${r.receivedBy} · ${t(`consent.source.${r.source}`)} · ${formatTime(r.receivedAt)}`,
          },
          {
            title: t("dataRequest.statusLabel"),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[r.status]}>{t(`dataRequest.status.${r.status}`)}</Tag>
                {r.outcome && (
                  <Typography.Text type="secondary">
                    {`${r.closedBy ?? ""} · ${formatTime(r.closedAt)}：${r.outcome}`}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("common.actions"),
            render: (_, r) =>
              r.may.close && (
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    danger={r.kind === "deletion"}
                    onClick={() => openClose(r, "done")}
                  >
                    {t(`dataRequest.done.${r.kind}`)}
                  </Button>
                  <Button size="small" onClick={() => openClose(r, "refused")}>
                    {t("dataRequest.refuse")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {log.dialog(
        <>
          <Form.Item name="kind" label={t("dataRequest.kindLabel")}>
            <Radio.Group
              options={DATA_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dataRequest.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t("consent.sourceLabel")}>
            <Radio.Group
              options={CONSENT_SOURCES.map((s) => ({ value: s, label: t(`consent.source.${s}`) }))}
            />
          </Form.Item>
          <RequiredField name="details" label={t("dataRequest.details")}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t("dataRequest.detailsHint")} />
          </RequiredField>
        </>,
      )}
      {close.dialog(
        <>
          {closing?.outcome === "done" && closing.request.kind === "deletion" && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={t("dataRequest.eraseWarning", { name: closing.request.customer })}
            />
          )}
          <RequiredField
            name="note"
            label={t(closing?.outcome === "refused" ? "dataRequest.why" : "dataRequest.what")}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </RequiredField>
        </>,
      )}
    </Space>
  );
}
