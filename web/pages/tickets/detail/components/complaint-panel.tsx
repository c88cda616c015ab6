import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  CAUSE_CATEGORIES,
  COMPENSATION_KINDS,
  COMPLAINT_CLASSES,
  COMPLAINT_SEVERITIES,
  type ComplaintStep,
} from "../../../../../common/enums";
import { formatFen, yuanToFen } from "../../../../../common/format";
import type {
  CompensationInput,
  ComplaintDto,
  ComplaintInput,
  CompleteStepInput,
  DecisionInput,
  RejectStepInput,
} from "../../../../../common/schemas/complaints";
import { CompensationStatusTag, PayButton, RmaNextButton } from "../../../../components/compensation-actions";
import { useFormDialog } from "../../../../components/form-dialog";
import { RequiredField } from "../../../../components/required-field";
import { get, post } from "../../../../lib/api";
import { useShowError, validFields } from "../../../../lib/feedback";
import { formatTime } from "../../../../lib/format";
import { useFieldRules } from "../../../../lib/rules";
import { useDirectory } from "../api";
import { ComplaintCountersign } from "./complaint-countersign";
import { ComplaintDetails } from "./complaint-details";
import { ComplaintProposals } from "./complaint-proposals";

const SEVERITY_COLOR = { minor: "default", normal: "orange", major: "red" } as const;

/** The field each step records, e.g. root_cause → cause. */
const RECORD_FIELD: Partial<Record<ComplaintStep, string>> = {
  confirm: "facts",
  responsibility: "handling",
  root_cause: "cause",
  corrective: "action",
  preventive: "action",
  execution: "result",
  verification: "result",
  close: "documents",
  feedback: "message",
};

type OpenValues = Omit<ComplaintInput, "deliveryDate"> & { deliveryDate?: Dayjs };

function OpenComplaint({ ticketId, onDone }: { ticketId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { setOpen, dialog } = useFormDialog<OpenValues>();
  const categories = useQuery({
    queryKey: ["complaint-categories"],
    queryFn: () => get<{ id: string; name: string }[]>("/api/complaint-categories"),
  });
  const { required } = useFieldRules();
  const open = () =>
    setOpen({
      title: t("complaint.open"),
      width: 720,
      initial: { classification: "quality", severity: "normal" },
      save: async (v) => {
        await post(`/api/tickets/${ticketId}/complaint`, {
          ...v,
          deliveryDate: v.deliveryDate ? v.deliveryDate.format("YYYY-MM-DD") : null,
          sampleReceived: Boolean(v.sampleReceived),
        } satisfies ComplaintInput);
        onDone();
      },
    });
  return (
    <>
      <Typography.Paragraph type="secondary">{t("complaint.openHint")}</Typography.Paragraph>
      <Button type="primary" onClick={open}>
        {t("complaint.open")}
      </Button>
      {dialog(
        <>
          <Form.Item name="classification" label={t("complaint.classification")} rules={[required]}>
            <Radio.Group
              options={COMPLAINT_CLASSES.map((c) => ({ value: c, label: t(`complaintClass.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t("complaint.category")} rules={[required]}>
            <Select options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="severity" label={t("complaint.severity")} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaintSeverity.${s}`) }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="orderNo" label={t("complaint.orderNo")}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="partNo" label={t("complaint.partNo")}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="deliveryDate" label={t("complaint.deliveryDate")}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="quantity" label={t("complaint.quantity")}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="defectiveQuantity" label={t("complaint.defectiveQuantity")}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="sampleReceived" label={t("complaint.sampleReceived")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="customerRequest" label={t("complaint.customerRequest")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="customerWords" label={t("complaint.customerWords")}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </>,
      )}
    </>
  );
}

type StepValues = {
  text?: string;
  needed?: boolean;
  reason?: string;
  departmentId?: string;
  countersignDepartmentIds?: string[];
  standardise?: boolean;
  causeCategory?: CompleteStepInput["causeCategory"];
};

function CurrentStepForm({
  complaint,
  step,
  onDone,
}: {
  complaint: ComplaintDto;
  step: ComplaintStep;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const directory = useDirectory();
  const [form] = Form.useForm<StepValues>();
  const needed = Form.useWatch("needed", form) ?? true;
  const optional = complaint.abilities.skip;
  const departmentOptions = (directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
  const complete = async () => {
    const v = await validFields(form);
    if (!v) return;
    try {
      await post(`/api/complaints/${complaint.id}/steps/complete`, {
        step,
        record: v.text ? { [RECORD_FIELD[step] ?? "note"]: v.text } : {},
        needed: optional ? v.needed !== false : true,
        reason: v.reason ?? null,
        responsibleDepartmentId: v.departmentId ?? null,
        countersignDepartmentIds: v.countersignDepartmentIds ?? null,
        standardise: v.standardise ?? null,
        causeCategory: v.causeCategory ?? null,
      } satisfies CompleteStepInput);
      form.resetFields();
      onDone();
    } catch (error) {
      showError(error);
    }
  };
  const rejectDialog = useFormDialog<{ reason: string }>();
  const reject = () =>
    rejectDialog.setOpen({
      title: t("complaint.reject"),
      save: async (v) => {
        await post(`/api/complaints/${complaint.id}/steps/reject`, {
          step,
          reason: v.reason,
        } satisfies RejectStepInput);
        onDone();
      },
    });
  return (
    <Form form={form} layout="vertical" initialValues={{ needed: true }} data-testid="complaint-step-form">
      {optional && (
        <Form.Item name="needed" label={t("complaint.needed")}>
          <Radio.Group
            options={[
              { value: true, label: t("complaint.needed_yes") },
              { value: false, label: t("complaint.needed_no") },
            ]}
          />
        </Form.Item>
      )}
      {needed ? (
        <Form.Item
          name="text"
          label={t(`complaint.record_${step}`)}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      ) : (
        <Form.Item
          name="reason"
          label={t("complaint.notNeededReason")}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      {step === "root_cause" && needed && (
        <Form.Item
          name="causeCategory"
          label={t("complaint.causeCategory")}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Select options={CAUSE_CATEGORIES.map((c) => ({ value: c, label: t(`causeCategory.${c}`) }))} />
        </Form.Item>
      )}
      {step === "responsibility" && (
        <>
          <Form.Item name="departmentId" label={t("complaint.responsibleDepartment")}>
            <Select
              allowClear
              placeholder={complaint.responsibleDepartment?.name}
              options={departmentOptions}
            />
          </Form.Item>
          <Form.Item
            name="countersignDepartmentIds"
            label={t("complaint.countersignDepartments")}
            extra={complaint.severity === "major" ? t("complaint.countersignMajor") : undefined}
          >
            <Select mode="multiple" allowClear options={departmentOptions} />
          </Form.Item>
        </>
      )}
      {step === "close" && (
        <Form.Item name="standardise" label={t("complaint.standardised")} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" onClick={complete}>
          {t("complaint.complete")}
        </Button>
        {step !== "confirm" && <Button onClick={reject}>{t("complaint.reject")}</Button>}
      </Space>
      {rejectDialog.dialog(
        <RequiredField name="reason" label={t("complaint.rejectReason")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </RequiredField>,
      )}
    </Form>
  );
}

function Compensations({ complaint, onDone }: { complaint: ComplaintDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { setOpen, dialog } = useFormDialog<{
    kind: CompensationInput["kind"];
    amount: number;
    note?: string;
  }>();
  const propose = () =>
    setOpen({
      title: t("complaint.propose"),
      save: async (v) => {
        await post(`/api/complaints/${complaint.id}/compensations`, {
          kind: v.kind,
          // Required by the form; the server says so too if it is ever missing.
          amountFen: yuanToFen(v.amount)!,
          note: v.note ?? null,
        } satisfies CompensationInput);
        onDone();
      },
    });
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={complaint.compensations}
        locale={{ emptyText: t("complaint.noCompensations") }}
        scroll={{ x: 600 }}
        columns={[
          { title: t("complaint.kind"), render: (_, c) => t(`compensationKind.${c.kind}`) },
          { title: t("complaint.amountYuan"), render: (_, c) => formatFen(c.amountFen) },
          { title: t("complaint.note"), dataIndex: "note" },
          {
            title: t("ticket.status"),
            render: (_, c) => (
              <Space wrap>
                <CompensationStatusTag status={c.status} />
                {c.mayPay && <PayButton compensation={c} onDone={onDone} />}
              </Space>
            ),
          },
          {
            title: t("complaint.rma"),
            render: (_, c) =>
              c.rma && (
                <Space wrap>
                  {c.rma.number}
                  <Tag>{t(`complaint.rma_${c.rma.status}`)}</Tag>
                  {c.status === "approved" && <RmaNextButton rma={c.rma} onDone={onDone} />}
                </Space>
              ),
          },
        ]}
      />
      {complaint.abilities.propose && (
        <Button style={{ marginTop: 8 }} onClick={propose}>
          {t("complaint.propose")}
        </Button>
      )}
      {dialog(
        <>
          <RequiredField name="kind" label={t("complaint.kind")}>
            <Select
              options={COMPENSATION_KINDS.map((k) => ({ value: k, label: t(`compensationKind.${k}`) }))}
            />
          </RequiredField>
          <RequiredField name="amount" label={t("complaint.amountYuan")}>
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </RequiredField>
          <Form.Item name="note" label={t("complaint.note")}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>,
      )}
    </>
  );
}

function Approval({ complaint, onDone }: { complaint: ComplaintDto; onDone: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [comment, setComment] = useState("");
  const approval = complaint.approval!;
  const decide = (decision: "approve" | "reject") =>
    post(`/api/approvals/${approval.id}/decision`, {
      decision,
      comment: comment || null,
    } satisfies DecisionInput).then(() => {
      setComment("");
      onDone();
    }, showError);
  return (
    <div data-testid="complaint-approval">
      <Typography.Text strong>{t("complaint.approval")}</Typography.Text>{" "}
      <Typography.Text type="secondary">
        {t("complaint.approvalAmount", { amount: formatFen(approval.amountFen) })}
      </Typography.Text>
      <Steps
        size="small"
        style={{ marginTop: 8 }}
        current={approval.level}
        status={
          approval.status === "rejected" ? "error" : approval.status === "approved" ? "finish" : "process"
        }
        items={approval.chain.map((role, level) => {
          const action = approval.actions.find((a) => a.level === level);
          return {
            title: role.name,
            description: action
              ? `${action.approver} · ${t(`complaint.${action.decision === "approve" ? "approve" : "refuse"}`)}${action.comment ? `：${action.comment}` : ""}`
              : undefined,
          };
        })}
      />
      {complaint.abilities.decide && (
        <Space.Compact style={{ width: "100%", marginTop: 8 }}>
          <Input
            placeholder={t("complaint.comment")}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button type="primary" onClick={() => decide("approve")}>
            {t("complaint.approve")}
          </Button>
          <Button danger onClick={() => decide("reject")}>
            {t("complaint.refuse")}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}

/** 客诉处理 on a complaint ticket: the record, the step tracker with the current step's form, compensation and approval. */
export function ComplaintPanel({ ticketId, canHandle }: { ticketId: string; canHandle: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["ticket", ticketId, "complaint"],
    queryFn: () => get<ComplaintDto | null>(`/api/tickets/${ticketId}/complaint`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["ticket", ticketId] });
  const c = query.data;
  if (query.isLoading) return <Card loading style={{ marginTop: 16 }} />;
  if (!c) {
    return canHandle ? (
      <Card title={t("complaint.title")} style={{ marginTop: 16 }}>
        <OpenComplaint ticketId={ticketId} onDone={refresh} />
      </Card>
    ) : null;
  }
  const active = c.steps.find((s) => s.status === "active");
  const current = c.steps.findIndex((s) => s.status === "active");
  return (
    <Card
      title={
        <Space wrap>
          {t("complaint.title")}
          <Tag color={SEVERITY_COLOR[c.severity]}>{t(`complaintSeverity.${c.severity}`)}</Tag>
          <Tag>{t(`complaintClass.${c.classification}`)}</Tag>
          {c.category && <Tag>{c.category.name}</Tag>}
          <Tag color={c.status === "closed" ? "green" : "blue"}>{t(`complaint.status_${c.status}`)}</Tag>
        </Space>
      }
      extra={<Link to={`/forms/complaint_record/${c.ticketId}`}>{t("form.kind.complaint_record")}</Link>}
      style={{ marginTop: 16 }}
      data-testid="complaint-panel"
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t("complaint.responsibleDepartment")}>
          {c.responsibleDepartment?.name ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("complaint.orderNo")}>{c.orderNo ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("complaint.partNo")}>{c.partNo ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("complaint.deliveryDate")}>{c.deliveryDate ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("complaint.quantity")}>
          {c.quantity ?? "—"} / {c.defectiveQuantity ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("complaint.sampleReceived")}>
          {c.sampleReceived ? t("common.yes") : t("common.no")}
        </Descriptions.Item>
        {c.customerRequest && (
          <Descriptions.Item label={t("complaint.customerRequest")} span={3}>
            {c.customerRequest}
          </Descriptions.Item>
        )}
        {c.standardise && <Descriptions.Item span={3}>{t("complaint.standardised")}</Descriptions.Item>}
      </Descriptions>
      <ComplaintDetails complaint={c} onDone={refresh} />
      <Typography.Title level={5}>{t("complaint.steps")}</Typography.Title>
      <Steps
        direction="vertical"
        size="small"
        current={current < 0 ? c.steps.length : current}
        items={c.steps.map((s) => ({
          title: (
            <Space size={4} wrap>
              {t(`complaintStep.${s.step}`)}
              {s.rejections > 0 && (
                <Tag color="red">{t("complaint.rejections", { count: s.rejections })}</Tag>
              )}
            </Space>
          ),
          status: s.status === "done" ? "finish" : s.status === "active" ? "process" : "wait",
          description: (
            <div data-testid={`complaint-step-${s.step}`}>
              {s.status === "skipped" && (
                <Typography.Text type="secondary">
                  {t("complaint.skipped", {
                    reason:
                      s.skipReason ??
                      (s.step === "countersign" && c.severity !== "minor"
                        ? t("complaint.noCountersign")
                        : t("complaint.skippedBySeverity", {
                            severity: t(`complaintSeverity.${c.severity}`),
                          })),
                  })}
                </Typography.Text>
              )}
              {s.status !== "skipped" && (s.owner || s.department) && (
                <div>
                  {[s.department?.name, s.owner?.name].filter(Boolean).join(" · ")}
                  {s.dueAt && s.status === "active" && ` · ${t("complaint.due")} ${formatTime(s.dueAt)}`}
                </div>
              )}
              {Object.values(s.record)
                .filter((v) => typeof v === "string" && v)
                .map((v) => (
                  <div key={String(v)}>{String(v)}</div>
                ))}
              {s.completedBy && s.status === "done" && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.completedBy.name} {formatTime(s.completedAt)}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
      {c.countersigns.length > 0 && (
        <>
          <Typography.Title level={5}>{t("complaintStep.countersign")}</Typography.Title>
          <ComplaintCountersign complaint={c} onDone={refresh} />
        </>
      )}
      {active && c.abilities.complete && (
        <Card size="small" title={t("complaint.currentStep", { step: t(`complaintStep.${active.step}`) })}>
          <CurrentStepForm complaint={c} step={active.step} onDone={refresh} />
        </Card>
      )}
      {c.approval && (
        <div style={{ marginTop: 16 }}>
          <Approval complaint={c} onDone={refresh} />
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("proposal.title")}
      </Typography.Title>
      <ComplaintProposals complaint={c} onDone={refresh} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("complaint.compensations")}
      </Typography.Title>
      <Compensations complaint={c} onDone={refresh} />
    </Card>
  );
}
