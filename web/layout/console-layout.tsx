import { BellOutlined, LogoutOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Layout, Menu, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { AbsenceButton } from "../components/absence-button";
import { GlobalSearch } from "../components/global-search";
import { LanguageSwitch } from "../components/language-switch";
import { get, post } from "../lib/api";
import { useLiveUpdates } from "../lib/live";
import type { Me } from "../lib/session";
import { CONSOLE_ROUTES } from "../routes";

export function ConsoleLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useLiveUpdates(true);
  const { data: notes } = useQuery({
    queryKey: ["notifications"],
    queryFn: () => get<{ unread: number }>("/api/notifications?pageSize=1"),
  });
  const entries = CONSOLE_ROUTES.filter(
    (r) => r.menu && (!r.access || r.access.some((c) => me.capabilities.includes(c))),
  );
  const keys = entries.map((r) => r.path);
  // Sections in the order they first appear, each with its pages.
  const items = [...new Set(entries.map((r) => r.group))].map((group) => ({
    type: "group" as const,
    key: `group-${group}`,
    label: t(`menuGroup.${group}`),
    // Links, so a page opens in a new tab with a middle click or Ctrl/⌘ as anywhere on the web.
    children: entries
      .filter((r) => r.group === group)
      .map((r) => ({ key: r.path, label: <Link to={r.path}>{t(r.menu!)}</Link> })),
  }));
  const selected = keys
    .filter(
      (key) =>
        key === location.pathname ||
        (key !== "/" && location.pathname.startsWith(`${key}/`) && !keys.includes(location.pathname)),
    )
    .slice(-1);
  const [narrow, setNarrow] = useState(false);
  const signOut = async () => {
    await post("/api/auth/sign-out");
    queryClient.clear();
    navigate("/");
  };
  return (
    <Layout style={{ minHeight: "100vh" }}>
      {/* On a phone the menu folds away; its toggle sits in the header row, not over the page. */}
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        theme="light"
        width={200}
        onBreakpoint={setNarrow}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <Typography.Title level={4} style={{ padding: "16px 20px", margin: 0 }}>
          {t("app.name")}
        </Typography.Title>
        <Menu mode="inline" selectedKeys={selected} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          className="no-print"
          style={{
            background: "#fff",
            padding: narrow ? "0 16px 0 52px" : "0 16px",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
            gap: 12,
          }}
        >
          <Typography.Text type="secondary" ellipsis style={{ marginRight: "auto" }}>
            {me.org.name}
          </Typography.Text>
          <GlobalSearch me={me} />
          <Badge count={notes?.unread ?? 0} size="small">
            <Button
              type="text"
              icon={<BellOutlined />}
              aria-label={t("workbench.notifications")}
              onClick={() => navigate("/")}
            />
          </Badge>
          <Space>
            <AbsenceButton me={me} />
            <LanguageSwitch />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={signOut}
              aria-label={t("common.signOut")}
            />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
