interface Named {
  legalFirstName: string;
  legalLastName: string;
  preferredFirstName: string | null;
  preferredLastName: string | null;
}

/** What the child is called day to day. */
export function displayName(p: Named): string {
  return `${p.preferredFirstName ?? p.legalFirstName} ${p.preferredLastName ?? p.legalLastName}`;
}

export function legalName(p: Named): string {
  return `${p.legalFirstName} ${p.legalLastName}`;
}

export function initials(p: Named): string {
  const first = (p.preferredFirstName ?? p.legalFirstName).charAt(0);
  const last = (p.preferredLastName ?? p.legalLastName).charAt(0);
  return `${first}${last}`.toUpperCase();
}
