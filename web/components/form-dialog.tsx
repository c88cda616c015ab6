import { Form, Modal } from "antd";
import { type ReactNode, useState } from "react";
import { useShowError, validFields } from "../lib/feedback";

type Opened<V> = {
  title: string;
  width?: number;
  initial?: Partial<V> | object;
  /** The OK button's words and warning colour, for a save that cannot be undone. */
  okText?: string;
  danger?: boolean;
  save: (values: V) => Promise<unknown>;
};

/**
 * A form in a modal that saves and closes, or shows the server's message and stays open with what
 * was typed. `setOpen({ title, initial, save })` opens it; `dialog(fields)` renders it. `V` is what
 * the fields hold, so that `save` builds a body the compiler checks against the server's input type.
 */
export function useFormDialog<V extends object = Record<string, unknown>>() {
  const [form] = Form.useForm<V>();
  const showError = useShowError();
  const [open, setOpen] = useState<Opened<V> | null>(null);
  // A second click while saving would save twice.
  const [saving, setSaving] = useState(false);
  const dialog = (fields: ReactNode) => (
    <Modal
      open={Boolean(open)}
      title={open?.title}
      width={open?.width}
      destroyOnHidden
      confirmLoading={saving}
      okText={open?.okText}
      okButtonProps={{ danger: open?.danger }}
      onCancel={() => setOpen(null)}
      onOk={async () => {
        const values = await validFields(form);
        if (!values) return;
        setSaving(true);
        try {
          await open!.save(values);
          setOpen(null);
        } catch (error) {
          showError(error);
        } finally {
          setSaving(false);
        }
      }}
    >
      {/* clearOnDestroy: each opening starts from its own initial values, not what the last one left. */}
      <Form form={form} layout="vertical" preserve={false} clearOnDestroy initialValues={open?.initial}>
        {fields}
      </Form>
    </Modal>
  );
  return { setOpen, dialog, form };
}
