import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, InputNumber, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { fenToYuan, yuanToFen } from "../../../common/format";
import { APPRAISAL_KPIS, type AppraisalScheme } from "../../../common/schemas/appraisal";
import type { SanctionRules, SanctionRulesDto } from "../../../common/schemas/sanctions";
import { CriteriaFields } from "../../components/criteria-fields";
import { api, get } from "../../lib/api";
import { useShowError } from "../../lib/feedback";

/** One weight field per KPI. */
function KpiWeights() {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {APPRAISAL_KPIS.map((k) => (
        <Form.Item
          key={k}
          name={["kpiWeights", k]}
          label={t(`appraisal.kpi_${k}`)}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      ))}
    </Space>
  );
}

/** 考核方案 (C115, C116, C118): what the appraisal weighs and how appeals run; new periods take it. */
export function AppraisalSchemeForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AppraisalScheme>();
  const kpiWeights = Form.useWatch("kpiWeights", form);
  const scheme = useQuery({
    queryKey: ["appraisal-scheme"],
    queryFn: () => get<AppraisalScheme>("/api/appraisal-scheme"),
  });
  if (!scheme.data) return <Skeleton active />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={scheme.data}
      onFinish={(v) =>
        api("PUT", "/api/appraisal-scheme", v).then(async () => {
          message.success(t("common.saved"));
          await queryClient.invalidateQueries({ queryKey: ["appraisal-scheme"] });
        }, showError)
      }
    >
      <Typography.Title level={5}>{t("appraisal.kpiWeights")}</Typography.Title>
      <KpiWeights />
      <Typography.Title level={5}>{t("appraisal.criteria")}</Typography.Title>
      <CriteriaFields otherWeights={Object.values(kpiWeights ?? {}).reduce((s, w) => s + (w ?? 0), 0)} />
      <Space wrap>
        <Form.Item name="appealDays" label={t("appraisal.appealDays")} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
        <Form.Item name="answerDays" label={t("appraisal.answerDays")} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
      </Space>
      <div>
        <Button type="primary" htmlType="submit">
          {t("common.save")}
        </Button>
      </div>
    </Form>
  );
}

/** 奖惩规则 (C120, C121): when the monthly run proposes rewards and deductions; money in yuan, shares in %. */
export function SanctionRulesForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: ["sanction-rules"],
    queryFn: () => get<SanctionRules>("/api/sanction-rules"),
  });
  if (!rules.data) return <Skeleton active />;
  const r = rules.data;
  const field = (name: string, label: string, props: { min?: number; max?: number; precision?: number }) => (
    <Form.Item name={name} label={t(label)} rules={[{ required: true }]}>
      <InputNumber {...props} />
    </Form.Item>
  );
  return (
    <Form
      layout="vertical"
      initialValues={{
        lateResponseLimit: r.lateResponseLimit,
        deductionShare: Math.round(r.deductionShare * 1000) / 10,
        satisfactionThreshold: Math.round(r.satisfactionThreshold * 1000) / 10,
        satisfactionMonths: r.satisfactionMonths,
        satisfactionBonus: fenToYuan(r.satisfactionBonusFen),
        majorComplaintBonus: fenToYuan(r.majorComplaintBonusFen),
        serviceStarBonus: fenToYuan(r.serviceStarBonusFen),
      }}
      onFinish={(v) =>
        api("PUT", "/api/sanction-rules", {
          lateResponseLimit: v.lateResponseLimit,
          deductionShare: v.deductionShare / 100,
          satisfactionThreshold: v.satisfactionThreshold / 100,
          satisfactionMonths: v.satisfactionMonths,
          satisfactionBonusFen: yuanToFen(v.satisfactionBonus) ?? 0,
          majorComplaintBonusFen: yuanToFen(v.majorComplaintBonus) ?? 0,
          serviceStarBonusFen: yuanToFen(v.serviceStarBonus) ?? 0,
        } satisfies SanctionRulesDto).then(async () => {
          message.success(t("common.saved"));
          await queryClient.invalidateQueries({ queryKey: ["sanction-rules"] });
        }, showError)
      }
    >
      <Typography.Title level={5}>{t("sanction.rules")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("sanction.rulesHelp")}</Typography.Paragraph>
      <Space wrap>
        {field("lateResponseLimit", "sanction.lateResponseLimit", { min: 1, max: 100, precision: 0 })}
        {field("deductionShare", "sanction.deductionShare", { min: 0, max: 100 })}
        {field("satisfactionThreshold", "sanction.satisfactionThreshold", { min: 0, max: 100 })}
        {field("satisfactionMonths", "sanction.satisfactionMonths", { min: 1, max: 24, precision: 0 })}
        {field("satisfactionBonus", "sanction.satisfactionBonus", { min: 0, precision: 2 })}
        {field("majorComplaintBonus", "sanction.majorComplaintBonus", { min: 0, precision: 2 })}
        {field("serviceStarBonus", "sanction.serviceStarBonus", { min: 0, precision: 2 })}
      </Space>
      <div>
        <Button type="primary" htmlType="submit">
          {t("common.save")}
        </Button>
      </div>
    </Form>
  );
}
