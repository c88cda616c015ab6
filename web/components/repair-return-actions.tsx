import { Button, Checkbox, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GiveBackInput, RepairedInput, RepairReturnRow } from "../../common/schemas/field-service";
import { post } from "../lib/api";
import { useFormDialog } from "./form-dialog";
import { RequiredField } from "./required-field";

/**
 * What can be done to a product taken back for repair (C075), wherever it is listed: open its receipt,
 * report it repaired (the workshop), give it back against the receipt (the engineer).
 */
export function RepairReturnActions({ item, onDone }: { item: RepairReturnRow; onDone: () => unknown }) {
  const { t } = useTranslation();
  const { setOpen, dialog } = useFormDialog<RepairedInput & GiveBackInput>();
  const [giving, setGiving] = useState(false);
  const act = (path: "repaired" | "give-back") => (v: RepairedInput | GiveBackInput) =>
    post(`/api/repair-returns/${item.id}/${path}`, v).then(onDone);
  return (
    <Space wrap>
      <Link to={`/forms/return_receipt/${item.id}`}>
        <Button>{t("repairReturn.receipt")}</Button>
      </Link>
      {item.abilities.markRepaired && (
        <Button
          onClick={() => {
            setGiving(false);
            setOpen({ title: t("repairReturn.markRepaired"), save: act("repaired") });
          }}
        >
          {t("repairReturn.markRepaired")}
        </Button>
      )}
      {item.abilities.giveBack && (
        <Button
          type="primary"
          onClick={() => {
            setGiving(true);
            setOpen({
              title: t("repairReturn.giveBack"),
              save: act("give-back"),
              initial: { receiptTakenBack: true },
            });
          }}
        >
          {t("repairReturn.giveBack")}
        </Button>
      )}
      {dialog(
        giving ? (
          <>
            <Form.Item name="receiptTakenBack" valuePropName="checked">
              <Checkbox>{t("repairReturn.receiptTakenBack")}</Checkbox>
            </Form.Item>
            <Form.Item noStyle dependencies={["receiptTakenBack"]}>
              {({ getFieldValue }) =>
                !getFieldValue("receiptTakenBack") && (
                  <RequiredField name="note" label={t("repairReturn.receiptNote")}>
                    <Input.TextArea rows={2} />
                  </RequiredField>
                )
              }
            </Form.Item>
            <Typography.Text type="secondary">{t("repairReturn.giveBackHelp")}</Typography.Text>
          </>
        ) : (
          <RequiredField name="repairNote" label={t("repairReturn.repairNote")}>
            <Input.TextArea rows={3} />
          </RequiredField>
        ),
      )}
    </Space>
  );
}
