import { useQuery } from "@tanstack/react-query";
import { get } from "../../../lib/api";

export type ServicePoint = { id: string; name: string; isHeadquarters: boolean; regions: string[] };

export type Directory = {
  departments: { id: string; name: string; parentId: string | null }[];
  users: { id: string; displayName: string; departmentId: string | null }[];
  servicePoints: ServicePoint[];
};

export const useDirectory = () =>
  useQuery({ queryKey: ["directory"], queryFn: () => get<Directory>("/api/directory"), staleTime: 300_000 });

export type StandardAnswer = { id: string; category: string; title: string; body: string };
export const useStandardAnswers = () =>
  useQuery({
    queryKey: ["standard-answers"],
    queryFn: () => get<StandardAnswer[]>("/api/standard-answers"),
    staleTime: 300_000,
  });
