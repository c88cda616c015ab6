import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CHECKLIST_PHASES } from "../../../../common/enums";
import { CHECK_ABILITY, settlementTotal } from "../../../../common/field-service";
import { formatFen, yuanToFen } from "../../../../common/format";
import type {
  Engineer,
  ServiceReportInput,
  WorkOrderDetail,
  WorkOrderStep,
  WorkOrderStepInput,
} from "../../../../common/schemas/field-service";
import { useFormDialog } from "../../../components/form-dialog";
import { RepairReturnActions } from "../../../components/repair-return-actions";
import { RequiredField } from "../../../components/required-field";
import { SignaturePad, type SignaturePadHandle } from "../../../components/signature-pad";
import { UploadButton } from "../../../components/upload-button";
import { RepairReturnStatusTag, WarrantyTag, WorkOrderStatusTag } from "../../../components/work-order-tags";
import { ApiError, get, post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { hasCapability, useMe } from "../../../lib/session";
import { RecordInspection } from "../../quality/record";
import { AppointmentField } from "./components/appointment-field";

type StockRow = { partId: string; code: string; name: string; available: number };
/** A step's body: optional when the step can take an empty one (arrive, depart, return…). */
type StepBody<S extends WorkOrderStep> =
  undefined extends WorkOrderStepInput<S>
    ? [WorkOrderStepInput<S>?]
    : Partial<WorkOrderStepInput<S>> extends WorkOrderStepInput<S>
      ? [WorkOrderStepInput<S>?]
      : [WorkOrderStepInput<S>];

/** What the work order's dialogs hold, each sending its step's fields: times as picked, money in yuan. */
type StepForm = {
  engineerId: string;
  appointmentAt: Dayjs;
  expectedAt: Dayjs;
  reason: string;
  note: string;
  partId: string;
  quantity: number;
  signerName: string;
  opinion?: string;
  satisfied: boolean;
  accessories?: string;
  condition?: string;
  fault?: string;
  expectedBackOn?: Dayjs;
  noSignatureReason?: string;
  labour?: number;
  travel?: number;
  voucherNo: string;
};

type DialogKind =
  | "dispatch"
  | "decline"
  | "cancel"
  | "plan"
  | "use"
  | "sign"
  | "takeBack"
  | "complete"
  | "returnReport"
  | "refuseApproval"
  | "settle"
  | "delay"
  | "noShow";
const big = { size: "large" as const, block: true };

/** A target of the work order's kind (C081): due by when, and whether it was met or is overdue. */
function TargetTag({ label, due, doneAt }: { label: string; due: string; doneAt: string | null }) {
  const late = doneAt ? doneAt > due : dayjs().isAfter(due);
  return (
    <Tag color={late ? "red" : doneAt ? "green" : "default"}>
      {label} {formatTime(due)}
    </Tag>
  );
}

/** 售后服务记录 with where its review stands (C073): due date, with the supervisor, sent back, archived. */
function ReportTitle({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      {t("workOrder.serviceRecord")}
      {order.reportStatus ? (
        <Tag color={{ submitted: "blue", approved: "green", returned: "red" }[order.reportStatus]}>
          {t(`workOrder.report_${order.reportStatus}`)}
        </Tag>
      ) : (
        order.reportDueOn && <Tag color="orange">{t("workOrder.reportDue", { date: order.reportDueOn })}</Tag>
      )}
      {order.reportStatus === "returned" && order.reportComment && (
        <Typography.Text type="danger">{order.reportComment}</Typography.Text>
      )}
    </Space>
  );
}

/**
 * A work order (派工单): the dispatcher assigns it, the engineer works through it on a phone — accept,
 * leave, check in, record, use parts, photos, the customer's signature, completion — and finance
 * confirms the settlement.
 */
export default function WorkOrderPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const isPhone = !Grid.useBreakpoint().md;
  const { setOpen, dialog } = useFormDialog<StepForm>();
  const [kind, setKind] = useState<DialogKind>("dispatch");
  const [phone, setPhone] = useState<string | null>(null);
  const signature = useRef<SignaturePadHandle>(null);
  const [reportForm] = Form.useForm<ServiceReportInput>();
  const key = ["work-orders", id];
  const order = useQuery({ queryKey: key, queryFn: () => get<WorkOrderDetail>(`/api/work-orders/${id}`) });
  const w = order.data;
  const dispatching = Boolean(w?.abilities.dispatch);
  const suggestions = useQuery({
    queryKey: ["work-orders", id, "suggestions"],
    queryFn: () => get<Engineer[]>(`/api/work-orders/${id}/suggestions`),
    enabled: dispatching,
  });
  const usingParts = Boolean(w && (w.abilities.planPart || w.abilities.onSite));
  const stock = useQuery({
    queryKey: ["stock", w?.servicePointId],
    queryFn: () => get<StockRow[]>(`/api/stock?servicePointId=${w!.servicePointId}`),
    enabled: usingParts,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["work-orders"] });
  /** One step of the work order, with the body common/schemas says that step takes (none if it needs none). */
  const act = <S extends WorkOrderStep>(step: S, ...[body]: StepBody<S>) =>
    post(`/api/work-orders/${id}/${step}`, body ?? {}).then(refresh);
  const run = <S extends WorkOrderStep>(step: S, ...body: StepBody<S>) => act(step, ...body).catch(showError);
  const open = (k: DialogKind, title: string, save: (v: StepForm) => Promise<unknown>, initial?: object) => {
    setKind(k);
    setOpen({ title, save, initial, width: k === "sign" || k === "takeBack" ? 680 : undefined });
  };

  if (order.error) {
    const status = order.error instanceof ApiError ? order.error.status : 500;
    return (
      <Result
        status={status === 404 ? "404" : "error"}
        title={order.error.message}
        extra={<Link to="/my-work-orders">{t("common.back")}</Link>}
      />
    );
  }
  if (!w) return <Card loading />;
  const can = w.abilities;
  const partOptions = (stock.data ?? []).map((s) => ({
    value: s.partId,
    label: `${s.code} ${s.name}（${t("stock.available")} ${s.available}）`,
  }));
  const partFields = (
    <>
      <RequiredField name="partId" label={t("stock.part")}>
        <Select showSearch optionFilterProp="label" options={partOptions} />
      </RequiredField>
      <RequiredField name="quantity" label={t("stock.quantity")}>
        <InputNumber min={1} precision={0} style={{ width: "100%" }} />
      </RequiredField>
    </>
  );
  const fields: Record<DialogKind, React.ReactNode> = {
    dispatch: (
      <>
        <RequiredField name="engineerId" label={t("workOrder.engineer")}>
          <Radio.Group style={{ display: "flex", flexDirection: "column", gap: 8 }}>
            {(suggestions.data ?? []).map((e, i) => (
              <Radio key={e.id} value={e.id}>
                <Space wrap size={4} data-testid={`engineer-${e.name}`}>
                  <strong>{e.name}</strong>
                  {i === 0 && <Tag color="green">{t("dispatch.suggested")}</Tag>}
                  <span>{e.servicePoint ?? "—"}</span>
                  {e.regionMatch && <Tag color="blue">{t("dispatch.sameRegion")}</Tag>}
                  {Boolean(e.skillMatch) && <Tag>{t("dispatch.skilled")}</Tag>}
                  <span>{t("dispatch.load", { n: e.load })}</span>
                  {e.overdueTools.length > 0 && (
                    <Tag color="red">{t("dispatch.toolsOverdue", { tools: e.overdueTools.join("、") })}</Tag>
                  )}
                </Space>
              </Radio>
            ))}
          </Radio.Group>
        </RequiredField>
        <AppointmentField workOrderId={w.id} label={t("workOrder.appointment")} />
      </>
    ),
    decline: (
      <RequiredField name="reason" label={t("dialog.reason")}>
        <Input.TextArea rows={3} />
      </RequiredField>
    ),
    cancel: (
      <RequiredField name="reason" label={t("dialog.reason")}>
        <Input.TextArea rows={3} />
      </RequiredField>
    ),
    plan: partFields,
    use: partFields,
    sign: (
      <>
        <SignaturePad ref={signature} />
        <RequiredField name="signerName" label={t("workOrder.signerName")} />
        <RequiredField name="satisfied" label={t("workOrder.satisfied")}>
          <Radio.Group
            options={[
              { value: true, label: t("workOrder.satisfiedYes") },
              { value: false, label: t("workOrder.satisfiedNo") },
            ]}
          />
        </RequiredField>
        <Form.Item name="opinion" label={t("workOrder.opinion")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </>
    ),
    takeBack: (
      <>
        <Typography.Paragraph type="secondary">{t("repairReturn.takeBackHelp")}</Typography.Paragraph>
        <RequiredField name="fault" label={t("repairReturn.fault")}>
          <Input.TextArea rows={2} />
        </RequiredField>
        <Form.Item name="accessories" label={t("repairReturn.accessories")}>
          <Input />
        </Form.Item>
        <Form.Item name="condition" label={t("repairReturn.condition")}>
          <Input />
        </Form.Item>
        <Form.Item name="expectedBackOn" label={t("repairReturn.expectedBackOn")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <SignaturePad ref={signature} />
        <RequiredField name="signerName" label={t("workOrder.signerName")} />
      </>
    ),
    complete: (
      <>
        {!w.signatureAttachmentId && (
          <RequiredField name="noSignatureReason" label={t("workOrder.noSignatureReason")}>
            <Input.TextArea rows={2} />
          </RequiredField>
        )}
        {w.chargeable && (
          <>
            <Form.Item name="labour" label={t("workOrder.labour")}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="travel" label={t("workOrder.travel")}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: "100%" }} />
            </Form.Item>
          </>
        )}
        <Typography.Text type="secondary">{t("workOrder.completeHelp")}</Typography.Text>
      </>
    ),
    settle: <RequiredField name="voucherNo" label={t("workOrder.voucherNo")} />,
    refuseApproval: (
      <RequiredField name="note" label={t("workOrder.approvalNote")}>
        <Input.TextArea rows={3} />
      </RequiredField>
    ),
    delay: (
      <>
        <Typography.Paragraph type="secondary">{t("workOrder.delayHelp")}</Typography.Paragraph>
        <RequiredField name="expectedAt" label={t("workOrder.expectedAt")}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
        </RequiredField>
        <Form.Item name="note" label={t("workOrder.delayNote")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </>
    ),
    noShow: (
      <>
        <Typography.Paragraph type="secondary">{t("workOrder.noShowHelp")}</Typography.Paragraph>
        <RequiredField name="note" label={t("workOrder.noShowNote")}>
          <Input.TextArea rows={2} />
        </RequiredField>
        <AppointmentField workOrderId={w.id} label={t("workOrder.newAppointment")} />
      </>
    ),
    returnReport: (
      <RequiredField name="comment" label={t("workOrder.reviewComment")}>
        <Input.TextArea rows={3} />
      </RequiredField>
    ),
  };

  const actions = (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can.approve && (
        <>
          <Button {...big} type="primary" onClick={() => run("approval", { approve: true })}>
            {t("workOrder.approve")}
          </Button>
          <Button
            {...big}
            danger
            onClick={() =>
              open("refuseApproval", t("workOrder.refuseApproval"), (v) =>
                act("approval", { approve: false, ...v }),
              )
            }
          >
            {t("workOrder.refuseApproval")}
          </Button>
        </>
      )}
      {dispatching && (
        <Button
          {...big}
          type="primary"
          onClick={() =>
            open(
              "dispatch",
              t("workOrder.dispatch"),
              (v) =>
                act("dispatch", { engineerId: v.engineerId, appointmentAt: v.appointmentAt.toISOString() }),
              // The customer's preferred time is the first proposal for the appointment.
              {
                engineerId: suggestions.data?.[0]?.id,
                appointmentAt:
                  w.preferredAt && dayjs(w.preferredAt).isAfter(dayjs()) ? dayjs(w.preferredAt) : undefined,
              },
            )
          }
        >
          {t("workOrder.dispatch")}
        </Button>
      )}
      {can.respond && (
        <>
          <Button {...big} type="primary" onClick={() => run("respond", { accept: true })}>
            {t("workOrder.accept")}
          </Button>
          <Button
            {...big}
            onClick={() =>
              open("decline", t("workOrder.decline"), (v) => act("respond", { accept: false, ...v }))
            }
          >
            {t("workOrder.decline")}
          </Button>
        </>
      )}
      {can.notifyDelay && (
        <Button
          {...big}
          onClick={() =>
            open(
              "delay",
              t("workOrder.notifyDelay"),
              (v) => act("delay", { ...v, expectedAt: v.expectedAt.toISOString() }),
              { expectedAt: dayjs(w.appointmentAt).add(30, "minute") },
            )
          }
        >
          {t("workOrder.notifyDelay")}
        </Button>
      )}
      {can.recordNoShow && (
        <Button
          {...big}
          danger
          onClick={() =>
            open(
              "noShow",
              t("workOrder.recordNoShow"),
              (v) => act("no-show", { ...v, appointmentAt: v.appointmentAt.toISOString() }),
              // Tomorrow at the missed appointment's hour, to be agreed with the customer.
              {
                appointmentAt: dayjs()
                  .add(1, "day")
                  .hour(dayjs(w.appointmentAt).hour())
                  .minute(dayjs(w.appointmentAt).minute()),
              },
            )
          }
        >
          {t("workOrder.recordNoShow")}
        </Button>
      )}
      {can.depart && (
        <Button {...big} onClick={() => run("depart")}>
          {t("workOrder.depart")}
        </Button>
      )}
      {can.arrive && (
        <Button {...big} type="primary" onClick={() => run("arrive")} data-testid="arrive">
          {t("workOrder.arrive")}
        </Button>
      )}
      {can.onSite && (
        <>
          <Button
            {...big}
            onClick={() => open("use", t("workOrder.usePart"), (v) => act("use-part", v), { quantity: 1 })}
          >
            {t("workOrder.usePart")}
          </Button>
          <UploadButton url={`/api/work-orders/${id}/photos`} accept="image/*" onDone={refresh}>
            <Button {...big}>{t("workOrder.addPhoto")}</Button>
          </UploadButton>
          <Button
            {...big}
            onClick={() =>
              open(
                "sign",
                t("workOrder.sign"),
                async (v) => {
                  if (signature.current?.isEmpty()) throw new Error(t("workOrder.signFirst"));
                  await act("sign", { ...v, image: signature.current!.toDataURL() });
                },
                { signerName: w.contactName ?? undefined, satisfied: true },
              )
            }
          >
            {w.signedAt ? t("workOrder.signAgain") : t("workOrder.sign")}
          </Button>
          {can.takeBack && (
            <Button
              {...big}
              onClick={() =>
                open(
                  "takeBack",
                  t("repairReturn.takeBack"),
                  async (v) => {
                    if (signature.current?.isEmpty()) throw new Error(t("workOrder.signFirst"));
                    await act("take-back", {
                      ...v,
                      expectedBackOn: v.expectedBackOn?.format("YYYY-MM-DD"),
                      image: signature.current!.toDataURL(),
                    });
                  },
                  { fault: w.fault, signerName: w.contactName ?? undefined },
                )
              }
            >
              {t("repairReturn.takeBack")}
            </Button>
          )}
          <Button
            {...big}
            type="primary"
            onClick={() =>
              open("complete", t("workOrder.complete"), (v) =>
                act("complete", {
                  noSignatureReason: v.noSignatureReason,
                  labourFen: yuanToFen(v.labour) ?? 0,
                  travelFen: yuanToFen(v.travel) ?? 0,
                }),
              )
            }
          >
            {t("workOrder.complete")}
          </Button>
        </>
      )}
      {can.returnFromSite && (
        <Button {...big} onClick={() => run("return")}>
          {t("workOrder.return")}
        </Button>
      )}
      {can.submitReport && (
        <Button {...big} type="primary" onClick={() => run("submit-report")}>
          {t("workOrder.submitReport")}
        </Button>
      )}
      {can.reviewReport && (
        <>
          <Button {...big} type="primary" onClick={() => run("review-report", { approve: true })}>
            {t("workOrder.approveReport")}
          </Button>
          <Button
            {...big}
            onClick={() =>
              open("returnReport", t("workOrder.returnReport"), (v) =>
                act("review-report", { approve: false, ...v }),
              )
            }
          >
            {t("workOrder.returnReport")}
          </Button>
        </>
      )}
      {can.planPart && (
        <Button
          {...big}
          onClick={() => open("plan", t("workOrder.planPart"), (v) => act("plan-part", v), { quantity: 1 })}
        >
          {t("workOrder.planPart")}
        </Button>
      )}
      {can.settle && (
        <Button
          {...big}
          type="primary"
          onClick={() => open("settle", t("workOrder.settle"), (v) => act("settle", v))}
        >
          {t("workOrder.settle")}
        </Button>
      )}
      {w.status === "completed" && (
        <Link to={`/forms/service_report/${id}`}>
          <Button {...big}>{t("workOrder.report")}</Button>
        </Link>
      )}
      {can.cancel && (
        <Button
          {...big}
          danger
          onClick={() => open("cancel", t("workOrder.cancel"), (v) => act("cancel", v))}
        >
          {t("workOrder.cancel")}
        </Button>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={
          <Space wrap>
            <span data-testid="work-order-number">{w.number}</span>
            <WorkOrderStatusTag status={w.status} />
          </Space>
        }
        extra={
          hasCapability(me, "qa.inspect") && (
            <RecordInspection work={{ workOrderId: w.id, number: w.number, agentId: w.engineerId }} />
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("workOrder.kind")}>{t(`workOrderKind.${w.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("workOrder.warranty")}>
            <WarrantyTag order={w} />
            {w.warrantyEndsOn && t("workOrder.warrantyEnds", { date: w.warrantyEndsOn })}
          </Descriptions.Item>
          <Descriptions.Item label={t("workOrder.ticket")}>
            <Link to={`/tickets/${w.ticketId}`}>{w.ticketNumber}</Link> {w.ticketTitle}
          </Descriptions.Item>
          <Descriptions.Item label={t("ticket.customer")}>{w.customer ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("workOrder.contact")}>
            <Space wrap>
              {w.contactName}
              {phone ? <a href={`tel:${phone}`}>{phone}</a> : w.contactPhone}
              {w.contactPhone && !phone && can.revealContact && (
                <Button
                  size="small"
                  onClick={() =>
                    get<{ mobile: string | null; phone: string | null }>(
                      `/api/work-orders/${id}/contact`,
                    ).then((c) => setPhone(c.mobile ?? c.phone), showError)
                  }
                >
                  {t("workOrder.showPhone")}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("workOrder.siteAddress")}>
            {/* Opens the site in 高德地图 (the app on a phone, the web elsewhere). */}
            <a
              href={`https://uri.amap.com/search?keyword=${encodeURIComponent(w.siteAddress)}`}
              target="_blank"
              rel="noreferrer"
              data-testid="site-map"
            >
              {w.siteAddress}
            </a>
          </Descriptions.Item>
          <Descriptions.Item label={t("workOrder.product")}>
            {[w.product, w.model, w.serialNo].filter(Boolean).join(" · ")}
          </Descriptions.Item>
          <Descriptions.Item label={t("workOrder.fault")}>{w.fault}</Descriptions.Item>
          {w.approvalStatus && (
            <Descriptions.Item label={t("workOrder.approval")}>
              <Tag color={{ pending: "gold", approved: "green", rejected: "red" }[w.approvalStatus]}>
                {t(`workOrder.approval_${w.approvalStatus}`)}
              </Tag>
              {formatFen(w.estimateFen)} {w.approvalNote}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("workOrder.servicePoint")}>
            {w.servicePoint ?? "—"}
            {w.outOfRegion && <Tag color="red">{t("workOrder.outOfRegion")}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("workOrder.engineer")}>{w.engineer ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("workOrder.appointment")}>
            {formatTime(w.appointmentAt)}
            {w.delayExpectedAt && !w.arrivedAt && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                {t("workOrder.delayNotified", { time: formatTime(w.delayExpectedAt) })}
              </Tag>
            )}
          </Descriptions.Item>
          {w.arrivedAt && (
            <Descriptions.Item label={t("workOrder.arrivedAt")}>
              {formatTime(w.arrivedAt)}{" "}
              {w.lateMinutes ? (
                <Tag color="red">{t("workOrder.late", { n: w.lateMinutes })}</Tag>
              ) : (
                <Tag color="green">{t("workOrder.onTime")}</Tag>
              )}
            </Descriptions.Item>
          )}
          {(w.arriveBy || w.completeBy) && (
            <Descriptions.Item label={t("workOrder.targets")}>
              <Space wrap size={4}>
                {w.arriveBy && (
                  <TargetTag label={t("workOrder.arriveBy")} due={w.arriveBy} doneAt={w.arrivedAt} />
                )}
                {w.completeBy && (
                  <TargetTag label={t("workOrder.completeBy")} due={w.completeBy} doneAt={w.completedAt} />
                )}
              </Space>
            </Descriptions.Item>
          )}
          {w.arrivals.length > 0 && (
            <Descriptions.Item label={t("workOrder.punctuality")} span={2}>
              <Space direction="vertical" size={2} data-testid="arrivals">
                {w.arrivals.map((a) => (
                  <Space key={a.id} wrap size={4}>
                    {formatTime(a.appointmentAt)} {a.engineer}
                    <Tag color={{ on_time: "green", late: "orange", no_show: "red" }[a.outcome]}>
                      {a.outcome === "late"
                        ? t("workOrder.late", { n: a.lateMinutes })
                        : t(`workOrder.arrival_${a.outcome}`)}
                    </Tag>
                    {a.outcome !== "on_time" &&
                      (a.violation ? (
                        <Tag color="red">{t("workOrder.uninformed")}</Tag>
                      ) : (
                        <Tag>{t("workOrder.informed")}</Tag>
                      ))}
                    {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
                  </Space>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {w.previousWorkOrderId && (
            <Descriptions.Item label={t("workOrder.repeatVisit")}>
              <Link to={`/work-orders/${w.previousWorkOrderId}`}>{t("workOrder.previous")}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t("workOrder.progress")} data-testid="progress">
        <Steps
          size="small"
          labelPlacement="vertical"
          responsive
          current={w.progress.findLastIndex((p) => p.at)}
          items={w.progress.map((p) => ({
            title: t(`workOrder.stage_${p.stage}`),
            status: p.skipped ? "wait" : p.at ? "finish" : "wait",
            description: p.skipped ? (
              t("workOrder.stageSkipped")
            ) : p.at ? (
              <Space direction="vertical" size={0}>
                <span>{formatTime(p.at)}</span>
                <span>{p.by}</span>
              </Space>
            ) : undefined,
          }))}
        />
      </Card>
      {w.checklist.length > 0 && (
        <Card title={t("kindSettings.checklist")} data-testid="checklist">
          {CHECKLIST_PHASES.map((phase) => {
            const items = w.checklist.map((c, index) => ({ ...c, index })).filter((c) => c.phase === phase);
            const open = can[CHECK_ABILITY[phase]];
            return (
              items.length > 0 && (
                <div key={phase} style={{ marginBottom: 12 }}>
                  <Typography.Text type="secondary">{t(`kindSettings.phase_${phase}`)}</Typography.Text>
                  {items.map((c) => (
                    <div key={c.index}>
                      <Checkbox
                        checked={Boolean(c.doneAt)}
                        disabled={!open}
                        onChange={(e) => run("checklist", { index: c.index, done: e.target.checked })}
                        style={{ padding: "6px 0" }}
                      >
                        {c.label}
                        {c.required && (
                          <Tag color="red" style={{ marginLeft: 8 }}>
                            {t("kindSettings.required")}
                          </Tag>
                        )}
                      </Checkbox>
                    </div>
                  ))}
                </div>
              )
            );
          })}
        </Card>
      )}
      {/* On a phone the actions stay at the bottom of the screen while the engineer reads the job. */}
      <Card
        title={t("common.actions")}
        data-testid="work-order-actions"
        style={
          isPhone
            ? { position: "sticky", bottom: 0, zIndex: 10, boxShadow: "0 -4px 12px rgba(0,0,0,.12)" }
            : {}
        }
      >
        {actions}
      </Card>
      {can.editReport && (
        <Card title={<ReportTitle order={w} />}>
          <Form form={reportForm} layout="vertical" initialValues={w} onFinish={(v) => run("report", v)}>
            {(
              [
                "diagnosis",
                "faultCause",
                "workDone",
                "testResult",
                "maintenanceAdvice",
                "technicalProblem",
              ] as const
            ).map((name) => (
              <Form.Item key={name} name={name} label={t(`workOrder.${name}`)}>
                <Input.TextArea rows={2} />
              </Form.Item>
            ))}
            <Button {...big} htmlType="submit">
              {t("common.save")}
            </Button>
          </Form>
        </Card>
      )}
      {!can.editReport && w.workDone && (
        <Card title={<ReportTitle order={w} />}>
          <Descriptions column={1} size="small">
            {(
              [
                "diagnosis",
                "faultCause",
                "workDone",
                "testResult",
                "maintenanceAdvice",
                "technicalProblem",
              ] as const
            )
              .filter((name) => w[name])
              .map((name) => (
                <Descriptions.Item key={name} label={t(`workOrder.${name}`)}>
                  {w[name]}
                </Descriptions.Item>
              ))}
          </Descriptions>
        </Card>
      )}
      {w.repairReturns.length > 0 && (
        <Card title={t("menu.repairReturns")}>
          <List
            dataSource={w.repairReturns}
            renderItem={(r) => (
              <List.Item data-testid={`repair-return-${r.number}`}>
                <Space direction="vertical" size={4}>
                  <Space wrap>
                    <strong>{r.number}</strong>
                    <RepairReturnStatusTag status={r.status} />
                    {t("repairReturn.receivedAt")} {formatTime(r.receivedAt)}
                    {r.expectedBackOn && `${t("repairReturn.expectedBackOn")} ${r.expectedBackOn}`}
                  </Space>
                  {r.repairNote && (
                    <span>
                      {t("repairReturn.repairNote")}：{r.repairNote}
                    </span>
                  )}
                  <RepairReturnActions item={r} onDone={refresh} />
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title={t("workOrder.parts")}>
        <List
          dataSource={w.parts}
          locale={{ emptyText: <Empty description={t("workOrder.noParts")} /> }}
          renderItem={(p) => (
            <List.Item data-testid={`part-${p.code}`}>
              <Space wrap>
                <strong>{p.code}</strong>
                {p.name}
                <Tag>{t("workOrder.reservedN", { n: p.reserved })}</Tag>
                <Tag color="blue">{t("workOrder.usedN", { n: p.used })}</Tag>
                {w.chargeable && formatFen(p.priceFen)}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {(w.photos.length > 0 || w.signatureAttachmentId) && (
        <Card title={t("workOrder.photos")}>
          <Space wrap>
            {w.photos.map((p) => (
              <a key={p.id} href={`/api/attachments/${p.id}`} target="_blank" rel="noreferrer">
                <img
                  src={`/api/attachments/${p.id}`}
                  alt={p.fileName}
                  style={{ height: 96, borderRadius: 4 }}
                />
              </a>
            ))}
            {w.signatureAttachmentId && (
              <div>
                <img
                  src={`/api/attachments/${w.signatureAttachmentId}`}
                  alt={t("workOrder.signature")}
                  data-testid="signature-image"
                  style={{ height: 96, border: "1px solid #eee" }}
                />
                <div>
                  {w.signerName} ·{" "}
                  {w.customerSatisfied ? t("workOrder.satisfiedYes") : t("workOrder.satisfiedNo")}
                </div>
              </div>
            )}
          </Space>
        </Card>
      )}
      {w.settlementStatus !== "none" && (
        <Card title={t("workOrder.settlement")}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("workOrder.labour")}>{formatFen(w.labourFen)}</Descriptions.Item>
            <Descriptions.Item label={t("workOrder.partsFee")}>{formatFen(w.partsFen)}</Descriptions.Item>
            <Descriptions.Item label={t("workOrder.travel")}>{formatFen(w.travelFen)}</Descriptions.Item>
            <Descriptions.Item label={t("workOrder.total")}>
              {formatFen(settlementTotal(w))}{" "}
              <Tag color={w.settlementStatus === "confirmed" ? "green" : "orange"}>
                {t(`workOrder.settlement_${w.settlementStatus}`)}
              </Tag>
              {w.voucherNo}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {dialog(fields[kind])}
    </Space>
  );
}
