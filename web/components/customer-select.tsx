import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get, qs } from "../lib/api";

/**
 * Picks a customer from the archive by name or phone as one types (the first 20 matches): those in
 * one's data scope by part of it, any customer by its whole name or number.
 */
export function CustomerSelect(props: { value?: string; onChange?: (id: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["customers", "pick", q],
    queryFn: () => get<{ id: string; name: string }[]>(`/api/customers/lookup${qs({ q })}`),
  });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t("customer.pickPlaceholder")}
      notFoundContent={found.isFetching ? null : t("customer.pickNotFound")}
      loading={found.isFetching}
      options={(found.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
