import { requireAnyPermission } from "../auth/permissions.js";
import { param, type RequestContext, tokenOf } from "../context.js";
import { type Org, type OrgContact, PERMISSIONS } from "../org.js";
import { ApiError, jsonResponse } from "../responses.js";
import { entityListing, readPage } from "./paging.js";

const CONTACT_VIEW = [PERMISSIONS.contactView, PERMISSIONS.relateContactView];

/** Builds an `ExternalContact` (platform-client-v2 model) whose phones are `PhoneNumber {display, e164, countryCode, extension?}`. */
export function contactView(org: Org, contact: OrgContact): Record<string, unknown> {
  return {
    id: contact.id,
    division: { id: org.division.id, name: org.division.name },
    firstName: contact.firstName,
    lastName: contact.lastName,
    workPhone: contact.workPhone,
    cellPhone: contact.cellPhone,
    workEmail: contact.workEmail,
    type: "Curated",
    selfUri: `/api/v2/externalcontacts/contacts/${contact.id}`,
  };
}

/** `GET /api/v2/externalcontacts/contacts/{contactId}`. */
export function getContact(ctx: RequestContext): Response {
  requireAnyPermission(tokenOf(ctx), CONTACT_VIEW);
  const contact = ctx.state.org.contacts.find(
    (candidate) => candidate.id === param(ctx, "contactId"),
  );
  if (contact === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  return jsonResponse(ctx.exchange, 200, contactView(ctx.state.org, contact));
}

function searchableText(contact: OrgContact): string {
  const phones = [contact.workPhone, contact.cellPhone].flatMap((phone) =>
    phone === undefined ? [] : [phone.e164, phone.display],
  );
  return [contact.firstName, contact.lastName, contact.workEmail, ...phones]
    .join(" ")
    .toLowerCase();
}

/**
 * `GET /api/v2/externalcontacts/contacts?q=`: contacts whose name, email or phone contains `q`.
 * Genesys limits pageNumber x pageSize to 1000.
 */
export function searchContacts(ctx: RequestContext): Response {
  requireAnyPermission(tokenOf(ctx), CONTACT_VIEW);
  const query = ctx.url.searchParams;
  const page = readPage(
    {
      pageSize: query.get("pageSize") ?? undefined,
      pageNumber: query.get("pageNumber") ?? undefined,
    },
    20,
  );
  if (page.pageSize * page.pageNumber > 1000) {
    throw new ApiError(400, "bad.request");
  }

  const q = (query.get("q") ?? "").trim().toLowerCase();
  const { org } = ctx.state;
  const found = org.contacts
    .filter((contact) => q === "" || searchableText(contact).includes(q))
    .map((contact) => contactView(org, contact));
  const filters: Record<string, string> = q === "" ? {} : { q };
  return jsonResponse(
    ctx.exchange,
    200,
    entityListing(found, page, "/api/v2/externalcontacts/contacts", filters),
  );
}
