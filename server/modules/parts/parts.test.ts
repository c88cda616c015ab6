import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { notifications, servicePoints, stockMovements } from "../../db/schema";
import { codeOf, createOrg, createStaff, type TestOrg, testApp, testDatabase } from "../../test/factories";
import {
  cancelReplenishment,
  listReplenishments,
  orderReplenishment,
  receiveReplenishment,
} from "./replenishment";
import {
  consumeStock,
  listStock,
  receiveStock,
  releaseStock,
  reserveStock,
  saveSparePart,
  setMinStock,
  transferStock,
} from "./stock";

let database: Database;
let org: TestOrg;
type Staff = Awaited<ReturnType<typeof createStaff>>;
let keeper: Staff;
let engineer: Staff;
let points: Record<string, string>;

beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  keeper = await createStaff(database, org, "dispatcher", { name: "冯派工" });
  engineer = await createStaff(database, org, "engineer", { name: "韩工" });
  const rows = await database.db.select().from(servicePoints).where(eq(servicePoints.orgId, org.orgId));
  points = Object.fromEntries(rows.map((p) => [p.name, p.id]));
});

const stockOf = async (partId: string, point: string) =>
  (await listStock(keeper, points[point])).find((s) => s.partId === partId)!;

describe("spare parts stock", () => {
  it("C078 parts are received, reserved for work, consumed, released and transferred; every movement is recorded", async () => {
    const part = await saveSparePart(keeper, null, {
      code: "DRV-40W",
      name: "LED 驱动电源 40W",
      priceFen: 8_500,
    });
    expect(await codeOf(saveSparePart(keeper, null, { code: "DRV-40W", name: "重复" }))).toBe(
      "SPARE_PART_CODE_TAKEN",
    );
    expect(await codeOf(saveSparePart(engineer, null, { code: "X", name: "X" }))).toBe("FORBIDDEN");
    const change = { partId: part.id, servicePointId: points.华北 };
    await receiveStock(keeper, { ...change, quantity: 10, reference: "采购单 PO-1123" });
    await database.db.transaction(async (tx) => {
      await reserveStock(tx, engineer, { ...change, quantity: 3, reference: "WO-1" });
    });
    expect(await stockOf(part.id, "华北")).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    await database.db.transaction(async (tx) => {
      await consumeStock(tx, engineer, { ...change, quantity: 2, reference: "WO-1" }, true);
      await releaseStock(tx, engineer, { ...change, quantity: 1, reference: "WO-1" });
    });
    expect(await stockOf(part.id, "华北")).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    expect(
      await codeOf(database.db.transaction((tx) => releaseStock(tx, engineer, { ...change, quantity: 1 }))),
    ).toBe("STOCK_NOT_RESERVED");
    expect(
      await codeOf(transferStock(keeper, { ...change, quantity: 9, toServicePointId: points.华中 })),
    ).toBe("STOCK_INSUFFICIENT");
    await transferStock(keeper, { ...change, quantity: 5, toServicePointId: points.华中 });
    expect(await stockOf(part.id, "华北")).toMatchObject({ onHand: 3 });
    expect(await stockOf(part.id, "华中")).toMatchObject({ onHand: 5 });
    const kinds = await database.db
      .select({ kind: stockMovements.kind, quantity: stockMovements.quantity })
      .from(stockMovements)
      .where(eq(stockMovements.partId, part.id));
    expect(kinds.map((k) => `${k.kind} ${k.quantity}`).sort()).toEqual(
      ["receive 10", "reserve 3", "consume -2", "release -1", "transfer_out -5", "transfer_in 5"].sort(),
    );
  });

  it("C078 stock never goes negative: two work orders reserving the last unit at once, one gets it", async () => {
    const part = await saveSparePart(keeper, null, { code: "LENS-01", name: "透镜" });
    const change = { partId: part.id, servicePointId: points.华南 };
    await receiveStock(keeper, { ...change, quantity: 1 });
    const results = await Promise.all(
      ["WO-A", "WO-B"].map((reference) =>
        codeOf(
          database.db.transaction((tx) => reserveStock(tx, engineer, { ...change, quantity: 1, reference })),
        ),
      ),
    );
    expect(results.sort()).toEqual(["OK", "STOCK_INSUFFICIENT"]);
    const used = await Promise.all(
      [1, 2].map(() =>
        codeOf(database.db.transaction((tx) => consumeStock(tx, engineer, { ...change, quantity: 1 }, true))),
      ),
    );
    expect(used.sort()).toEqual(["OK", "STOCK_NOT_RESERVED"]);
    expect(await stockOf(part.id, "华南")).toMatchObject({ onHand: 0, reserved: 0 });
  });

  it("C078 falling below the minimum stock alerts the stock keepers once", async () => {
    const part = await saveSparePart(keeper, null, { code: "SENS-02", name: "感应器" });
    const change = { partId: part.id, servicePointId: points.西北 };
    await setMinStock(keeper, { ...change, minStock: 3 });
    await receiveStock(keeper, { ...change, quantity: 4 });
    for (let i = 0; i < 3; i++)
      await database.db.transaction((tx) => consumeStock(tx, engineer, { ...change, quantity: 1 }, false));
    expect(await stockOf(part.id, "西北")).toMatchObject({ onHand: 1, low: true });
    const alerts = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, keeper.actor.userId), eq(notifications.kind, "low_stock")));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].params).toMatchObject({ part: "SENS-02 感应器", point: "西北", onHand: "2" });
  });

  it("the stock API: catalogue, receive, minimum and the list, with clear errors", async () => {
    const http = await testApp(database, org);
    const asKeeper = await http.signInAs(keeper);
    const created = await asKeeper.request("POST", "/api/spare-parts", {
      code: "CAP-1",
      name: "电容",
      unit: "只",
    });
    expect(created.statusCode).toBe(201);
    const partId = created.json().id;
    const bad = await asKeeper.request("POST", "/api/stock/receive", {
      partId,
      servicePointId: points.华东本部,
      quantity: 0,
    });
    expect(bad.statusCode).toBe(422);
    await asKeeper.request("POST", "/api/stock/receive", {
      partId,
      servicePointId: points.华东本部,
      quantity: 20,
    });
    await asKeeper.request("PUT", "/api/stock/min", {
      partId,
      servicePointId: points.华东本部,
      minStock: 25,
    });
    const stock = (await asKeeper.request("GET", `/api/stock?servicePointId=${points.华东本部}`)).json();
    expect(stock.find((s: { partId: string }) => s.partId === partId)).toMatchObject({
      code: "CAP-1",
      servicePoint: "华东本部",
      onHand: 20,
      available: 20,
      minStock: 25,
      low: true,
    });
    const asEngineer = await http.signInAs(engineer);
    const refused = await asEngineer.request("POST", "/api/stock/receive", {
      partId,
      servicePointId: points.华东本部,
      quantity: 1,
    });
    expect(refused.statusCode).toBe(403);
  });

  it("C078 a replenishment order is received into its point's stock once, even when two keepers receive it at once", async () => {
    const part = await saveSparePart(keeper, null, { code: "LENS-1", name: "透镜" });
    expect(
      await codeOf(
        orderReplenishment(engineer, { partId: part.id, servicePointId: points.华南, quantity: 5 }),
      ),
    ).toBe("FORBIDDEN");
    const order = await orderReplenishment(keeper, {
      partId: part.id,
      servicePointId: points.华南,
      quantity: 5,
      supplier: "深圳光电",
    });
    expect(order.number).toMatch(/^BH-\d{6}-\d{4}$/);
    expect((await listReplenishments(keeper, { status: "ordered" })).items.map((o) => o.id)).toContain(
      order.id,
    );
    const results = await Promise.all([
      codeOf(receiveReplenishment(keeper, order.id, { quantity: 4 })),
      codeOf(receiveReplenishment(keeper, order.id, { quantity: 4 })),
    ]);
    expect(results.sort()).toEqual(["OK", "REPLENISHMENT_NOT_OPEN"]);
    expect(await stockOf(part.id, "华南")).toMatchObject({ onHand: 4 });
    const [movement] = await database.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.partId, part.id), eq(stockMovements.kind, "receive")));
    expect(movement).toMatchObject({ quantity: 4, reference: order.number });
    const received = (await listReplenishments(keeper, { status: "received" })).items.find(
      (o) => o.id === order.id,
    );
    expect(received).toMatchObject({ quantity: 5, receivedQuantity: 4 });

    const other = await orderReplenishment(keeper, {
      partId: part.id,
      servicePointId: points.华南,
      quantity: 2,
    });
    await cancelReplenishment(keeper, other.id);
    expect(await codeOf(receiveReplenishment(keeper, other.id, {}))).toBe("REPLENISHMENT_NOT_OPEN");
    expect(await stockOf(part.id, "华南")).toMatchObject({ onHand: 4 });
  });
});
