import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Form, Grid, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { SignInInput } from "../../../../common/schemas/identity";
import { LanguageSwitch } from "../../../components/language-switch";
import { post } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { hasCapability, type Me } from "../../../lib/session";

export default function SignIn() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const submit = async (values: { org?: string; username: string; password: string }) => {
    setBusy(true);
    try {
      await post("/api/auth/sign-in", { ...values, org: values.org || "default" } satisfies SignInInput);
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      // An engineer signing in on a phone lands on his jobs, not on the desk's workbench.
      const me = queryClient.getQueryData<Me>(["me"]);
      if (location.pathname === "/" && hasCapability(me, "workorder.serve") && !screens.md)
        navigate("/my-work-orders", { replace: true });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
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
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}
        >
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("auth.title")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("auth.password")}
            rules={[{ required: true, message: t("common.required") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="org" label={t("auth.org")} initialValue="default">
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("auth.signIn")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
