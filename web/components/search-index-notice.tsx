import { useQuery } from "@tanstack/react-query";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { SearchIndexStatus } from "../../common/schemas/records";
import { get } from "../lib/api";

/** Above search results while older records get the current search tokens (the server's reindex schedule). */
export function SearchIndexNotice({ searching }: { searching: boolean }) {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ["search-status"],
    queryFn: () => get<SearchIndexStatus>("/api/search/status"),
    enabled: searching,
    refetchInterval: (query) => (query.state.data?.rebuilding ? 15_000 : false),
  });
  if (!searching || !status.data?.rebuilding) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t("common.searchRebuilding", { percent: status.data.percent })}
    />
  );
}
