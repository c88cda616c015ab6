import { CloseOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Grid,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { CHANNELS, PRIORITIES, TICKET_QUEUES, TICKET_STATUSES, TICKET_TYPES } from "../../../../common/enums";
import {
  type SavedViewInput,
  TICKET_SORTS,
  type TicketPage,
  type TicketSummary,
} from "../../../../common/schemas/tickets";
import { NextDue } from "../../../components/next-due";
import { SearchIndexNotice } from "../../../components/search-index-notice";
import { GreenChannelTag, PriorityTag, StatusTag } from "../../../components/ticket-tags";
import { api, get, post, qs } from "../../../lib/api";
import { useShowError } from "../../../lib/feedback";
import { formatTime } from "../../../lib/format";
import { BulkActions } from "./bulk-actions";

type SavedView = { id: string; name: string; filters: Record<string, string | number> };
const FILTER_KEYS = ["queue", "status", "type", "priority", "channel", "tag", "q", "sort"] as const;

export default function TicketList() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const isPhone = !Grid.useBreakpoint().md;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTER_KEYS)[number],
    string | undefined
  >;
  const page = Number(params.get("page") ?? 1);
  const [selected, setSelected] = useState<string[]>([]);
  const pageSize = Number(params.get("pageSize") ?? 20);
  /** A ticket's tags; each lists the tickets carrying it. */
  const tagLinks = (tags: string[]) =>
    tags.map((tag) => (
      <Tag key={tag} style={{ marginInlineEnd: 0 }} onClick={(e) => e.stopPropagation()}>
        <Link to={`/tickets${qs({ tag })}`}>{tag}</Link>
      </Tag>
    ));
  const setFilter = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") next.delete(key);
      else next.set(key, String(value));
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  const list = useQuery({
    queryKey: ["tickets", "list", filters, page, pageSize],
    queryFn: () => get<TicketPage>(`/api/tickets${qs({ ...filters, page, pageSize })}`),
  });
  // One pager for both layouts (cards on a phone, table elsewhere).
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total,
    showSizeChanger: true,
    showTotal: (total: number) =>
      list.data?.totalIsCapped
        ? t("common.totalCapped", { count: total })
        : t("common.total", { count: total }),
    onChange: (p: number, size: number) => setFilter({ page: p, pageSize: size }),
  };
  const views = useQuery({ queryKey: ["saved-views"], queryFn: () => get<SavedView[]>("/api/saved-views") });
  const saveView = useMutation({
    mutationFn: (name: string) =>
      post("/api/saved-views", {
        name,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>,
      } satisfies SavedViewInput),
    onSuccess: () => {
      message.success(t("common.saved"));
      void queryClient.invalidateQueries({ queryKey: ["saved-views"] });
    },
    onError: showError,
  });
  const deleteView = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/saved-views/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["saved-views"] }),
  });
  const askViewName = () => {
    let name = "";
    modal.confirm({
      title: t("ticket.saveView"),
      content: <Input placeholder={t("ticket.viewName")} onChange={(e) => (name = e.target.value)} />,
      onOk: () => (name.trim() ? saveView.mutateAsync(name.trim()) : Promise.reject()),
    });
  };
  // The saved filter the page shows now, if it shows exactly one.
  const current = Object.entries(filters).filter(([, v]) => v);
  const activeView = views.data?.find(
    (v) =>
      Object.keys(v.filters).length === current.length &&
      current.every(([k, value]) => String(v.filters[k]) === value),
  );
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  return (
    <Card>
      {/* The queues, then the user's saved filters, as tabs: one click to either. */}
      <Tabs
        activeKey={activeView ? `view:${activeView.id}` : (filters.queue ?? "all")}
        onChange={(key) => {
          const view = views.data?.find((v) => `view:${v.id}` === key);
          if (view)
            setParams(new URLSearchParams(Object.entries(view.filters).map(([k, v]) => [k, String(v)])));
          else setFilter({ queue: key === "all" ? undefined : key });
        }}
        items={[
          ...TICKET_QUEUES.map((queue) => ({ key: queue, label: t(`queue.${queue}`) })),
          ...(views.data ?? []).map((v) => ({
            key: `view:${v.id}`,
            label: (
              <Space size={4} data-testid="saved-view-tab">
                {v.name}
                <Popconfirm
                  title={t("ticket.deleteView", { name: v.name })}
                  onConfirm={() => deleteView.mutate(v.id)}
                >
                  <CloseOutlined
                    aria-label={t("common.delete")}
                    style={{ fontSize: 10, marginInlineStart: 4 }}
                    onClick={(e) => e.stopPropagation()}
                  />
                </Popconfirm>
              </Space>
            ),
          })),
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t("ticket.searchPlaceholder")}
          style={{ width: isPhone ? "100%" : 320 }}
          onSearch={(q) => setFilter({ q })}
        />
        <Select
          allowClear
          placeholder={t("ticket.status")}
          aria-label={t("ticket.status")}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(status) => setFilter({ status })}
          options={TICKET_STATUSES.map(option("ticketStatus"))}
        />
        <Select
          allowClear
          placeholder={t("ticket.type")}
          aria-label={t("ticket.type")}
          style={{ width: 110 }}
          value={filters.type}
          onChange={(type) => setFilter({ type })}
          options={TICKET_TYPES.map(option("ticketType"))}
        />
        <Select
          allowClear
          placeholder={t("ticket.priority")}
          aria-label={t("ticket.priority")}
          style={{ width: 110 }}
          value={filters.priority}
          onChange={(priority) => setFilter({ priority })}
          options={PRIORITIES.map(option("priority"))}
        />
        <Select
          allowClear
          placeholder={t("ticket.channel")}
          aria-label={t("ticket.channel")}
          style={{ width: 120 }}
          value={filters.channel}
          onChange={(channel) => setFilter({ channel })}
          options={CHANNELS.map(option("channel"))}
        />
        <Select
          style={{ width: 170 }}
          aria-label={t("ticket.sort")}
          value={filters.sort ?? "created_desc"}
          onChange={(sort) => setFilter({ sort })}
          options={TICKET_SORTS.map((s) => ({
            value: s,
            label: {
              created_desc: `↓ ${t("ticket.createdAt")}`,
              created_asc: `↑ ${t("ticket.createdAt")}`,
              updated_desc: `↓ ${t("ticket.updatedAt")}`,
              priority: t("ticket.priority"),
              due: t("ticket.sortDue"),
            }[s],
          }))}
        />
        {filters.tag && (
          <Tag closable onClose={() => setFilter({ tag: undefined })} data-testid="tag-filter">
            {t("ticket.tagFilter", { tag: filters.tag })}
          </Tag>
        )}
        <Button onClick={askViewName}>{t("ticket.saveView")}</Button>
      </Space>
      <SearchIndexNotice searching={Boolean(filters.q)} />
      {selected.length > 0 && !isPhone && <BulkActions ids={selected} onDone={() => setSelected([])} />}
      {isPhone ? (
        <List<TicketSummary>
          loading={list.isLoading}
          dataSource={list.data?.items}
          locale={{ emptyText: t("common.empty") }}
          pagination={pagination}
          renderItem={(r) => (
            <List.Item onClick={() => navigate(`/tickets/${r.id}`)} style={{ cursor: "pointer" }}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    {r.isGreenChannel && <GreenChannelTag />}
                    <Link to={`/tickets/${r.id}`}>{r.title}</Link>
                    {tagLinks(r.tags)}
                  </Space>
                }
                description={
                  <Space size={4} wrap>
                    <Typography.Text type="secondary">{r.number}</Typography.Text>
                    <StatusTag status={r.status} />
                    <PriorityTag priority={r.priority} />
                    <NextDue due={r.nextDue} />
                    <Typography.Text type="secondary">
                      {[r.customer?.name, formatTime(r.createdAt)].filter(Boolean).join(" · ")}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<TicketSummary>
          rowKey="id"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            // Clicking the box selects; it does not open the ticket.
            columnWidth: 40,
          }}
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 1250 }}
          locale={{ emptyText: t("common.empty") }}
          onRow={(row) => ({ onClick: () => navigate(`/tickets/${row.id}`), style: { cursor: "pointer" } })}
          onChange={(_, __, sorter) => {
            const by = Array.isArray(sorter) ? sorter[0] : sorter;
            setFilter({ sort: by.order ? "due" : undefined });
          }}
          pagination={pagination}
          columns={[
            {
              title: t("ticket.number"),
              dataIndex: "number",
              width: 150,
              render: (n: string, r) => <Link to={`/tickets/${r.id}`}>{n}</Link>,
            },
            {
              title: t("ticket.title"),
              dataIndex: "title",
              width: 240,
              ellipsis: true,
              render: (title: string, r) => (
                <Space size={4}>
                  {r.isGreenChannel && <GreenChannelTag />}
                  {title}
                  {tagLinks(r.tags)}
                </Space>
              ),
            },
            {
              title: t("ticket.type"),
              dataIndex: "type",
              width: 90,
              render: (v: string) => t(`ticketType.${v}`),
            },
            {
              title: t("ticket.priority"),
              dataIndex: "priority",
              width: 100,
              render: (v: string) => <PriorityTag priority={v} />,
            },
            {
              title: t("ticket.status"),
              dataIndex: "status",
              width: 110,
              render: (v: string) => <StatusTag status={v} />,
            },
            {
              title: t("ticket.nextDue"),
              key: "due",
              width: 170,
              sorter: true,
              sortOrder: filters.sort === "due" ? "ascend" : null,
              sortDirections: ["ascend"],
              render: (_, r) => <NextDue due={r.nextDue} />,
            },
            { title: t("ticket.customer"), dataIndex: ["customer", "name"], width: 140, ellipsis: true },
            { title: t("ticket.assignee"), dataIndex: ["assignee", "name"], width: 100 },
            {
              title: t("ticket.createdAt"),
              dataIndex: "createdAt",
              width: 150,
              render: (v: string) => formatTime(v),
            },
          ]}
        />
      )}
    </Card>
  );
}
