import ExcelJS from "exceljs";
import { type Translated, translated } from "../../common/validation";
import { AppError } from "./errors";

export type SheetColumn = { header: string; key: string; width: number };

/**
 * A sheet with its bold header row and the rows: objects by column key, or arrays in column order.
 * Every export builds its sheets this way.
 */
export function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn[],
  rows: readonly (Record<string, unknown> | unknown[])[],
) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

/** A problem in an imported sheet: its row (1 = the header), column and what is wrong. */
/** One cell's problem; the message in each language (the caller reads theirs). */
export type ImportRowError = { row: number; column: string; message: Translated };

/** The problems every import reports. */
export const MISSING_COLUMN = translated("缺少此列", "column missing", "缺少此欄");
export const shouldBe = (text: string, choices: string) =>
  translated(`“${text}” 应为 ${choices}`, `“${text}” should be ${choices}`, `“${text}” 應為 ${choices}`);

/** An import is refused whole, with every row's problems; nothing of it is kept. */
export const importFailed = (errors: ImportRowError[]) =>
  new AppError("IMPORT_FAILED", 422, { count: new Set(errors.map((e) => e.row)).size }, errors);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return String(value.result ?? "");
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value).trim();
}

/**
 * The first sheet of an uploaded workbook as text: its header (column 1 at index 1) and each
 * non-empty row below it with its row number. Not a workbook: refused as an import error.
 */
export async function readFirstSheet(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw importFailed([
      {
        row: 0,
        column: "",
        message: translated("不是有效的 xlsx 文件", "not an xlsx file", "不是有效的 xlsx 檔案"),
      },
    ]);
  }
  const sheet = workbook.worksheets[0];
  const header = (sheet?.getRow(1).values as ExcelJS.CellValue[] | undefined)?.map(cellText) ?? [];
  const rows: { row: number; cell: (index: number) => string }[] = [];
  sheet?.eachRow((row, rowNumber) => {
    if (rowNumber > 1)
      rows.push({ row: rowNumber, cell: (index) => (index > 0 ? cellText(row.getCell(index).value) : "") });
  });
  return { header, rows };
}
