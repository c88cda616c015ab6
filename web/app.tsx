import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import zhTW from "antd/locale/zh_TW";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/zh-tw";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { ConsoleLayout } from "./layout/console-layout";
import { PortalLayout } from "./layout/portal-layout";
import { useMe } from "./lib/session";
import ChangePassword from "./pages/auth/change-password";
import SignIn from "./pages/auth/sign-in";
import PortalSignIn from "./pages/portal/sign-in";
import { CONSOLE_ROUTES, PORTAL_ROUTES } from "./routes";

const SurveyPage = lazy(() => import("./pages/survey"));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});
const ANTD_LOCALES = { "zh-CN": zhCN, "en-US": enUS, "zh-TW": zhTW } as const;
const DAYJS_LOCALES = { "zh-CN": "zh-cn", "en-US": "en", "zh-TW": "zh-tw" } as const;

export const Loading = () => <Spin style={{ display: "block", margin: "20vh auto" }} size="large" />;

function Console() {
  const { data: me, isLoading } = useMe();
  if (isLoading) return <Loading />;
  if (me?.kind !== "staff") return <SignIn />;
  if (me.mustChangePassword) return <ChangePassword />;
  return (
    <ConsoleLayout me={me}>
      <Suspense fallback={<Loading />}>
        <Routes>
          {CONSOLE_ROUTES.filter((r) => !r.access || r.access.some((c) => me.capabilities.includes(c))).map(
            (r) => (
              <Route key={r.path} path={r.path} element={<r.page />} />
            ),
          )}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </ConsoleLayout>
  );
}

function Portal() {
  const { data: me, isLoading } = useMe();
  if (isLoading) return <Loading />;
  if (me?.kind !== "customer") return <PortalSignIn />;
  return (
    <PortalLayout me={me}>
      <Suspense fallback={<Loading />}>
        <Routes>
          {PORTAL_ROUTES.map((r) => (
            <Route key={r.path} path={r.path.replace(/^\/portal/, "") || "/"} element={<r.page />} />
          ))}
        </Routes>
      </Suspense>
    </PortalLayout>
  );
}

/** Someone who asked their system for less motion gets dialogs, menus and messages without animation. */
const prefersReducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

export function App() {
  const { i18n } = useTranslation();
  const locale = (i18n.language in ANTD_LOCALES ? i18n.language : "zh-CN") as keyof typeof ANTD_LOCALES;
  dayjs.locale(DAYJS_LOCALES[locale]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={ANTD_LOCALES[locale]}
        theme={{ token: { colorPrimary: "#1668dc", motion: !prefersReducedMotion } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>
          <BrowserRouter>
            <Routes>
              <Route path="/portal/*" element={<Portal />} />
              <Route
                path="/s/:token"
                element={
                  <Suspense fallback={<Loading />}>
                    <SurveyPage />
                  </Suspense>
                }
              />
              <Route path="/*" element={<Console />} />
            </Routes>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
