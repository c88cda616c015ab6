import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DispatchBoard } from "../../../common/schemas/field-service";
import { WarrantyTag } from "../../components/work-order-tags";
import { get } from "../../lib/api";
import { formatTime } from "../../lib/format";

/**
 * 派工台 (C067): work orders waiting for an engineer, by service point, each with the suggested
 * engineer; and the engineers with their region, skills, load and today's appointments.
 */
export default function DispatchBoardPage() {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ["work-orders", "board"],
    queryFn: () => get<DispatchBoard>("/api/dispatch-board"),
  });
  const engineers = board.data?.engineers ?? [];
  const nameOf = (id: string | null) => engineers.find((e) => e.id === id)?.name;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t("dispatch.waiting")} loading={board.isLoading}>
          <List
            dataSource={board.data?.waiting}
            locale={{ emptyText: <Empty description={t("dispatch.noneWaiting")} /> }}
            renderItem={(w) => (
              <List.Item data-testid={`waiting-${w.number}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/work-orders/${w.id}`}>{w.number}</Link>
                      <Tag>{t(`workOrderKind.${w.kind}`)}</Tag>
                      <Tag color="blue">{w.servicePoint ?? "—"}</Tag>
                      {w.outOfRegion && <Tag color="red">{t("workOrder.outOfRegion")}</Tag>}
                      {w.declineCount > 0 && (
                        <Tag color="orange">{t("dispatch.declined", { n: w.declineCount })}</Tag>
                      )}
                      {w.previousWorkOrderId && <Tag color="purple">{t("workOrder.repeatVisit")}</Tag>}
                      {w.approvalStatus === "pending" && (
                        <Tag color="gold">{t("workOrder.approvalPending")}</Tag>
                      )}
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2}>
                      <span>
                        {w.customer ?? "—"} · {w.region ?? "—"} · {w.siteAddress}
                      </span>
                      <span>
                        {w.product} · {w.fault}
                      </span>
                      <Space wrap size={4}>
                        <WarrantyTag order={w} />
                        {w.preferredAt && (
                          <span>
                            {t("workOrder.preferredAt")}: {formatTime(w.preferredAt)}
                          </span>
                        )}
                        {w.suggested && (
                          <Tag color="green">
                            {t("dispatch.suggested")}: {nameOf(w.suggested)}
                          </Tag>
                        )}
                      </Space>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t("dispatch.engineers")} loading={board.isLoading}>
          <List
            dataSource={engineers}
            locale={{ emptyText: <Empty description={t("dispatch.noEngineers")} /> }}
            renderItem={(e) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <strong>{e.name}</strong>
                      <Tag color="blue">{e.servicePoint ?? t("dispatch.noPoint")}</Tag>
                      <Tag color={e.load ? "orange" : "green"}>{t("dispatch.load", { n: e.load })}</Tag>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2}>
                      <Typography.Text type="secondary">{e.regions.join("、") || "—"}</Typography.Text>
                      <Space wrap size={4}>
                        {e.skills.map((s) => (
                          <Tag key={s}>{t(`workOrderKind.${s}`, { defaultValue: s })}</Tag>
                        ))}
                      </Space>
                      {e.today.map((a) => (
                        <span key={a.number}>
                          {formatTime(a.appointmentAt).slice(-5)} {a.number}
                        </span>
                      ))}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
