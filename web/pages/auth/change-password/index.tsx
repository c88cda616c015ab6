import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PasswordChangeInput } from "../../../../common/schemas/identity";
import { post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { useFieldRules } from "../../../lib/rules";

type Values = { currentPassword: string; newPassword: string; repeat: string };

export default function ChangePassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const submit = async ({ currentPassword, newPassword }: Values) => {
    try {
      await post("/api/auth/password", { currentPassword, newPassword } satisfies PasswordChangeInput);
      message.success(t("auth.passwordChanged"));
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    } catch (error) {
      showError(error);
    }
  };
  const { required } = useFieldRules();
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "#f0f2f5",
        padding: 16,
      }}
    >
      <Card style={{ width: "100%", maxWidth: 420 }}>
        <Typography.Title level={3}>{t("auth.changePassword")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("auth.changePasswordHint")}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label={t("auth.currentPassword")} rules={[required]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t("auth.newPassword")} rules={[required]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("auth.repeatPassword")}
            dependencies={["newPassword"]}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("auth.passwordsDiffer"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
