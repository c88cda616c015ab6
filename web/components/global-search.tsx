import { SearchOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Input, List, Modal, Space, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { CustomerDto } from "../../common/schemas/customers";
import type { TicketPage } from "../../common/schemas/tickets";
import { get, qs } from "../lib/api";
import { useDebounced } from "../lib/debounce";
import { hasCapability, type Me } from "../lib/session";
import { StatusTag } from "./ticket-tags";

type Hit = { key: string; path: string; title: string; detail: React.ReactNode };

/**
 * Search from anywhere (Ctrl+K / ⌘K, or the header's magnifier): tickets by number or text, customers
 * by name or phone — as the lists would show them, masked where the user may not see more. Enter
 * opens the first hit.
 */
export function GlobalSearch({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const tickets = useQuery({
    queryKey: ["search", "tickets", q],
    queryFn: () => get<TicketPage>(`/api/tickets${qs({ q, pageSize: 6 })}`),
    enabled: open && q.length > 0 && hasCapability(me, "ticket.view"),
  });
  const customers = useQuery({
    queryKey: ["search", "customers", q],
    queryFn: () => get<{ items: CustomerDto[] }>(`/api/customers${qs({ q, pageSize: 4 })}`),
    enabled: open && q.length > 0 && hasCapability(me, "customer.view"),
  });
  const hits: Hit[] = [
    ...(tickets.data?.items ?? []).map((r) => ({
      key: r.id,
      path: `/tickets/${r.id}`,
      title: `${r.number} ${r.title}`,
      detail: (
        <Space size={4}>
          <StatusTag status={r.status} />
          {r.customer?.name}
        </Space>
      ),
    })),
    ...(customers.data?.items ?? []).map((c) => ({
      key: c.id,
      path: `/customers/${c.id}`,
      title: c.name,
      detail: [t("search.customer"), c.phone].filter(Boolean).join(" · "),
    })),
  ];
  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setText("");
    navigate(hit.path);
  };
  const loading = tickets.isFetching || customers.isFetching;
  return (
    <>
      <Tooltip title={t("search.hint")}>
        <Button
          type="text"
          icon={<SearchOutlined />}
          aria-label={t("search.open")}
          onClick={() => setOpen(true)}
        />
      </Tooltip>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t("search.title")}
        destroyOnHidden
      >
        <Input
          autoFocus
          allowClear
          data-testid="global-search"
          placeholder={t("search.placeholder")}
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => go(hits[0])}
        />
        {q && (
          <List<Hit>
            style={{ marginTop: 12 }}
            loading={loading}
            dataSource={hits}
            locale={{ emptyText: <Empty description={t("search.none")} /> }}
            renderItem={(hit) => (
              <List.Item style={{ cursor: "pointer" }} onClick={() => go(hit)}>
                <List.Item.Meta
                  title={<Typography.Text strong>{hit.title}</Typography.Text>}
                  description={hit.detail}
                />
              </List.Item>
            )}
          />
        )}
      </Modal>
    </>
  );
}
