import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import type { DemoContext } from "../demo/types.ts";
import { DEMO_SERVICES, EXTRA_ORGANISATIONS } from "./demo-directory.ts";
import { DEMO_NETWORKS, type DemoInvolvement, type DemoProfessional } from "./demo-people.ts";
import * as directoryStore from "./directory-store.ts";
import * as store from "./store.ts";

function daysBefore(today: string, days: number): string {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/**
 * The demo's directory (services for every organisation, and a few more organisations of the city)
 * and each demo person's network: family and carers, other professionals, services now and before.
 * Load it before consent's demo, which shares Dean's story with his mum's family-member record.
 */
export async function loadNetworkDemo(tx: Tx, context: DemoContext): Promise<void> {
  const today = todayIso(context.now);
  const organisations = new Map<string, { id: string; name: string }>();
  for (const [key, id] of Object.entries(context.organisationIds)) {
    const organisation = await directoryStore.findOrganisation(tx, context.tenantId, id);
    if (organisation) organisations.set(key, { id, name: organisation.name });
  }
  for (const [key, values] of Object.entries(EXTRA_ORGANISATIONS)) {
    const organisation = await directoryStore.insertOrganisation(tx, context.tenantId, values);
    organisations.set(key, { id: organisation.id, name: organisation.name });
  }

  const services = new Map<string, { id: string; organisationName: string; name: string }>();
  for (const [key, list] of Object.entries(DEMO_SERVICES)) {
    const organisation = organisations.get(key);
    if (!organisation) continue;
    for (const service of list) {
      const row = await directoryStore.insertService(tx, context.tenantId, {
        organisationId: organisation.id,
        name: service.name,
        description: service.description,
        phone: service.phone ?? null,
        email: service.email ?? null,
        website: service.website ?? null,
        area: service.area,
        active: true,
      });
      services.set(`${key}/${service.name}`, { id: row.id, organisationName: organisation.name, name: row.name });
    }
  }

  const professionalValues = (professional: DemoProfessional): store.ProfessionalValues => {
    const organisation = "key" in professional.organisation ? organisations.get(professional.organisation.key) : undefined;
    return {
      organisationId: organisation?.id ?? null,
      organisationName: organisation?.name ?? ("name" in professional.organisation ? professional.organisation.name : "Unknown"),
      name: professional.name,
      role: professional.role,
      phone: professional.phone ?? null,
      email: professional.email ?? null,
      startedOn: daysBefore(today, professional.sinceDaysAgo),
    };
  };

  const involvementValues = (involvement: DemoInvolvement): store.ServiceInvolvedValues => {
    const service = typeof involvement.service === "string" ? services.get(involvement.service) : undefined;
    if (typeof involvement.service === "string" && !service) throw new Error(`demo service ${involvement.service} is not in the directory`);
    return {
      serviceId: service?.id ?? null,
      organisationName: service?.organisationName ?? (typeof involvement.service === "string" ? "" : involvement.service.organisationName),
      serviceName: service?.name ?? (typeof involvement.service === "string" ? null : (involvement.service.serviceName ?? null)),
      startedOn: involvement.fromDaysAgo === undefined ? null : daysBefore(today, involvement.fromDaysAgo),
      endedOn: involvement.toDaysAgo === undefined ? null : daysBefore(today, involvement.toDaysAgo),
      note: involvement.note ?? null,
    };
  };

  for (const { id: personId, demo } of context.people) {
    const network = DEMO_NETWORKS[demo.key];
    if (!network) continue;
    const createdBy = context.userIds[demo.lead];
    const base = { tenantId: context.tenantId, personId, createdBy };
    for (const member of network.family ?? []) {
      await store.insertFamilyMember(tx, {
        ...base,
        values: {
          name: member.name,
          relationship: member.relationship,
          isCarer: member.isCarer ?? false,
          phone: member.phone ?? null,
          email: member.email ?? null,
          contactPreferences: member.contactPreferences ?? null,
          ownNeeds: member.ownNeeds ?? null,
          userId: member.carerAccount ? context.userIds.carer : null,
        },
      });
    }
    for (const professional of network.professionals ?? []) {
      await store.insertProfessional(tx, { ...base, values: professionalValues(professional) });
    }
    for (const involvement of network.services ?? []) {
      await store.insertServiceInvolved(tx, { ...base, values: involvementValues(involvement) });
    }
  }
}
