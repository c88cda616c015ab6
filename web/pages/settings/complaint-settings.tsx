import { MinusCircleOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { COMPLAINT_SEVERITIES } from "../../../common/enums";
import { fenToYuan, formatFen, yuanToFen } from "../../../common/format";
import type { CategoryInput } from "../../../common/schemas/complaints";
import { api, get, post } from "../../lib/api";
import { useShowError, validFields } from "../../lib/feedback";
import { useDirectory } from "../tickets/detail/api";

type Category = { id: string; name: string; departmentId: string | null; sortOrder: number };
type Rule = { severity: string | null; maxAmountFen: number | null; roleKey: string; rank: number };
type RuleRow = { severity: string; maxYuan: number | null; roleKey: string; rank: number };

/** 投诉类别与责任部门 (C049) and 核决权限: the complaint settings. */
export function ComplaintSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const categories = useQuery({
    queryKey: ["complaint-categories"],
    queryFn: () => get<Category[]>("/api/complaint-categories"),
  });
  const rules = useQuery({ queryKey: ["approval-rules"], queryFn: () => get<Rule[]>("/api/approval-rules") });
  const roles = useQuery({
    queryKey: ["roles"],
    queryFn: () => get<{ key: string; name: string }[]>("/api/roles"),
  });
  const [form] = Form.useForm<{ rules: RuleRow[] }>();
  const [newName, setNewName] = useState("");
  useEffect(() => {
    if (rules.data)
      form.setFieldsValue({
        rules: rules.data.map((r) => ({
          severity: r.severity ?? "any",
          maxYuan: fenToYuan(r.maxAmountFen),
          roleKey: r.roleKey,
          rank: r.rank,
        })),
      });
  }, [rules.data, form]);
  const departments = (directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
  const refreshCategories = () => queryClient.invalidateQueries({ queryKey: ["complaint-categories"] });
  const route = (c: Category, departmentId: string | null) =>
    api("PUT", `/api/complaint-categories/${c.id}`, {
      name: c.name,
      departmentId,
      sortOrder: c.sortOrder,
    } satisfies CategoryInput).then(refreshCategories, showError);
  const saveRules = async () => {
    const v = await validFields(form);
    if (!v) return;
    try {
      await api(
        "PUT",
        "/api/approval-rules",
        v.rules.map((r) => ({
          severity: r.severity === "any" ? null : r.severity,
          maxAmountFen: yuanToFen(r.maxYuan),
          roleKey: r.roleKey,
          rank: r.rank,
        })),
      );
      message.success(t("common.saved"));
      await queryClient.invalidateQueries({ queryKey: ["approval-rules"] });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card title={t("complaintSettings.categories")} size="small">
          <Table<Category>
            rowKey="id"
            size="small"
            pagination={false}
            loading={categories.isLoading}
            dataSource={categories.data}
            columns={[
              { title: t("complaint.category"), dataIndex: "name" },
              {
                title: t("complaint.responsibleDepartment"),
                render: (_, c) => (
                  <Select
                    allowClear
                    style={{ width: 160 }}
                    value={c.departmentId ?? undefined}
                    options={departments}
                    onChange={(v) => route(c, v ?? null)}
                    aria-label={`${c.name} ${t("complaint.responsibleDepartment")}`}
                  />
                ),
              },
              {
                title: t("common.actions"),
                render: (_, c) => (
                  <Popconfirm
                    title={t("common.confirmDelete")}
                    onConfirm={() =>
                      api("DELETE", `/api/complaint-categories/${c.id}`).then(refreshCategories, showError)
                    }
                  >
                    <Button size="small" danger>
                      {t("common.delete")}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Space.Compact style={{ marginTop: 12, width: "100%" }}>
            <Input
              value={newName}
              maxLength={30}
              placeholder={t("complaintSettings.newCategory")}
              onChange={(e) => setNewName(e.target.value)}
            />
            <Button
              disabled={!newName.trim()}
              onClick={() =>
                post("/api/complaint-categories", { name: newName.trim() } satisfies CategoryInput).then(
                  () => {
                    setNewName("");
                    return refreshCategories();
                  },
                  showError,
                )
              }
            >
              {t("common.add")}
            </Button>
          </Space.Compact>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t("complaintSettings.authority")} size="small">
          <Typography.Paragraph type="secondary">{t("complaintSettings.authorityHint")}</Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top">
                      <Col xs={12} md={5}>
                        <Form.Item
                          name={[field.name, "rank"]}
                          label={t("sla.rank")}
                          rules={[{ required: true }]}
                        >
                          <InputNumber min={0} style={{ width: "100%" }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, "severity"]} label={t("complaint.severity")}>
                          <Select
                            options={[
                              { value: "any", label: t("sla.any") },
                              ...COMPLAINT_SEVERITIES.map((s) => ({
                                value: s,
                                label: t(`complaintSeverity.${s}`),
                              })),
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item
                          name={[field.name, "maxYuan"]}
                          label={t("complaintSettings.upTo")}
                          extra={t("complaintSettings.noLimit")}
                        >
                          <InputNumber min={0} precision={2} style={{ width: "100%" }} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={6}>
                        <Form.Item
                          name={[field.name, "roleKey"]}
                          label={t("complaintSettings.approver")}
                          rules={[{ required: true }]}
                        >
                          <Select
                            options={(roles.data ?? []).map((r) => ({ value: r.key, label: r.name }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={2} style={{ paddingTop: 36 }}>
                        <MinusCircleOutlined
                          onClick={() => remove(field.name)}
                          aria-label={t("common.delete")}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Space>
                    <Button
                      onClick={() =>
                        add({
                          severity: "any",
                          maxYuan: null,
                          roleKey: undefined,
                          rank: (fields.length + 1) * 10,
                        })
                      }
                    >
                      {t("common.add")}
                    </Button>
                    <Button type="primary" onClick={saveRules}>
                      {t("common.save")}
                    </Button>
                    {rules.data && (
                      <Typography.Text type="secondary">
                        {rules.data
                          .map(
                            (r) =>
                              `${r.maxAmountFen === null ? "∞" : formatFen(r.maxAmountFen)} ${roles.data?.find((x) => x.key === r.roleKey)?.name ?? r.roleKey}`,
                          )
                          .join(" → ")}
                      </Typography.Text>
                    )}
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
