/**
 * The chronology of each generated person, as the capabilities would have written it: added to
 * Keywork, people joining the team, the referral, goals and actions added and finished, consent
 * given and withdrawn, risks, plan reviews and closure. Contacts and significant events are read
 * from their own tables by the chronology, so they are not repeated here.
 */
import { Json, type BulkLoader } from "./seed-scale-copy.ts";
import { memberships, perPerson, type Progress } from "./seed-scale-casework.ts";
import { referralOf } from "./seed-scale-network.ts";
import { consentsOf, planOf, risksOf } from "./seed-scale-plans.ts";
import { DAY } from "./seed-scale-random.ts";
import { streamFor, type World } from "./seed-scale-world.ts";

const ROLE_NAMES: Record<string, string> = { lead: "lead worker", "co-worker": "co-worker", "peer-mentor": "peer mentor", partner: "partner professional" };
const RISK_LABELS: Record<string, string> = { "to-person": "Risk to them", "from-person": "Risk from them", "to-workers": "Risk to workers" };

export async function loadChronology(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const columns = ["id", "tenant_id", "person_id", "occurred_at", "kind", "summary", "section", "detail", "actor_user_id", "source_type", "source_id"];
  await loader.table("chronology_events", columns, (load) =>
    perPerson(world, load, progress, (person) => {
      const random = streamFor(world, "chronology", person.index);
      const lead = world.users[person.lead]?.id ?? null;
      const add = (ms: number, kind: string, summary: string, section: string, detail: Record<string, unknown> | null, sourceType: string | null = null, sourceId: string | null = null) => {
        load.add([random.uuid(ms), tenantId, person.id, new Date(ms), kind, summary, section, detail ? new Json(detail) : null, lead, sourceType, sourceId]);
      };
      add(person.createdMs, "person-added", "Added to Keywork", "record", null);
      for (const member of memberships(person)) {
        const user = world.users[member.user];
        add(member.startedMs, "team-member-added", `${user?.displayName ?? "A worker"} joined the team as ${ROLE_NAMES[member.role] ?? member.role}`, "record", { userId: user?.id, role: member.role }, "care_team_member", null);
      }
      const referral = referralOf(world, person);
      if (referral) {
        const service = world.organisations[referral.organisation]?.name ?? "the service";
        add(referral.receivedMs, "referral-received", `Referral to ${service} from Brookside Medical Practice`, "story", { reason: "Struggling to keep the tenancy and not engaging with services." }, "referral", referral.id);
      }
      const plan = planOf(world, person);
      for (const goal of plan.goals) {
        add(goal.createdMs, "goal-added", `Goal added: ${goal.description}`, "plan", null, "goal", goal.id);
        if (goal.endedMs) add(goal.endedMs, `goal-${goal.status}`, `Goal ${goal.status}: ${goal.description}`, "plan", { status: goal.status }, "goal", goal.id);
      }
      for (const action of plan.actions) {
        const owner = world.organisations[action.ownerOrganisation];
        add(action.createdMs, "action-added", `Action added: ${action.description} – due ${action.dueOn}`, "plan", { dueOn: action.dueOn, ownerOrganisationId: owner?.id }, "plan-action", action.id);
        if (action.completedMs) {
          add(action.completedMs, `action-${action.status}`, `${action.status === "done" ? "Action done" : "Action cancelled"}: ${action.description}`, "plan", { fields: ["status", "evidence"], status: action.status }, "plan-action", action.id);
        }
      }
      if (plan.lastReviewedOn) add(Date.parse(`${plan.lastReviewedOn}T11:00:00Z`), "plan-reviewed", `Plan reviewed (at a meeting); next review by ${plan.nextReviewOn}`, "plan", { reviewedOn: plan.lastReviewedOn, nextReviewOn: plan.nextReviewOn }, "plan", plan.id);
      for (const consent of consentsOf(world, person)) {
        const party = consent.partyOrganisation === null ? null : world.organisations[consent.partyOrganisation]?.name;
        const subject = consent.type === "work-with-service" ? "Consent to work with the service" : consent.type === "share-with" ? `Consent to share with ${party}` : "Consent to contact agencies";
        add(consent.givenMs, "consent-given", `${subject} given${consent.scopes.length > 0 ? ` (${consent.scopes.join(", ")})` : ""}`, "consent", { consentId: consent.id, version: 1, scopes: consent.scopes, reviewOn: consent.reviewOn }, "consent", consent.id);
        if (consent.withdrawnMs) add(consent.withdrawnMs, "consent-withdrawn", `${subject} withdrawn`, "consent", null, "consent", consent.id);
      }
      for (const risk of risksOf(world, person)) {
        add(risk.createdMs, "risk-added", `${RISK_LABELS[risk.category] ?? "Risk"} added (${risk.level})`, "risks", { category: risk.category }, "risk", risk.id);
      }
      if (person.engagementStatus !== "engaged" && person.closedMs === null) {
        add(Math.max(person.createdMs, world.options.now - random.between(5, 90) * DAY), "engagement-changed", `Engagement changed from Engaged to ${person.engagementStatus.replace(/-/g, " ")}`, "record", { from: "engaged", to: person.engagementStatus });
      }
      if (person.closedMs) add(person.closedMs, "case-closed", "Case closed", "record", { checklist: [] });
    }),
  );
}
