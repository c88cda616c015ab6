import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Form, Input, InputNumber, Select, Space, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatFen, yuanToFen } from "../../../common/format";
import type {
  MinStockInput,
  ReceiveInput,
  ReplenishmentInput,
  SparePartInput,
  TransferInput,
} from "../../../common/schemas/parts";
import { useFormDialog } from "../../components/form-dialog";
import { RequiredField } from "../../components/required-field";
import { ResponsiveTable } from "../../components/responsive-table";
import { api, get, post, qs } from "../../lib/api";
import { hasCapability, useMe } from "../../lib/session";
import { useDirectory } from "../tickets/detail/api";
import { Replenishments } from "./replenishments";

type Part = { id: string; code: string; name: string; spec: string | null; unit: string; priceFen: number };
type StockRow = {
  partId: string;
  code: string;
  name: string;
  servicePointId: string;
  servicePoint: string;
  onHand: number;
  reserved: number;
  available: number;
  minStock: number;
  low: boolean;
};

/**
 * 备件库存 (C078): stock of each part at each service point; stock keepers add parts, receive,
 * transfer, set minimums and order replenishment where stock fell below them.
 */
/** What the stock dialogs hold — a new part (its price in yuan), a receipt, a transfer, a minimum or a
 * replenishment order — each sending its own fields. */
type StockForm = Omit<SparePartInput, "priceFen"> & { price?: number } & TransferInput &
  MinStockInput &
  ReplenishmentInput;

export default function StockPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canManage = hasCapability(me, "stock.manage");
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const [servicePointId, setServicePointId] = useState<string>();
  const [tab, setTab] = useState<"stock" | "replenishments">("stock");
  const { setOpen, dialog } = useFormDialog<StockForm>();
  const [fields, setFields] = useState<"part" | "receive" | "transfer" | "min" | "replenish">("part");
  const parts = useQuery({ queryKey: ["spare-parts"], queryFn: () => get<Part[]>("/api/spare-parts") });
  const stock = useQuery({
    queryKey: ["stock", servicePointId],
    queryFn: () => get<StockRow[]>(`/api/stock${qs({ servicePointId })}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["stock"] });
  const pointOptions = (directory.data?.servicePoints ?? []).map((p) => ({ value: p.id, label: p.name }));
  const partOptions = (parts.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));
  const open = (
    kind: typeof fields,
    title: string,
    save: (v: StockForm) => Promise<unknown>,
    initial?: object,
  ) => {
    setFields(kind);
    setOpen({ title, initial: initial ?? { servicePointId, unit: "个" }, save });
  };
  const partAndPoint = (
    <>
      <RequiredField name="partId" label={t("stock.part")}>
        <Select showSearch optionFilterProp="label" options={partOptions} />
      </RequiredField>
      <RequiredField name="servicePointId" label={t("stock.servicePoint")}>
        <Select options={pointOptions} />
      </RequiredField>
    </>
  );
  const form = {
    part: (
      <>
        <RequiredField name="code" label={t("stock.code")}>
          <Input maxLength={50} />
        </RequiredField>
        <RequiredField name="name" label={t("stock.name")}>
          <Input maxLength={200} />
        </RequiredField>
        <Space wrap>
          <RequiredField name="unit" label={t("stock.unit")}>
            <Input maxLength={10} style={{ width: 100 }} />
          </RequiredField>
          <RequiredField name="price" label={t("stock.priceYuan")}>
            <InputNumber min={0} precision={2} />
          </RequiredField>
        </Space>
      </>
    ),
    receive: (
      <>
        {partAndPoint}
        <RequiredField name="quantity" label={t("stock.quantity")}>
          <InputNumber min={1} precision={0} />
        </RequiredField>
        <RequiredField name="reference" label={t("stock.reference")}>
          <Input maxLength={100} />
        </RequiredField>
      </>
    ),
    transfer: (
      <>
        {partAndPoint}
        <RequiredField name="toServicePointId" label={t("stock.toServicePoint")}>
          <Select options={pointOptions} />
        </RequiredField>
        <RequiredField name="quantity" label={t("stock.quantity")}>
          <InputNumber min={1} precision={0} />
        </RequiredField>
      </>
    ),
    replenish: (
      <>
        {partAndPoint}
        <RequiredField name="quantity" label={t("stock.quantity")}>
          <InputNumber min={1} precision={0} />
        </RequiredField>
        <Form.Item name="supplier" label={t("stock.supplier")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t("stock.note")}>
          <Input maxLength={500} />
        </Form.Item>
      </>
    ),
    min: (
      <>
        {partAndPoint}
        <RequiredField name="minStock" label={t("stock.minStock")}>
          <InputNumber min={0} precision={0} />
        </RequiredField>
      </>
    ),
  }[fields];
  const rows = stock.data ?? [];
  const replenish = (initial?: object) =>
    open(
      "replenish",
      t("stock.replenish"),
      async (v) => {
        await post("/api/replenishments", v satisfies ReplenishmentInput);
        await queryClient.invalidateQueries({ queryKey: ["stock"] });
        setTab("replenishments");
      },
      initial,
    );
  return (
    <Card
      extra={
        canManage && (
          <Space wrap>
            <Button
              onClick={() =>
                open("part", t("stock.addPart"), async (v) => {
                  await post("/api/spare-parts", {
                    code: v.code,
                    name: v.name,
                    unit: v.unit,
                    priceFen: yuanToFen(v.price) ?? undefined,
                  } satisfies SparePartInput);
                  await queryClient.invalidateQueries({ queryKey: ["spare-parts"] });
                })
              }
            >
              {t("stock.addPart")}
            </Button>
            <Button
              type="primary"
              onClick={() =>
                open("receive", t("stock.receive"), (v) =>
                  post("/api/stock/receive", v satisfies ReceiveInput).then(refresh),
                )
              }
            >
              {t("stock.receive")}
            </Button>
            <Button
              onClick={() =>
                open("transfer", t("stock.transfer"), (v) =>
                  post("/api/stock/transfer", v satisfies TransferInput).then(refresh),
                )
              }
            >
              {t("stock.transfer")}
            </Button>
            <Button
              onClick={() =>
                open("min", t("stock.setMin"), (v) =>
                  api("PUT", "/api/stock/min", v satisfies MinStockInput).then(refresh),
                )
              }
            >
              {t("stock.setMin")}
            </Button>
            <Button onClick={() => replenish()}>{t("stock.replenish")}</Button>
          </Space>
        )
      }
      title={t("menu.stock")}
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as typeof tab)}
        items={[
          { key: "stock", label: t("stock.tabStock") },
          { key: "replenishments", label: t("stock.tabReplenishments") },
        ]}
      />
      {tab === "replenishments" ? (
        <Replenishments canManage={canManage} />
      ) : (
        <>
          <Select
            allowClear
            placeholder={t("stock.allPoints")}
            style={{ width: 180, marginBottom: 12 }}
            value={servicePointId}
            onChange={setServicePointId}
            options={pointOptions}
          />
          <ResponsiveTable<StockRow & { id: string }>
            loading={stock.isLoading}
            dataSource={rows.map((r) => ({ ...r, id: `${r.partId}:${r.servicePointId}` }))}
            emptyText={<Empty description={t("stock.empty")} />}
            scrollX={800}
            columns={[
              { title: t("stock.code"), render: (_, r) => r.code },
              { title: t("stock.name"), render: (_, r) => r.name },
              { title: t("stock.servicePoint"), render: (_, r) => r.servicePoint },
              { title: t("stock.onHand"), align: "right", render: (_, r) => r.onHand },
              { title: t("stock.reserved"), align: "right", render: (_, r) => r.reserved },
              { title: t("stock.available"), align: "right", render: (_, r) => r.available },
              {
                title: t("stock.minStock"),
                render: (_, r) => (
                  <Space>
                    {r.minStock}
                    {r.low && <Tag color="red">{t("stock.low")}</Tag>}
                  </Space>
                ),
              },
              {
                title: t("stock.price"),
                render: (_, r) => {
                  const part = parts.data?.find((p) => p.id === r.partId);
                  return part ? `${formatFen(part.priceFen)} / ${part.unit}` : "—";
                },
              },
              ...(canManage
                ? [
                    {
                      title: t("common.actions"),
                      render: (_: unknown, r: StockRow) =>
                        r.low && (
                          <Button
                            size="small"
                            onClick={() =>
                              replenish({
                                partId: r.partId,
                                servicePointId: r.servicePointId,
                                // Back up to twice the minimum, so the next job does not set it off again.
                                quantity: Math.max(r.minStock * 2 - r.onHand, 1),
                              })
                            }
                          >
                            {t("stock.replenish")}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {dialog(form)}
    </Card>
  );
}
