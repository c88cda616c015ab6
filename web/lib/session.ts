import { useQuery } from "@tanstack/react-query";
import { ApiError, get } from "./api";

export type Me = {
  kind: "staff" | "customer";
  id: string;
  name: string;
  org: { name: string; timeZone: string };
  departmentId: string | null;
  capabilities: string[];
  dataScope: string;
  mustChangePassword: boolean;
};

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        return await get<Me>("/api/auth/me");
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export const hasCapability = (me: Me | null | undefined, capability: string) =>
  Boolean(me?.capabilities.includes(capability));
