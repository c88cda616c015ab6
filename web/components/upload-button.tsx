import { Upload } from "antd";
import type { ReactNode } from "react";
import { api } from "../lib/api";
import { useShowError } from "../lib/feedback";

/** Sends the chosen file to `url` as multipart (with the session's CSRF header); errors are shown. */
export function UploadButton({
  url,
  accept,
  onDone,
  children,
}: {
  url: string;
  accept?: string;
  onDone: () => void;
  children: ReactNode;
}) {
  const showError = useShowError();
  return (
    <Upload
      showUploadList={false}
      accept={accept}
      customRequest={async ({ file, onSuccess, onError }) => {
        const form = new FormData();
        form.append("file", file as Blob);
        try {
          await api("POST", url, form);
          onSuccess?.({});
          onDone();
        } catch (error) {
          showError(error);
          onError?.(error as Error);
        }
      }}
    >
      {children}
    </Upload>
  );
}
