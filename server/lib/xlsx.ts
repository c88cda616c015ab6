import type ExcelJS from "exceljs";

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
