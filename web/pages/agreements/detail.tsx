import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Descriptions, Empty, Input, Result, Row, Space, Statistic, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { WorkOrderStatus } from "../../../common/enums";
import { formatShare } from "../../../common/format";
import type { TerminateInput } from "../../../common/schemas/agreements";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { WorkOrderStatusTag } from "../../components/work-order-tags";
import { ApiError, get, post } from "../../lib/api";
import { formatTime } from "../../lib/format";
import { hasCapability, useMe } from "../../lib/session";
import { type Agreement, AgreementStateTag } from "./agreements-table";

type Visit = {
  id: string;
  seq: number;
  dueOn: string;
  workOrderId: string | null;
  workOrderNumber: string | null;
  workOrderStatus: WorkOrderStatus | null;
  doneOn: string | null;
  onTime: boolean | null;
};
type Detail = Agreement & {
  owner: string | null;
  visits: Visit[];
  fulfilment: {
    visitsDue: number;
    visitsDone: number;
    visitsOnTime: number;
    arrivals: number;
    arrivalsMet: number | null;
  };
};

/**
 * One service agreement (C082): its terms, its scheduled visits (C080) with their work orders, and
 * how it was kept — visits done by their day, arrivals within the committed hours.
 */
export default function AgreementPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { setOpen, dialog } = useFormDialog<TerminateInput>();
  const query = useQuery({
    queryKey: ["agreements", id],
    queryFn: () => get<Detail>(`/api/agreements/${id}`),
  });
  const a = query.data;
  if (query.error)
    return (
      <Result
        status={query.error instanceof ApiError && query.error.status === 404 ? "404" : "error"}
        title={query.error.message}
        extra={<Link to="/agreements">{t("common.back")}</Link>}
      />
    );
  if (!a) return <Card loading />;
  const f = a.fulfilment;
  const hoursText = (h: number | null) => (h ? t("agreement.hoursN", { n: h }) : "—");
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            {a.contractNo}
            <AgreementStateTag state={a.state} />
          </Space>
        }
        extra={
          hasCapability(me, "workorder.dispatch") &&
          !a.terminatedAt && (
            <Button
              danger
              onClick={() =>
                setOpen({
                  title: t("agreement.terminate"),
                  save: (v) =>
                    post(`/api/agreements/${id}/terminate`, v).then(() =>
                      queryClient.invalidateQueries({ queryKey: ["agreements"] }),
                    ),
                })
              }
            >
              {t("agreement.terminate")}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("ticket.customer")}>
            <Link to={`/customers/${a.customerId}`}>{a.customer}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("agreement.title")}>{a.title}</Descriptions.Item>
          <Descriptions.Item label={t("agreement.term")}>{`${a.startsOn} ~ ${a.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t("workOrder.siteAddress")}>{a.siteAddress}</Descriptions.Item>
          <Descriptions.Item label={t("agreement.visits")}>
            {a.visitsPerYear
              ? t("agreement.visitsPerYearN", { n: a.visitsPerYear, kind: t(`workOrderKind.${a.visitKind}`) })
              : "—"}
            {a.visitsPerYear > 0 && ` · ${t("agreement.leadDaysN", { n: a.leadDays })}`}
          </Descriptions.Item>
          <Descriptions.Item label={t("agreement.warrantyMonths")}>
            {a.warrantyMonths
              ? t("agreement.monthsN", { n: a.warrantyMonths })
              : t("agreement.defaultWarranty")}
          </Descriptions.Item>
          <Descriptions.Item label={t("agreement.responseHours")}>
            {hoursText(a.responseHours)}
          </Descriptions.Item>
          <Descriptions.Item label={t("agreement.arrivalHours")}>
            {hoursText(a.arrivalHours)}
          </Descriptions.Item>
          <Descriptions.Item label={t("agreement.owner")}>{a.owner ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("agreement.priceTerms")}>{a.priceTerms ?? "—"}</Descriptions.Item>
          {a.terminatedAt && (
            <Descriptions.Item label={t("agreement.terminatedAt")}>
              {formatTime(a.terminatedAt)} {a.terminationReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t("agreement.fulfilment")}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t("agreement.visitsDue")} value={f.visitsDue} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("agreement.visitsDone")} value={f.visitsDone} suffix={`/ ${f.visitsDue}`} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("agreement.visitsOnTime")} value={formatShare(f.visitsOnTime, f.visitsDue)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t("agreement.arrivalsMet")}
              value={f.arrivalsMet === null ? "—" : formatShare(f.arrivalsMet, f.arrivals)}
              suffix={f.arrivals ? t("agreement.ofJobs", { n: f.arrivals }) : undefined}
            />
          </Col>
        </Row>
      </Card>
      <Card title={t("agreement.schedule")}>
        <ResponsiveTable<Visit>
          dataSource={a.visits}
          emptyText={<Empty description={t("agreement.noVisits")} />}
          scrollX={600}
          columns={[
            { title: "#", render: (_, v) => v.seq },
            { title: t("agreement.dueOn"), render: (_, v) => v.dueOn },
            {
              title: t("workOrder.number"),
              render: (_, v) =>
                v.workOrderId ? (
                  <Link to={`/work-orders/${v.workOrderId}`}>{v.workOrderNumber}</Link>
                ) : (
                  <Tag>{t("agreement.notYetScheduled")}</Tag>
                ),
            },
            {
              title: t("agreement.state"),
              render: (_, v) => (v.workOrderStatus ? <WorkOrderStatusTag status={v.workOrderStatus} /> : "—"),
            },
            {
              title: t("agreement.doneOn"),
              render: (_, v) =>
                v.doneOn ? (
                  <Space size={4}>
                    {v.doneOn}
                    <Tag color={v.onTime ? "green" : "red"}>
                      {t(v.onTime ? "agreement.onTime" : "agreement.late")}
                    </Tag>
                  </Space>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Card>
      {dialog(
        <RequiredField name="reason" label={t("dialog.reason")}>
          <Input.TextArea rows={3} />
        </RequiredField>,
      )}
    </Space>
  );
}
