import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get, qs } from "../lib/api";

/** Picks a customer from the archive by name or phone as one types (the first 20 matches). */
export function CustomerSelect(props: { value?: string; onChange?: (id: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["customers", "pick", q],
    queryFn: () => get<{ items: { id: string; name: string }[] }>(`/api/customers${qs({ q, pageSize: 20 })}`),
  });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t("customer.searchPlaceholder")}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
