import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Services, staffCtx } from "../../plugins/auth";
import { exportPersonalData } from "./personal-data";

/** Records and privacy (M14). */
export async function recordRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/customers/:id/personal-data",
    {
      config: { access: { staff: "customer.export" } },
      schema: { tags: ["records"], params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const { name, zip } = await exportPersonalData(staffCtx(services, request), request.params.id);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(zip);
    },
  );
}
