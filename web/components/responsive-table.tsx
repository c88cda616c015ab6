import { Descriptions, Grid, List, Table } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type Column<T> = {
  title: ReactNode;
  render: (value: unknown, row: T, index: number) => ReactNode;
  ellipsis?: boolean;
  align?: "left" | "right" | "center";
};
type Pagination = {
  current: number;
  pageSize: number;
  total?: number;
  onChange: (page: number) => void;
  showTotal?: (total: number) => ReactNode;
};

/**
 * A table on a wide screen; on a phone the same columns as one card per row (title: value), so
 * nothing hides behind a sideways scroll.
 */
export function ResponsiveTable<T extends { id: string }>({
  columns,
  dataSource,
  loading,
  emptyText,
  pagination,
  scrollX,
}: {
  columns: Column<T>[];
  dataSource?: T[];
  loading?: boolean;
  emptyText: ReactNode;
  /** A server-side page; without it the rows given are all there is, shown 20 at a time. */
  pagination?: Pagination;
  scrollX: number;
}) {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const pages = pagination ?? {
    pageSize: 20,
    hideOnSinglePage: true,
    showTotal: (count: number) => t("common.total", { count }),
  };
  if (!isPhone)
    return (
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={dataSource}
        loading={loading}
        locale={{ emptyText }}
        pagination={pages}
        scroll={{ x: scrollX }}
      />
    );
  return (
    <List<T>
      loading={loading}
      dataSource={dataSource}
      locale={{ emptyText }}
      pagination={{ ...pages, size: "small" }}
      renderItem={(row, index) => (
        <List.Item>
          <Descriptions
            size="small"
            column={1}
            items={columns.map((c, i) => ({
              key: String(i),
              label: c.title,
              children: c.render(undefined, row, index),
            }))}
          />
        </List.Item>
      )}
    />
  );
}
