/**
 * Directory look-ups the calls API needs: a user by email, a queue by name, an external
 * contact's phone number.
 * @module
 */

import {
  AmbiguousMatchError,
  ConfigurationError,
  type LookupSubject,
  NotFoundError,
} from "./errors.js";
import { type ApiResponse, type ApiTransport, segment } from "./transport/api-transport.js";

interface UserSearchResponse {
  total?: number;
  results?: Array<{ id: string; name?: string; email?: string }>;
}

interface QueueListing {
  entities?: Array<{ id: string; name: string }>;
  pageCount?: number;
}

const QUEUE_PAGE_SIZE = 100;

// NOTE: a name shared by more than 1000 queues (10 pages) is searched in its first 1000 only.
const MAX_QUEUE_PAGES = 10;

/** `PhoneNumber` of the SDK's `ExternalContact`. */
export interface ContactPhone {
  display?: string;
  e164?: string;
  countryCode?: string;
  extension?: number | string;
}

export interface ExternalContact {
  id: string;
  firstName?: string;
  lastName?: string;
  workPhone?: ContactPhone;
  cellPhone?: ContactPhone;
  homePhone?: ContactPhone;
  otherPhone?: ContactPhone;
}

// The order phones of an external contact are tried in when the caller did not pick one.
const CONTACT_PHONE_FIELDS = ["cellPhone", "workPhone", "homePhone", "otherPhone"] as const;

/** Look-ups against the Genesys directory, through the client's transport. */
export class Directory {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /**
   * Finds a user id by email with `POST /api/v2/users/search`, query type `EXACT` on `email`.
   * @throws NotFoundError when no user has that email; AmbiguousMatchError when several do.
   */
  async findUserIdByEmail(email: string): Promise<string> {
    const path = "/api/v2/users/search";
    const response = await this.#api.request<UserSearchResponse>("POST", path, {
      body: { pageSize: 25, query: [{ type: "EXACT", fields: ["email"], value: email }] },
    });
    const matches = (response.body?.results ?? []).filter(
      (user) => user.email === undefined || user.email.toLowerCase() === email.toLowerCase(),
    );

    return pickOne(
      { kind: "user", value: email },
      matches.map((user) => ({ id: user.id, name: user.name ?? user.email ?? user.id })),
      {
        method: "POST",
        path,
        status: response.status,
        attempts: response.attempts,
        correlationId: response.correlationId,
      },
    );
  }

  /**
   * Finds a queue id by name with `GET /api/v2/routing/queues?name=`. Genesys matches names
   * loosely (a `*` is a wildcard), so only names equal to `name`, ignoring case, count.
   * @throws NotFoundError when no queue has that name; AmbiguousMatchError when several do.
   */
  async findQueueIdByName(name: string): Promise<string> {
    if (name.includes("*")) {
      throw new ConfigurationError(
        `The queue name ${JSON.stringify(name)} contains "*", which Genesys reads as a wildcard.`,
        {
          code: "lookup.invalid_name",
          option: "queue",
          hint: "Name the queue by its id instead: queue:<id>.",
        },
      );
    }

    const path = "/api/v2/routing/queues";
    const expectedName = name.trim().toLowerCase();
    const matches: Array<{ id: string; name: string }> = [];
    let last: ApiResponse<QueueListing> | undefined;
    for (let pageNumber = 1; pageNumber <= MAX_QUEUE_PAGES; pageNumber += 1) {
      last = await this.#api.request<QueueListing>("GET", path, {
        query: { name, pageSize: QUEUE_PAGE_SIZE, pageNumber },
      });
      const entities = last.body?.entities ?? [];
      matches.push(...entities.filter((queue) => queue.name.trim().toLowerCase() === expectedName));
      if (entities.length < QUEUE_PAGE_SIZE || pageNumber >= (last.body?.pageCount ?? pageNumber)) {
        break;
      }
    }

    return pickOne({ kind: "queue", value: name }, matches, {
      method: "GET",
      path,
      status: last?.status ?? 200,
      attempts: last?.attempts ?? 1,
      correlationId: last?.correlationId,
    });
  }

  /** Reads an external contact with `GET /api/v2/externalcontacts/contacts/{contactId}`. */
  async getContact(contactId: string): Promise<ExternalContact> {
    const response = await this.#api.request<ExternalContact>(
      "GET",
      `/api/v2/externalcontacts/contacts/${segment(contactId)}`,
    );
    return response.body;
  }

  /**
   * Returns the number to dial for an external contact: the first of its cell, work, home and
   * other phones that has an E.164 form.
   * @throws NotFoundError when the contact has no phone number with an E.164 form.
   */
  async findContactPhone(contactId: string): Promise<string> {
    const contact = await this.getContact(contactId);
    for (const field of CONTACT_PHONE_FIELDS) {
      const e164 = contact[field]?.e164;
      if (typeof e164 === "string" && e164 !== "") {
        return e164;
      }
    }

    throw new NotFoundError({
      method: "GET",
      path: `/api/v2/externalcontacts/contacts/${segment(contactId)}`,
      status: 200,
      attempts: 1,
      lookup: { kind: "contact", value: contactId },
      message: `External contact ${contactId} has no phone number in E.164 form to dial`,
      hint: "Add a phone number to the contact in Genesys Cloud, or dial the number directly.",
    });
  }
}

function pickOne(
  subject: LookupSubject,
  matches: Array<{ id: string; name: string }>,
  request: {
    method: string;
    path: string;
    status: number;
    attempts: number;
    correlationId: string | undefined;
  },
): string {
  const [first, second] = matches;
  if (first !== undefined && second === undefined) {
    return first.id;
  }

  if (first !== undefined) {
    throw new AmbiguousMatchError(subject, matches);
  }

  throw new NotFoundError({
    method: request.method,
    path: request.path,
    status: request.status,
    attempts: request.attempts,
    ...(request.correlationId === undefined ? {} : { correlationId: request.correlationId }),
    lookup: subject,
    message: `No ${subject.kind} ${subject.kind === "user" ? "has the email" : "is named"} ${JSON.stringify(subject.value)}`,
    hint:
      subject.kind === "user"
        ? "Check the email, or name the user by id: user:<id>."
        : "Check the queue name (spaces count), or name the queue by id: queue:<id>.",
  });
}
