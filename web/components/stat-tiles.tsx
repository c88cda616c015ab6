import { Col, Row, Statistic } from "antd";
import type { ReactNode } from "react";

/** A report's headline figures: four to a row on a screen, two on a phone, with a note beneath. */
export function StatTiles({
  items,
  note,
}: {
  items: { title: string; value: string | number }[];
  note?: ReactNode;
}) {
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.title} xs={12} md={6}>
          <Statistic title={item.title} value={item.value} />
        </Col>
      ))}
      {note && <Col span={24}>{note}</Col>}
    </Row>
  );
}
