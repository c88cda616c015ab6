import { Descriptions, Grid, List, Table } from "antd";
import type { ReactNode } from "react";

type Column<T> = {
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
  pagination: Pagination;
  scrollX: number;
}) {
  const isPhone = !Grid.useBreakpoint().md;
  if (!isPhone)
    return (
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={dataSource}
        loading={loading}
        locale={{ emptyText }}
        pagination={pagination}
        scroll={{ x: scrollX }}
      />
    );
  return (
    <List<T>
      loading={loading}
      dataSource={dataSource}
      locale={{ emptyText }}
      pagination={{ ...pagination, size: "small" }}
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
