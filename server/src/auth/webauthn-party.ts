// Who Tessera is to a security key: the relying party id (a domain) and the origin the
// browser must report. Both come from the configured public address, never from the
// request's Host header: a proxy under another name must not be able to ask for
// signatures meant for Tessera. A loopback address becomes "localhost", because an IP
// address cannot be a relying party id.
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (loopback) {
    const local = new URL(url);
    local.hostname = "localhost";
    return { id: "localhost", name: "Tessera", origins: [local.origin] };
  }
  return { id: url.hostname, name: "Tessera", origins: [url.origin] };
}
