import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CodeRequestInput, PortalSignInInput } from "../../../../common/schemas/portal";
import { LanguageSwitch } from "../../../components/language-switch";
import { post } from "../../../lib/api";
import { useShowError, validFields } from "../../../lib/feedback";

/** Customers sign in with a one-time code sent to their mobile or email. */
export default function PortalSignIn() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ destination: string; code: string }>();
  const [sent, setSent] = useState(false);
  const org = new URLSearchParams(location.search).get("org") ?? "default";
  const sendCode = async () => {
    const values = await validFields(form, ["destination"]);
    if (!values) return;
    const { destination } = values;
    try {
      await post("/api/portal/code", { org, destination } satisfies CodeRequestInput);
      setSent(true);
      message.success(t("portal.codeSent"));
    } catch (error) {
      showError(error);
    }
  };
  const signIn = async (values: { destination: string; code: string }) => {
    try {
      await post("/api/portal/sign-in", { org, ...values } satisfies PortalSignInInput);
      // A mistyped code's message must not outlive the sign-in it was about.
      message.destroy();
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    } catch (error) {
      showError(error);
    }
  };
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
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}
        >
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("portal.signInTitle")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Form form={form} layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item
            name="destination"
            label={t("portal.destination")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Button block onClick={sendCode} style={{ marginBottom: 16 }}>
            {t("portal.sendCode")}
          </Button>
          {sent && (
            <Form.Item
              name="code"
              label={t("portal.code")}
              rules={[{ required: true, message: t("common.required") }]}
            >
              <Input inputMode="numeric" maxLength={6} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block disabled={!sent}>
            {t("portal.signIn")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
