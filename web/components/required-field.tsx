import { Form, Input } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A form field that must be filled; a text input unless another control is given. */
export function RequiredField({
  name,
  label,
  children,
}: {
  name: string;
  label: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t("common.required") }]}>
      {children ?? <Input />}
    </Form.Item>
  );
}
