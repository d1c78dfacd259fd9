// A record shows the name a category, agency, flag or document type had when it was
// filed, with the current one beside it when the school has renamed it since.

export function filedName(name: string, filedAs?: string | null): string {
  return filedAs && filedAs !== name ? `${filedAs} (now called ${name})` : name;
}
