import { Card, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CampaignList } from "./campaigns";
import { TemplateList } from "./templates";

/** 调查计划与问卷 (SPEC M6): survey campaigns and the questionnaires they send. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "templates" ? "templates" : "campaigns";
  return (
    <Card title={t("menu.surveys")}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: "campaigns", label: t("surveys.tabCampaigns"), children: <CampaignList /> },
          { key: "templates", label: t("surveys.tabTemplates"), children: <TemplateList /> },
        ]}
      />
    </Card>
  );
}
