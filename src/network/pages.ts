import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { RELOAD, versionFrom } from "./forms.ts";
import type { FormValues } from "./form-parts.ts";
import { addMemberPage, changeLeadPage, endMemberPage } from "./member-views.ts";
import { MEMBERSHIP_ROLE_NAMES, memberFields } from "./schema.ts";
import * as team from "./service.ts";
import { teamPage } from "./views.ts";

const memberForm = z.strictObject(memberFields);
const leadForm = z.strictObject({
  newLeadUserId: z.uuid({ error: "Choose the new lead worker from the list" }),
  previousLead: z.enum(["co-worker", "leave"], { error: "Choose what happens to the current lead worker" }),
  expectedLeadUserId: z.string().transform((value) => (value ? value : null)),
});

function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof Invalid) return error.issues;
  throw error;
}

/** The team page, and the forms that change who with a Keywork account is in the team. */
export const teamRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.people.team(":id"), async (request, reply) => {
    const view = await team.readTeam(db, request.actor as Actor, personIdFrom(request));
    return sendPage(reply, teamPage(await pageContext(db, request, reply), view));
  });

  async function renderAddMember(request: FastifyRequest, reply: FastifyReply, values: FormValues, issues: FieldIssue[], status = 200) {
    const actor = request.actor as Actor;
    const editing = await team.readTeamForEditing(db, actor, personIdFrom(request));
    const users = await team.usersForTeams(db, actor, "member");
    const context = await pageContext(db, request, reply);
    const hasLead = editing.members.some((member) => member.role === "lead");
    return sendPage(reply, addMemberPage(context, { ...editing, users, values, issues, hasLead }), status);
  }

  app.get(paths.people.newTeamMember(":id"), async (request, reply) => renderAddMember(request, reply, {}, []));

  app.post(paths.people.teamMembers(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await team.assertMayEditTeam(db, actor, personId);
    const values = formValues(request.body);
    const parsed = memberForm.safeParse({ userId: values.userId ?? "", role: values.role ?? "" });
    let issues = parsed.success ? [] : fieldIssues(parsed.error);
    if (parsed.success) {
      try {
        const member = await team.addMember(db, actor, personId, parsed.data);
        return redirectWithFlash(db, request, reply, `${paths.people.team(personId)}#members`, { title: `${member.name} has joined the team as ${MEMBERSHIP_ROLE_NAMES[member.role]}` });
      } catch (error) {
        issues = issuesOf(error);
      }
    }
    return renderAddMember(request, reply, values, issues, 400);
  });

  async function renderChangeLead(request: FastifyRequest, reply: FastifyReply, values: FormValues, issues: FieldIssue[], status = 200, conflict?: string) {
    const actor = request.actor as Actor;
    const editing = await team.readTeamForEditing(db, actor, personIdFrom(request));
    const users = await team.usersForTeams(db, actor, "lead");
    const lead = editing.members.find((member) => member.role === "lead") ?? null;
    const context = await pageContext(db, request, reply);
    return sendPage(reply, changeLeadPage(context, { ...editing, users, lead, values, issues, ...(conflict ? { conflict } : {}) }), status);
  }

  app.get(paths.people.changeLeadWorker(":id"), async (request, reply) => renderChangeLead(request, reply, {}, []));

  app.post(paths.people.changeLeadWorker(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await team.assertMayEditTeam(db, actor, personId);
    const values = formValues(request.body);
    const parsed = leadForm.safeParse({ newLeadUserId: values.newLeadUserId ?? "", previousLead: values.previousLead ?? "", expectedLeadUserId: values.expectedLeadUserId ?? "" });
    let issues = parsed.success ? [] : fieldIssues(parsed.error);
    if (parsed.success) {
      const { newLeadUserId, previousLead, expectedLeadUserId } = parsed.data;
      try {
        const change = await team.changeLeadWorker(db, actor, personId, newLeadUserId, { previousLead, expectedLeadUserId });
        const flash = { title: `${change.newLeadName} is now the lead worker` };
        return redirectWithFlash(db, request, reply, change.actorKeepsAccess ? `${paths.people.team(personId)}#members` : paths.caseload(), flash);
      } catch (error) {
        if (error instanceof Conflict) {
          const { expectedLeadUserId: _stale, ...mine } = values;
          void _stale;
          return renderChangeLead(request, reply, mine, [], 409, `${error.message}. Check your choice and save again.`);
        }
        issues = issuesOf(error);
      }
    }
    return renderChangeLead(request, reply, values, issues, 400);
  });

  const endPattern = paths.people.endTeamMember(":id", ":userId");

  async function renderEndMember(request: FastifyRequest, reply: FastifyReply, issues: FieldIssue[], status = 200) {
    const { userId } = request.params as { userId: string };
    if (!isUuid(userId)) throw new NotFound("They are not in the team around this person");
    const editing = await team.readMembership(db, request.actor as Actor, personIdFrom(request), userId);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, endMemberPage(context, { ...editing, values: {}, issues }), status);
  }

  app.get(endPattern, async (request, reply) => renderEndMember(request, reply, []));

  app.post(endPattern, async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const { userId } = request.params as { userId: string };
    if (!isUuid(userId)) throw new NotFound("They are not in the team around this person");
    // Read (and audit) the membership first: 404 when they are not in the team, 403 for those who only look.
    await team.readMembership(db, actor, personId, userId);
    const version = versionFrom(formValues(request.body));
    if (version === null) return renderEndMember(request, reply, [RELOAD], 400);
    try {
      const ended = await team.endMember(db, actor, personId, userId, version);
      return redirectWithFlash(db, request, reply, ended.actorKeepsAccess ? `${paths.people.team(personId)}#members` : paths.caseload(), { title: `${ended.name} has left the team` });
    } catch (error) {
      if (error instanceof Conflict) return renderEndMember(request, reply, [{ field: "form", message: `${error.message}. Check the team and try again.` }], 409);
      return renderEndMember(request, reply, issuesOf(error), 400);
    }
  });
};
