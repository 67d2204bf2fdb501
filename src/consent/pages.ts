import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { consentEditPage, consentFormPage, informationReceivedPage, withdrawPage, type ConsentFormValues } from "./form-views.ts";
import { changesFromForm, consentFromForm, formIssues, formList, informationFromForm, newConsentValues, newInformationValues, valuesFromConsent } from "./forms.ts";
import { consentSubject, scopeSummary } from "./present.ts";
import * as consent from "./service.ts";
import { consentPage } from "./views.ts";

function consentIdFrom(request: FastifyRequest): string {
  const { consentId } = request.params as { consentId: string };
  if (!isUuid(consentId)) throw new NotFound("Consent not found");
  return consentId;
}

function consentFormValues(body: unknown): ConsentFormValues {
  return { fields: formValues(body), scopes: formList(body, "scopes") };
}

export const consentRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.people.consents(":id"), async (request, reply) => {
    const overview = await consent.readConsents(db, request.actor as Actor, personIdFrom(request));
    return sendPage(reply, consentPage(await pageContext(db, request, reply), overview));
  });

  app.get(paths.people.newConsent(":id"), async (request, reply) => {
    const data = await consent.readConsentForm(db, request.actor as Actor, personIdFrom(request), "consent");
    return sendPage(reply, consentFormPage(await pageContext(db, request, reply), { data, values: newConsentValues(), issues: [] }));
  });

  app.post(paths.people.consents(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await consent.assertConsentAccess(db, actor, personId, "change");
    const values = consentFormValues(request.body);
    const read = consentFromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if ("consent" in read) {
      try {
        const saved = await consent.recordConsent(db, actor, personId, read.consent);
        const scopes = scopeSummary(saved.scopes);
        return redirectWithFlash(db, request, reply, paths.people.consents(personId), {
          title: "Consent recorded",
          text: `${consentSubject(saved)}${scopes ? ` (${scopes})` : ""}, to be reviewed by ${formatIsoDate(saved.reviewOn)}.`,
        });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = formIssues(error.issues);
      }
    }
    const data = await consent.readConsentForm(db, actor, personId, "consent");
    return sendPage(reply, consentFormPage(await pageContext(db, request, reply), { data, values, issues }), 400);
  });

  app.get(paths.consents.edit(":consentId"), async (request, reply) => {
    const record = await consent.readConsent(db, request.actor as Actor, consentIdFrom(request), "edit");
    return sendPage(reply, consentEditPage(await pageContext(db, request, reply), { record, values: valuesFromConsent(record.consent), issues: [] }));
  });

  app.post(paths.consents.update(":consentId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const consentId = consentIdFrom(request);
    await consent.assertMayChangeConsentById(db, actor, consentId);
    const values = consentFormValues(request.body);
    const before = await consent.readConsent(db, actor, consentId, "edit");
    const read = changesFromForm(values, before.consent);
    let issues = "issues" in read ? read.issues : [];
    let conflict: consent.ConsentRow | undefined;
    if ("changes" in read) {
      try {
        const saved = await consent.changeConsent(db, actor, consentId, read.version, read.changes);
        return redirectWithFlash(db, request, reply, paths.people.consents(saved.personId), { title: "Consent changed", text: `${consentSubject(saved)}: your changes are saved.` });
      } catch (error) {
        if (error instanceof Conflict) {
          conflict = error.current as consent.ConsentRow;
          values.fields.version = String(conflict.version);
        } else if (error instanceof Invalid) {
          issues = formIssues(error.issues);
        } else {
          throw error;
        }
      }
    }
    const record = conflict ? { ...before, consent: conflict } : before;
    const page = consentEditPage(await pageContext(db, request, reply), { record, values, issues, ...(conflict ? { conflict } : {}) });
    return sendPage(reply, page, conflict ? 409 : 400);
  });

  app.get(paths.consents.withdraw(":consentId"), async (request, reply) => {
    const record = await consent.readConsent(db, request.actor as Actor, consentIdFrom(request), "withdraw");
    return sendPage(reply, withdrawPage(await pageContext(db, request, reply), record));
  });

  app.post(paths.consents.withdraw(":consentId"), async (request, reply) => {
    const result = await consent.withdrawConsent(db, request.actor as Actor, consentIdFrom(request));
    const subject = consentSubject(result.consent);
    return redirectWithFlash(db, request, reply, paths.people.consents(result.consent.personId), {
      title: result.withdrawn ? `${subject} withdrawn` : `${subject} was already withdrawn`,
      ...(result.withdrawn ? { text: "This took effect straight away." } : {}),
    });
  });

  app.post(paths.consents.review(":consentId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const consentId = consentIdFrom(request);
    await consent.assertMayChangeConsentById(db, actor, consentId);
    const version = Number.parseInt(formValues(request.body).version ?? "", 10);
    if (!Number.isInteger(version)) throw new Invalid([{ field: "version", message: "Reload the consent page and try again" }]);
    const saved = await consent.markReviewed(db, actor, consentId, version);
    return redirectWithFlash(db, request, reply, paths.people.consents(saved.personId), {
      title: "Consent reviewed",
      text: `${consentSubject(saved)}: still agreed. Next review by ${formatIsoDate(saved.reviewOn)}.`,
    });
  });

  app.get(paths.people.informationReceived(":id"), async (request, reply) => {
    const data = await consent.readConsentForm(db, request.actor as Actor, personIdFrom(request), "information-received");
    return sendPage(reply, informationReceivedPage(await pageContext(db, request, reply), { data, fields: newInformationValues(), issues: [] }));
  });

  app.post(paths.people.informationReceived(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await consent.assertConsentAccess(db, actor, personId, "record");
    const fields = formValues(request.body);
    const data = await consent.readConsentForm(db, actor, personId, "information-received");
    const read = informationFromForm(fields, data.familyMembers.length > 0);
    let issues = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        await consent.recordInformationReceived(db, actor, personId, read.input);
        return redirectWithFlash(db, request, reply, `${paths.people.consents(personId)}#information-received`, {
          title: "What they told you has been recorded",
          text: "Nothing has been shared with them.",
        });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = formIssues(error.issues);
      }
    }
    return sendPage(reply, informationReceivedPage(await pageContext(db, request, reply), { data, fields, issues }), 400);
  });
};
