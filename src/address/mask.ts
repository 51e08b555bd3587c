/** Digit runs long enough to be phone numbers: 7 or more digits with common separators between. */
const PHONE_LIKE = /(?<![\w+])\+?\d(?:[\d \-.()]*\d)?(?!\w)/g;

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const MIN_PHONE_DIGITS = 7;

const EMAIL_LOCAL_PART = /(?<![\w.+*%-])([\w.+*%-]+)@(?=[\w[])/g;

/**
 * Masks the middle digits of a number, keeping up to 4 leading and 2 trailing digits and every
 * separator: `+12015550123` becomes `+1201*****23`, `+1 201-555-0123` becomes `+1 201-***-**23`.
 */
function maskDigits(number: string): string {
  const digitCount = number.replace(/\D/g, "").length;
  const keepHead = Math.min(4, Math.max(0, digitCount - 6));
  const keepTail = 2;
  let seen = 0;
  let masked = "";
  for (const character of number) {
    if (character < "0" || character > "9") {
      masked += character;
      continue;
    }

    seen += 1;
    masked += seen <= keepHead || seen > digitCount - keepTail ? character : "*";
  }

  return masked;
}

/**
 * Masks every phone number in free text (log lines, error messages) so that it can be written to
 * a log: digit runs of 7 or more digits get their middle digits replaced by `*`. UUIDs and ISO
 * dates are left alone, and shorter runs (extensions, counts, status codes) are kept.
 */
export function maskPhoneNumbersInText(text: string): string {
  const uuids: Array<[number, number]> = [];
  for (const match of text.matchAll(UUID_IN_TEXT)) {
    uuids.push([match.index, match.index + match[0].length]);
  }

  return text.replace(PHONE_LIKE, (candidate: string, offset: number) => {
    const insideUuid = uuids.some(
      ([start, end]) => offset < end && offset + candidate.length > start,
    );
    if (insideUuid || ISO_DATE.test(candidate)) {
      return candidate;
    }

    const digitCount = candidate.replace(/\D/g, "").length;
    return digitCount >= MIN_PHONE_DIGITS ? maskDigits(candidate) : candidate;
  });
}

/**
 * Masks an address for logs: the middle digits of phone numbers (`+1201*****23`), including those
 * inside `tel:` and `sip:` URIs, and all but the first character of an email or SIP user name
 * (`a***@example.com`). Ids, queue names, hosts and extensions are kept.
 */
export function maskAddress(value: string): string {
  const withoutNumbers = maskPhoneNumbersInText(value);
  return withoutNumbers.replace(EMAIL_LOCAL_PART, (whole: string, localPart: string) =>
    // A local part that is a masked phone number (`sip:+1201*****23@host`) is masked already.
    localPart.includes("*") ? whole : `${localPart.slice(0, 1)}***@`,
  );
}
