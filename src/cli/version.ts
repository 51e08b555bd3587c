// TODO: placeholder; the address module reports the phone metadata version here.
export function versionText(): string {
  return "gcdial 0.1.0";
}
