import { useQueryClient } from "@tanstack/react-query";
import { Button, Grid, Layout, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitch } from "../components/language-switch";
import { post } from "../lib/api";
import { useLiveUpdates } from "../lib/live";
import type { Me } from "../lib/session";

export function PortalLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useLiveUpdates(true);
  const screens = Grid.useBreakpoint();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      {/* On a phone the company's name wraps under itself instead of being cut off. */}
      <Layout.Header
        style={{
          background: "#fff",
          padding: "8px 16px",
          height: "auto",
          minHeight: 64,
          lineHeight: 1.4,
          display: "flex",
          alignItems: "center",
          gap: 12,
        }}
      >
        <Link to="/portal" style={{ marginRight: "auto", minWidth: 0 }} data-testid="portal-title">
          <Typography.Text strong>
            {me.org.name}
            {screens.sm ? " · " : <br />}
            {t("portal.title")}
          </Typography.Text>
        </Link>
        <Space>
          {screens.sm && <Typography.Text>{me.name}</Typography.Text>}
          <LanguageSwitch />
          <Button
            size="small"
            onClick={async () => {
              await post("/api/auth/sign-out");
              queryClient.clear();
            }}
          >
            {t("common.signOut")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 960, width: "100%", margin: "0 auto" }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
