import { App, Modal, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../lib/api";
import { useShowError } from "../lib/feedback";

type RowError = { row: number; column: string; message: string };

/**
 * Uploads an xlsx to an import endpoint: success says how many were imported (the message `doneKey`
 * with its count); a refused file shows its row-by-row report (nothing of it was kept). `upload(file)`
 * sends it; `report` renders the report.
 */
export function useXlsxImport(url: string, doneKey: string, onImported: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const upload = async (file: File) => {
    const body = new FormData();
    body.append("file", file);
    try {
      const result = await api<{ imported: number }>("POST", url, body);
      message.success(t(doneKey, { count: result.imported }));
      onImported();
    } catch (error) {
      if (error instanceof ApiError && error.code === "IMPORT_FAILED" && Array.isArray(error.details))
        setErrors(error.details);
      else showError(error);
    }
  };
  const report = (
    <Modal
      open={Boolean(errors)}
      title={t("customer.importErrors")}
      footer={null}
      onCancel={() => setErrors(null)}
      width={640}
    >
      <Table
        rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
        size="small"
        pagination={{ pageSize: 10 }}
        dataSource={errors ?? []}
        columns={[
          { title: t("customer.row"), dataIndex: "row", width: 60 },
          { title: t("customer.column"), dataIndex: "column", width: 140 },
          { title: t("customer.problem"), dataIndex: "message" },
        ]}
      />
    </Modal>
  );
  return { upload, report };
}
